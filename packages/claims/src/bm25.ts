/** Okapi BM25, the standard ranking of documents for a bag of query words. */
export interface TBm25Corpus {
  docs: number;
  avgLength: number;
  /** How many documents contain each term. */
  df: ReadonlyMap<string, number>;
}

export const BM25 = { k1: 1.2, b: 0.75 } as const;

/** Robertson–Spärck Jones idf, floored at 0 so a term in most documents never counts against. */
export function idf(corpus: TBm25Corpus, term: string): number {
  const n = corpus.df.get(term) ?? 0;
  return Math.max(0, Math.log(1 + (corpus.docs - n + 0.5) / (n + 0.5)));
}

/** Score of one document (term frequencies and length) for the query terms. */
export function bm25(
  corpus: TBm25Corpus,
  query: readonly string[],
  tf: ReadonlyMap<string, number>,
  length: number,
): number {
  const norm = BM25.k1 * (1 - BM25.b + (BM25.b * length) / (corpus.avgLength || 1));
  let score = 0;
  for (const term of query) {
    const f = tf.get(term) ?? 0;
    if (f > 0) score += (idf(corpus, term) * f * (BM25.k1 + 1)) / (f + norm);
  }
  return score;
}

/**
 * What a document of average length holding every query term once scores: a full match.
 * Dividing by it puts scores on a 0–1 scale (clamp: repeated terms and short texts go past 1).
 */
export function bm25FullMatch(corpus: TBm25Corpus, query: readonly string[]): number {
  return query.reduce((sum, term) => sum + idf(corpus, term), 0);
}

/**
 * Term frequencies of a Postgres tsvector in its text form ('word':1A,4 'other':2B), each
 * position counted by the weight of its label, so a title (B) counts less than the claim (A).
 */
export function parseTsvector(text: string, weights: Partial<Record<"A" | "B" | "C" | "D", number>> = {}) {
  const tf = new Map<string, number>();
  let length = 0;
  for (const match of text.matchAll(/'((?:[^']|'')*)'(?::([\dA-D,]+))?/g)) {
    const lexeme = (match[1] ?? "").replace(/''/g, "'");
    const positions = match[2]?.split(",") ?? ["1D"];
    let f = 0;
    for (const position of positions) {
      const label = (position.match(/[A-D]$/)?.[0] ?? "D") as "A" | "B" | "C" | "D";
      f += weights[label] ?? 1;
    }
    tf.set(lexeme, f);
    length += f;
  }
  return { tf, length };
}
