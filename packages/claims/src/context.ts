export interface TSentenceContext {
  before: string;
  sentence: string;
  after: string;
}

/**
 * The sentence at [start, end) with up to `radius` characters either side, cut at word
 * boundaries, so a reader sees the claim where it was written.
 */
export function sentenceContext(body: string, start: number, end: number, radius = 400): TSentenceContext {
  const from = Math.max(0, start - radius);
  const to = Math.min(body.length, end + radius);
  let before = body.slice(from, start);
  let after = body.slice(end, to);
  if (from > 0) before = `…${before.replace(/^\S*\s/, "")}`;
  if (to < body.length) after = `${after.replace(/\s\S*$/, "")}…`;
  return { before, sentence: body.slice(start, end), after };
}
