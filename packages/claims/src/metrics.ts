/**
 * Measures for the evaluation scripts: ranking and classification scores, and bootstrap
 * intervals, so that every figure is printed with how far chance alone could move it.
 */

export const mean = (values: readonly number[]) =>
  values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;

/** F1 of the positive class when scores at or above `threshold` count as positive. */
export function f1(scores: readonly number[], labels: readonly number[], threshold: number) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  scores.forEach((score, i) => {
    if (score >= threshold && labels[i]) tp++;
    else if (score >= threshold) fp++;
    else if (labels[i]) fn++;
  });
  return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
}

/** The threshold among `thresholds` with the best F1 (the first of equals), and that F1. */
export function bestThreshold(
  scores: readonly number[],
  labels: readonly number[],
  thresholds: readonly number[],
) {
  let best = { threshold: thresholds[0] ?? 0.5, f1: -1 };
  for (const threshold of thresholds) {
    const score = f1(scores, labels, threshold);
    if (score > best.f1) best = { threshold, f1: score };
  }
  return best;
}

/** Average precision of a whole ranking (CLEF 2019's measure); ties keep document order. */
export function averagePrecision(items: readonly { score: number; order: number; label: number }[]) {
  const ranked = [...items].sort((a, b) => b.score - a.score || a.order - b.order);
  const relevant = ranked.filter((item) => item.label).length;
  if (relevant === 0) return 0;
  let hits = 0;
  let sum = 0;
  ranked.forEach((item, i) => {
    if (item.label) sum += ++hits / (i + 1);
  });
  return sum / relevant;
}

/**
 * AP@k (CLEF 2021's MAP@5 per query): precision at each relevant hit in the top k, over the
 * number of relevant items. A ranked entry may stand for several ids (one claim checked twice).
 */
export function averagePrecisionAt(
  k: number,
  ranked: readonly (readonly string[])[],
  relevant: ReadonlySet<string>,
) {
  let hits = 0;
  let sum = 0;
  ranked.slice(0, k).forEach((ids, i) => {
    if (ids.some((id) => relevant.has(id))) sum += ++hits / (i + 1);
  });
  return relevant.size ? sum / relevant.size : 0;
}

/** A seeded generator in [0, 1) (mulberry32): the same seed, the same intervals. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type TInterval = { low: number; high: number };

/**
 * A percentile bootstrap interval (95% by default) of `measure` over `units` resampled with
 * replacement: units are what was drawn independently (sentences, debates, queries).
 */
export function bootstrapInterval<T>(
  units: readonly T[],
  measure: (sample: readonly T[]) => number,
  { resamples = 1000, level = 0.95, seed = 1 } = {},
): TInterval {
  const random = seededRandom(seed);
  const estimates = Array.from({ length: resamples }, () =>
    measure(Array.from(units, () => units[Math.floor(random() * units.length)] as T)),
  ).sort((a, b) => a - b);
  const at = (p: number) => estimates[Math.min(resamples - 1, Math.max(0, Math.floor(p * resamples)))] ?? 0;
  return { low: at((1 - level) / 2), high: at(1 - (1 - level) / 2) };
}

/** "0.241 [0.19, 0.29]": a figure with its interval. */
export const withInterval = (value: number, { low, high }: TInterval, digits = 3) =>
  `${value.toFixed(digits)} [${low.toFixed(digits)}, ${high.toFixed(digits)}]`;
