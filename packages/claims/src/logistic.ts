import type { TFeatures } from "./features";

export type TWeights = Record<string, number>;

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

export const predict = (weights: TWeights, features: TFeatures) => {
  let sum = 0;
  for (const [name, value] of features) sum += (weights[name] ?? 0) * value;
  return sigmoid(sum);
};

/** Deterministic shuffling (mulberry32), so training is reproducible. */
function shuffled<T>(items: T[], seed: number): T[] {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

/**
 * L2-regularised logistic regression by stochastic gradient descent with AdaGrad step
 * sizes over sparse features. `positiveWeight` rebalances rare positives; a row's `weight`
 * scales its say (a dataset whose labels mean something narrower can count for less).
 */
export function trainLogistic(
  rows: { features: TFeatures; label: 0 | 1; weight?: number }[],
  { epochs = 6, rate = 0.2, l2 = 1e-5, positiveWeight = 1, seed = 1 } = {},
): TWeights {
  const weights = new Map<string, number>();
  const squares = new Map<string, number>();
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (const { features, label, weight = 1 } of shuffled(rows, seed + epoch)) {
      let sum = 0;
      for (const [name, value] of features) sum += (weights.get(name) ?? 0) * value;
      const error = (sigmoid(sum) - label) * (label ? positiveWeight : 1) * weight;
      for (const [name, value] of features) {
        const w = weights.get(name) ?? 0;
        const gradient = error * value + l2 * w;
        const square = (squares.get(name) ?? 0) + gradient * gradient;
        squares.set(name, square);
        weights.set(name, w - (rate * gradient) / Math.sqrt(square + 1e-8));
      }
    }
  }
  return Object.fromEntries(weights);
}

type TRow = { features: TFeatures; label: 0 | 1; weight?: number };

/**
 * Naive Bayes log-count ratios (Wang & Manning's NB-SVM): for each feature, how much more
 * often it occurs in positive rows than in negative ones, smoothed by `alpha`.
 */
export function logCountRatios(rows: TRow[], alpha = 1): Map<string, number> {
  const positive = new Map<string, number>();
  const negative = new Map<string, number>();
  for (const { features, label, weight = 1 } of rows) {
    const counts = label ? positive : negative;
    for (const name of features.keys()) counts.set(name, (counts.get(name) ?? 0) + weight);
  }
  const names = new Set([...positive.keys(), ...negative.keys()]);
  let positiveTotal = 0;
  let negativeTotal = 0;
  for (const name of names) {
    positiveTotal += (positive.get(name) ?? 0) + alpha;
    negativeTotal += (negative.get(name) ?? 0) + alpha;
  }
  return new Map(
    [...names].map((name) => [
      name,
      Math.log(((positive.get(name) ?? 0) + alpha) / positiveTotal) -
        Math.log(((negative.get(name) ?? 0) + alpha) / negativeTotal),
    ]),
  );
}

/**
 * Logistic regression over features scaled by their log-count ratios (NB-LR): on short
 * texts it beats both Naive Bayes and plain logistic regression. Only the features `scaled`
 * picks (words, say) are scaled; the ratios are folded into the returned weights, so
 * `predict` takes the sentence's plain features.
 */
export function trainNbLogistic(
  rows: TRow[],
  {
    scaled,
    alpha = 1,
    ...options
  }: Parameters<typeof trainLogistic>[1] & {
    scaled: (name: string) => boolean;
    alpha?: number;
  },
): TWeights {
  const ratios = logCountRatios(rows, alpha);
  const ratio = (name: string) => (scaled(name) ? (ratios.get(name) ?? 0) : 1);
  const weights = trainLogistic(
    rows.map((row) => ({
      ...row,
      features: new Map([...row.features].map(([name, value]) => [name, value * ratio(name)])),
    })),
    options,
  );
  return Object.fromEntries(Object.entries(weights).map(([name, w]) => [name, w * ratio(name)]));
}
