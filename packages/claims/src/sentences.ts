export interface TSentence {
  text: string;
  /** Offsets into the original text: original.slice(start, end) === text. */
  start: number;
  end: number;
}

const segmenter = new Intl.Segmenter("en", { granularity: "sentence" });

/**
 * Sentences of `text` with their character offsets, trimmed of surrounding whitespace.
 * Paragraph breaks always end a sentence (titles and captions have no full stop).
 */
export function splitSentences(text: string): TSentence[] {
  const sentences: TSentence[] = [];
  for (const paragraph of text.matchAll(/[^\n]+/g)) {
    for (const { segment, index } of segmenter.segment(paragraph[0])) {
      const leading = segment.length - segment.trimStart().length;
      const trimmed = segment.trim();
      if (!trimmed) continue;
      const start = paragraph.index + index + leading;
      sentences.push({ text: trimmed, start, end: start + trimmed.length });
    }
  }
  return sentences;
}
