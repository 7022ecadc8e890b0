import { highlightedParts } from "@factdesk/schema";

/** Text with its search hits in <mark>; rendered as text, never as HTML. */
export function Highlighted({ text }: { text: string }) {
  return (
    <>
      {highlightedParts(text).map((part, i) =>
        part.hit ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
      )}
    </>
  );
}
