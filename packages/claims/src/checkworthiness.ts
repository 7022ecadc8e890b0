export interface TCheckWorthiness {
  /** In [0, 1]: how much the sentence looks like a checkable statement of fact. */
  score: number;
  reasons: string[];
}

interface Signal {
  reason: string;
  weight: number;
  test: (sentence: string) => boolean;
}

// A first, transparent heuristic: signals that make a sentence verifiable push the score up,
// signs of opinion or rhetoric push it down. Each firing signal is reported as a reason.
const signals: Signal[] = [
  { reason: "has a number", weight: 1.2, test: (s) => /\d/.test(s.replace(/\b(1[6-9]|20)\d{2}\b/g, "")) },
  { reason: "has a year", weight: 1.0, test: (s) => /\b(1[6-9]|20)\d{2}s?\b/.test(s) },
  {
    reason: "names an organisation or person",
    weight: 0.8,
    test: (s) => /(?<!^)\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+\b|\b[A-Z]{2,}\b/.test(s),
  },
  {
    reason: "attributed statement",
    weight: 0.7,
    test: (s) => /\b(said|says|told|stated|claimed|according to|reported)\b/i.test(s),
  },
  {
    reason: "comparative or superlative",
    weight: 0.5,
    test: (s) => /\b(more|less|fewer|most|least|largest|highest|lowest|\w+est)\b/i.test(s),
  },
  { reason: "question", weight: -1.5, test: (s) => s.trim().endsWith("?") },
  {
    reason: "opinion wording",
    weight: -1.0,
    test: (s) => /\b(I think|I believe|in my view|should|must|seems?|arguably|perhaps)\b/i.test(s),
  },
  { reason: "first-person rhetoric", weight: -0.6, test: (s) => /\b(I|we|our|us)\b/.test(s) },
  { reason: "too short to check", weight: -2.0, test: (s) => s.split(/\s+/).length < 5 },
];

const BIAS = -1.2;
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

export function scoreCheckWorthiness(sentence: string): TCheckWorthiness {
  const fired = signals.filter((signal) => signal.test(sentence));
  const logit = fired.reduce((sum, signal) => sum + signal.weight, BIAS);
  return { score: Math.round(sigmoid(logit) * 1000) / 1000, reasons: fired.map((s) => s.reason) };
}
