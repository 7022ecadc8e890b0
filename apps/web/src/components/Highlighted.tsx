import { highlightedParts } from "@factdesk/schema";

/** Text with its search hits in <mark>; rendered as text, never as HTML. */
export function Highlighted({ text }: { text: string }) {
  return (
    <>
      {highlightedParts(text).map((part, i) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: positional parts of one text, never reordered
        part.hit ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
      )}
    </>
  );
}
