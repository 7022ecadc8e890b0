import { textColourOn } from "@factdesk/schema";

/** A rating as colour and text (never colour alone), legible on any colour an admin picks. */
export function RatingBadge({ label, colour }: { label: string; colour: string }) {
  return (
    <span
      className="badge rating-badge"
      style={{ background: colour, color: textColourOn(colour), borderColor: colour }}
    >
      {label}
    </span>
  );
}
