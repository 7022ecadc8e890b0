import type { TFeatures } from "./features";

export type TWeights = Record<string, number>;

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** Weights as a Map: tens of thousands of keys make an object a slow dictionary. */
export const weightMap = (weights: TWeights): ReadonlyMap<string, number> => new Map(Object.entries(weights));

export const predict = (weights: ReadonlyMap<string, number>, features: TFeatures) => {
  let sum = 0;
  for (const [name, value] of features) sum += (weights.get(name) ?? 0) * value;
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

type TRow = { features: TFeatures; label: 0 | 1; weight?: number };

/** A row whose features are numbered in one vocabulary: what training works on. */
export interface TNumberedRow {
  ids: Int32Array;
  values: Float64Array;
  label: 0 | 1;
  weight: number;
}

/** Numbers each row's features, adding new names to `vocabulary` (name → id). */
export function numberRows(rows: readonly TRow[], vocabulary: Map<string, number>): TNumberedRow[] {
  return rows.map(({ features, label, weight = 1 }) => {
    const ids = new Int32Array(features.size);
    const values = new Float64Array(features.size);
    let k = 0;
    for (const [name, value] of features) {
      let id = vocabulary.get(name);
      if (id === undefined) {
        id = vocabulary.size;
        vocabulary.set(name, id);
      }
      ids[k] = id;
      values[k++] = value;
    }
    return { ids, values, label, weight };
  });
}

const dot = (weights: Float64Array, { ids, values }: Pick<TNumberedRow, "ids" | "values">) => {
  let sum = 0;
  for (let k = 0; k < ids.length; k++) sum += (weights[ids[k] as number] as number) * (values[k] as number);
  return sum;
};

/** The probability a numbered row is positive, under weights from the same vocabulary. */
export const predictNumbered = (weights: Float64Array, row: Pick<TNumberedRow, "ids" | "values">) =>
  sigmoid(dot(weights, row));

type TTraining = { epochs?: number; rate?: number; l2?: number; positiveWeight?: number; seed?: number };

/**
 * L2-regularised logistic regression by stochastic gradient descent with AdaGrad step
 * sizes over sparse numbered features (`size` is the vocabulary's). `positiveWeight`
 * rebalances rare positives; a row's `weight` scales its say (a dataset whose labels mean
 * something narrower can count for less). Typed arrays keep the many trainings of nested
 * cross-validation affordable.
 */
export function trainNumbered(
  rows: readonly TNumberedRow[],
  size: number,
  { epochs = 6, rate = 0.2, l2 = 1e-5, positiveWeight = 1, seed = 1 }: TTraining = {},
): Float64Array {
  const weights = new Float64Array(size);
  const squares = new Float64Array(size);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (const row of shuffled(rows as TNumberedRow[], seed + epoch)) {
      const error = (sigmoid(dot(weights, row)) - row.label) * (row.label ? positiveWeight : 1) * row.weight;
      for (let k = 0; k < row.ids.length; k++) {
        const id = row.ids[k] as number;
        const w = weights[id] as number;
        const gradient = error * (row.values[k] as number) + l2 * w;
        const square = (squares[id] as number) + gradient * gradient;
        squares[id] = square;
        weights[id] = w - (rate * gradient) / Math.sqrt(square + 1e-8);
      }
    }
  }
  return weights;
}

/** Plain logistic regression over named features (see trainNumbered). */
export function trainLogistic(rows: TRow[], options: TTraining = {}): TWeights {
  const vocabulary = new Map<string, number>();
  const weights = trainNumbered(numberRows(rows, vocabulary), vocabulary.size, options);
  return Object.fromEntries([...vocabulary].map(([name, id]) => [name, weights[id] as number]));
}

/**
 * Naive Bayes log-count ratios (Wang & Manning's NB-SVM): for each feature present in the
 * rows, how much more often it occurs in positive rows than in negative ones, smoothed by
 * `alpha`; 0 for a feature the rows never show.
 */
export function numberedLogCountRatios(rows: readonly TNumberedRow[], size: number, alpha = 1): Float64Array {
  const positive = new Float64Array(size);
  const negative = new Float64Array(size);
  const present = new Uint8Array(size);
  for (const { ids, label, weight } of rows)
    for (const id of ids) {
      const counts = label ? positive : negative;
      counts[id] = (counts[id] as number) + weight;
      present[id] = 1;
    }
  let positiveTotal = 0;
  let negativeTotal = 0;
  for (let id = 0; id < size; id++)
    if (present[id]) {
      positiveTotal += (positive[id] as number) + alpha;
      negativeTotal += (negative[id] as number) + alpha;
    }
  const ratios = new Float64Array(size);
  for (let id = 0; id < size; id++)
    if (present[id])
      ratios[id] =
        Math.log(((positive[id] as number) + alpha) / positiveTotal) -
        Math.log(((negative[id] as number) + alpha) / negativeTotal);
  return ratios;
}

export function logCountRatios(rows: TRow[], alpha = 1): Map<string, number> {
  const vocabulary = new Map<string, number>();
  const ratios = numberedLogCountRatios(numberRows(rows, vocabulary), vocabulary.size, alpha);
  return new Map([...vocabulary].map(([name, id]) => [name, ratios[id] as number]));
}

/**
 * Logistic regression over features scaled by their log-count ratios (NB-LR): on short
 * texts it beats both Naive Bayes and plain logistic regression. Only the features `scaled`
 * marks (words, say; by id) are scaled; the ratios are folded into the returned weights, so
 * prediction takes the sentence's plain features.
 */
export function trainNbNumbered(
  rows: readonly TNumberedRow[],
  scaled: readonly boolean[],
  { alpha = 1, ...options }: TTraining & { alpha?: number } = {},
): Float64Array {
  const ratios = numberedLogCountRatios(rows, scaled.length, alpha);
  const factor = Float64Array.from(scaled, (isScaled, id) => (isScaled ? (ratios[id] as number) : 1));
  const weights = trainNumbered(
    rows.map((row) => ({
      ...row,
      values: row.values.map((value, k) => value * (factor[row.ids[k] as number] as number)),
    })),
    scaled.length,
    options,
  );
  return weights.map((w, id) => w * (factor[id] as number));
}

/** NB-LR over named features (see trainNbNumbered). */
export function trainNbLogistic(
  rows: TRow[],
  { scaled, ...options }: TTraining & { scaled: (name: string) => boolean; alpha?: number },
): TWeights {
  const vocabulary = new Map<string, number>();
  const numbered = numberRows(rows, vocabulary);
  const names = [...vocabulary.keys()];
  const weights = trainNbNumbered(numbered, names.map(scaled), options);
  return Object.fromEntries(names.map((name, id) => [name, weights[id] as number]));
}
