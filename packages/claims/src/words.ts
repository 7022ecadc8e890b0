import model from "wink-eng-lite-web-model";
import { normalizeForMatching } from "./normalize";

const porter = model.addons.stem as (word: string) => string;
/**
 * A word's stem, possessive dropped and British spelling folded. Stemming is most of a
 * comparison's cost, and words repeat: stems are kept (a bounded map).
 */
const stems = new Map<string, string>();
const stem = (word: string) => {
  let stemmed = stems.get(word);
  if (stemmed === undefined) {
    if (stems.size >= 100_000) stems.clear();
    stemmed = porter(word.replace(/'s$/, "").replace(/isation/, "ization"));
    stems.set(word, stemmed);
  }
  return stemmed;
};

const stopwords = new Set(
  "a an the and or but of in on at to for from by with as is was were be been are it its this that these those has have had he she they we i you his her their our not no which who whom than then there also into over after before about".split(
    " ",
  ),
);

/** Names written several ways, one spelling each ("U.S." and "United States" are one word). */
const aliases: [RegExp, string][] = [
  [/\b(?:U\.S\.A?\.?|USA\b|US\b|United States(?: of America)?\b|America\b)/g, " usa "],
  [/\b(?:E\.U\.|EU\b|European Union\b)/g, " eu "],
  [/\b(?:U\.K\.|UK\b|United Kingdom\b|Britain\b)/g, " uk "],
  [/\b(?:U\.N\.|UN\b|United Nations\b)/g, " un "],
];

/** Content words of a text, Porter-stemmed, British spellings folded, for comparing claims. */
export function contentWords(text: string): string[] {
  const canonical = aliases.reduce((t, [pattern, name]) => t.replace(pattern, name), text);
  return (normalizeForMatching(canonical).match(/[\p{L}\p{N}][\p{L}\p{N}'-]*/gu) ?? [])
    .filter((word) => !stopwords.has(word))
    .map(stem);
}
