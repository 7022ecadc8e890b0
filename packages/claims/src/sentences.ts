export interface TSentence {
  text: string;
  /** Offsets into the original text: original.slice(start, end) === text. */
  start: number;
  end: number;
}

const segmenter = new Intl.Segmenter("en", { granularity: "sentence" });

/** Abbreviations that never end a sentence: titles, months, and the like. */
const neverFinal = new Set(
  "mr mrs ms dr prof gen lt col capt sgt sen rep gov sec st mt ft jr sr rev hon pres amb adm cmdr maj jan feb mar apr jun jul aug sep sept oct nov dec no nos vol fig approx dept est inc ltd co corp vs cf".split(
    " ",
  ),
);
/** Words that usually open a new sentence after an acronym such as "U.S.". */
const sentenceOpeners = new Set(
  "the a an it its this that these those he she they we i you in on at but and or so however yet still later after before then there here his her their our".split(
    " ",
  ),
);

/** Whether the text before `next` ends with an abbreviation that continues into `next`. */
function continues(text: string, next: string): boolean {
  const last = /(\S+)\s*$/.exec(text)?.[1] ?? "";
  if (!last.endsWith(".")) return false;
  const word = last.slice(0, -1).replace(/^[("“‘']+/, "");
  if (neverFinal.has(word.toLowerCase())) return true;
  if (/^\p{Lu}$/u.test(word)) return true; // an initial: "J. R. Jones"
  if (/^(\p{L}\.)+\p{L}$/u.test(word)) {
    // A dotted acronym (U.S., E.U.): the sentence goes on unless the next word opens one.
    const first = /^[\s"“‘']*(\p{L}+)/u.exec(next)?.[1] ?? "";
    return /^\p{Lu}/u.test(first) && !sentenceOpeners.has(first.toLowerCase());
  }
  return false;
}

/**
 * ICU's sentence iterator slows with the square of its input's length, so it only ever sees
 * a window this long; no sentence grows past it either (a 1 MB run of "U.S. U.S." is no claim).
 */
const WINDOW = 4096;

/**
 * The segmenter's pieces of one paragraph, with offsets into it: each window is segmented
 * from the start of the previous window's last piece, which may have been cut short, so the
 * pieces are ICU's own and time and memory stay linear in the paragraph's length.
 */
function* segmentPieces(paragraph: string): Generator<{ segment: string; index: number }> {
  let from = 0;
  while (from < paragraph.length) {
    const to = Math.min(paragraph.length, from + WINDOW);
    const pieces = [...segmenter.segment(paragraph.slice(from, to))];
    const complete = to === paragraph.length || pieces.length === 1 ? pieces : pieces.slice(0, -1);
    for (const { segment, index } of complete) yield { segment, index: from + index };
    const last = complete.at(-1);
    from = last ? from + last.index + last.segment.length : to;
  }
}

/**
 * Sentences of `text` with their character offsets, trimmed of surrounding whitespace.
 * Paragraph breaks always end a sentence (titles and captions have no full stop), and
 * abbreviations, initials and acronyms do not.
 */
export function splitSentences(text: string): TSentence[] {
  const sentences: TSentence[] = [];
  for (const paragraph of text.matchAll(/[^\n]+/g)) {
    let start: number | null = null;
    let previous: { segment: string; index: number } | undefined;
    const close = (piece: { segment: string; index: number }) => {
      const raw = text.slice(start ?? 0, paragraph.index + piece.index + piece.segment.length);
      const leading = raw.length - raw.trimStart().length;
      const trimmed = raw.trim();
      const at = (start ?? 0) + leading;
      if (trimmed) sentences.push({ text: trimmed, start: at, end: at + trimmed.length });
      start = null;
    };
    for (const piece of segmentPieces(paragraph[0])) {
      const tooLong = start !== null && paragraph.index + piece.index - start > WINDOW;
      if (previous && (tooLong || !continues(previous.segment, piece.segment))) close(previous);
      start ??= paragraph.index + piece.index;
      previous = piece;
    }
    if (previous) close(previous);
  }
  return sentences;
}
