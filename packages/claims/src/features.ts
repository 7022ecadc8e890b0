import * as chrono from "chrono-node";
import model from "wink-eng-lite-web-model";
import winkNLP from "wink-nlp";

const nlp = winkNLP(model);
const its = nlp.its;

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
  { name: "date", reason: "has a date", test: (s, _t, e) => e.has("DATE") || chrono.parse(s).length > 0 },
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
  const types = doc.tokens().out(its.type) as string[];
  const normals = doc.tokens().out(its.normal) as string[];
  const tags = new Set(doc.tokens().out(its.pos) as string[]);
  const entities = new Set(doc.entities().out(its.type) as string[]);
  normals.forEach((normal, i) => {
    const type = types[i];
    if (type === "word") words.push(normal);
    else if (type === "number") words.push("<num>");
  });

  const features: TFeatures = new Map([["bias", 1]]);
  for (const word of words) features.set(`w:${word}`, 1);
  for (let i = 1; i < words.length; i++) features.set(`b:${words[i - 1]}_${words[i]}`, 1);
  for (const tag of tags) features.set(`pos:${tag}`, 1);
  for (const entity of entities) features.set(`ent:${entity}`, 1);
  for (const cue of cues) if (cue.test(sentence, tags, entities)) features.set(`cue:${cue.name}`, 1);
  return features;
}
