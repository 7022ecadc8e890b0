import { textColourOn } from "@factdesk/schema";
import { FormattedMessage } from "react-intl";

type TRatingShown = { label: string; colour: string };

/**
 * A rating as colour and words (never colour alone), legible on any colour an admin picks.
 * A retracted verdict's rating no longer stands: it says so and shows what it was, struck out.
 */
export function RatingBadge({
  rating,
  retracted = false,
}: {
  rating: TRatingShown | null;
  retracted?: boolean;
}) {
  if (retracted)
    return (
      <span className="rating-retracted">
        <strong>
          <FormattedMessage id="rating.retracted" />
        </strong>
        {rating && (
          <>
            {" "}
            <FormattedMessage id="rating.wasRated" values={{ rating: <s>{rating.label}</s> }} />
          </>
        )}
      </span>
    );
  if (!rating) return null;
  return (
    <span
      className="rating-badge"
      style={{ background: rating.colour, color: textColourOn(rating.colour), borderColor: rating.colour }}
    >
      {rating.label}
    </span>
  );
}
