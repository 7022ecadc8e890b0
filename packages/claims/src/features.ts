import * as chrono from "chrono-node";
import model from "wink-eng-lite-web-model";
import winkNLP, { type ItemToken } from "wink-nlp";

// Only the annotations the features read: sentence splitting, negation and sentiment would
// cost a fifth of the time and change none of them (checked on every ClaimBuster sentence).
const nlp = winkNLP(model, ["ner", "pos"]);
const its = nlp.its;

/**
 * What every date chrono reads has: a digit, a month or weekday, a casual day or time, or a
 * unit of time. Sentences without one skip chrono's twenty-odd patterns (a tenth of the fast
 * model's time); on 93,818 sentences of the datasets and seeds chrono found no date in any.
 */
const MAY_BE_DATE =
  /\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|now|today|tonight|tomorrow|overmorrow|tmr|yesterday|morning|afternoon|evening|night|midnight|midday|noon|sec|min|hr|hour|day|week|mo|qtr|quarter|yr|year|[smhdwy]\b)/i;

/** Sparse features of one sentence: name → value (1 for presence). */
export type TFeatures = Map<string, number>;

/**
 * Cues a fact-checker would name, each with the reason shown to people. The model learns
 * their weights; the reasons explain a score by the cues that moved it most.
 */
export const cues: {
  name: string;
  reason: string;
  test: (s: string, tags: Set<string>, entities: Set<string>) => boolean;
}[] = [
  {
    name: "number",
    reason: "has a number",
    test: (_s, _t, e) => e.has("CARDINAL") || e.has("PERCENT") || e.has("MONEY"),
  },
  { name: "year", reason: "has a year", test: (s) => /\b(1[6-9]|20)\d{2}s?\b/.test(s) },
  {
    name: "date",
    reason: "has a date",
    test: (s, _t, e) => e.has("DATE") || (MAY_BE_DATE.test(s) && chrono.parse(s).length > 0),
  },
  { name: "proper_noun", reason: "names a person, place or organisation", test: (_s, t) => t.has("PROPN") },
  {
    name: "attribution",
    reason: "attributed statement",
    test: (s) => /\b(said|says|told|stated|claimed|announced|according to|reported|testified)\b/i.test(s),
  },
  {
    name: "comparative",
    reason: "comparative",
    test: (s) => /\b(more|less|fewer|higher|lower|larger|smaller|than)\b/i.test(s),
  },
  {
    name: "superlative",
    reason: "superlative",
    test: (s) => /\b(most|least|largest|highest|lowest|biggest|first|only)\b/i.test(s),
  },
  { name: "question", reason: "question", test: (s) => s.trim().endsWith("?") },
  {
    name: "opinion",
    reason: "opinion wording",
    test: (s) =>
      /\b(i think|i believe|in my (view|opinion)|should|must|ought|seems?|arguably|perhaps|clearly|obviously)\b/i.test(
        s,
      ),
  },
  { name: "first_person", reason: "first-person rhetoric", test: (s) => /\b(i|we|our|us|my)\b/i.test(s) },
  { name: "short", reason: "too short to check", test: (s) => s.split(/\s+/).length < 6 },
];

export const cueReason = new Map(cues.map((cue) => [`cue:${cue.name}`, cue.reason]));

export function sentenceFeatures(sentence: string): TFeatures {
  const doc = nlp.readDoc(sentence);
  const words: string[] = [];
  const tags = new Set<string>();
  doc.tokens().each((token: ItemToken) => {
    const type = token.out(its.type);
    if (type === "word") words.push(token.out(its.normal));
    else if (type === "number") words.push("<num>");
    tags.add(token.out(its.pos));
  });
  const entities = new Set(doc.entities().out(its.type) as string[]);

  const features: TFeatures = new Map([["bias", 1]]);
  for (const word of words) features.set(`w:${word}`, 1);
  for (let i = 1; i < words.length; i++) features.set(`b:${words[i - 1]}_${words[i]}`, 1);
  for (const tag of tags) features.set(`pos:${tag}`, 1);
  for (const entity of entities) features.set(`ent:${entity}`, 1);
  for (const cue of cues) if (cue.test(sentence, tags, entities)) features.set(`cue:${cue.name}`, 1);
  return features;
}
