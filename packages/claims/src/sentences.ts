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
 * Sentences of `text` with their character offsets, trimmed of surrounding whitespace.
 * Paragraph breaks always end a sentence (titles and captions have no full stop), and
 * abbreviations, initials and acronyms do not.
 */
export function splitSentences(text: string): TSentence[] {
  const sentences: TSentence[] = [];
  for (const paragraph of text.matchAll(/[^\n]+/g)) {
    const pieces = [...segmenter.segment(paragraph[0])];
    let start: number | null = null;
    pieces.forEach(({ segment, index }, i) => {
      start ??= paragraph.index + index;
      const next = pieces[i + 1]?.segment;
      if (next !== undefined && continues(segment, next)) return;
      const raw = text.slice(start, paragraph.index + index + segment.length);
      const leading = raw.length - raw.trimStart().length;
      const trimmed = raw.trim();
      if (trimmed)
        sentences.push({ text: trimmed, start: start + leading, end: start + leading + trimmed.length });
      start = null;
    });
  }
  return sentences;
}
