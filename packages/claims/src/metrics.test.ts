import { describe, expect, it } from "vitest";
import {
  averagePrecision,
  averagePrecisionAt,
  bestThreshold,
  bootstrapInterval,
  f1,
  mean,
  withInterval,
} from "./metrics";

describe("evaluation measures", () => {
  it("scores F1 and picks the best threshold", () => {
    const scores = [0.9, 0.8, 0.4, 0.3, 0.1];
    const labels = [1, 0, 1, 0, 0];
    expect(f1(scores, labels, 0.5)).toBeCloseTo(0.5); // tp 1, fp 1, fn 1
    expect(f1(scores, labels, 0.35)).toBeCloseTo(0.8); // tp 2, fp 1
    expect(bestThreshold(scores, labels, [0.5, 0.35, 0.05])).toEqual({ threshold: 0.35, f1: 0.8 });
  });

  it("computes average precision of a ranking, ties in document order, and AP@k", () => {
    const items = [
      { score: 0.9, order: 2, label: 0 },
      { score: 0.9, order: 1, label: 1 },
      { score: 0.5, order: 3, label: 0 },
      { score: 0.2, order: 4, label: 1 },
    ];
    expect(averagePrecision(items)).toBeCloseTo((1 / 1 + 2 / 4) / 2);
    expect(averagePrecisionAt(5, [["a"], ["b", "c"], ["d"]], new Set(["c", "x"]))).toBeCloseTo(1 / 2 / 2);
    expect(averagePrecisionAt(1, [["a"], ["c"]], new Set(["c"]))).toBe(0);
  });

  it("gives a reproducible bootstrap interval that holds the estimate and narrows with more data", () => {
    const few = Array.from({ length: 20 }, (_, i) => i % 2);
    const many = Array.from({ length: 2000 }, (_, i) => i % 2);
    const small = bootstrapInterval(few, mean);
    const large = bootstrapInterval(many, mean);
    expect(small).toEqual(bootstrapInterval(few, mean));
    expect(small.low).toBeLessThan(0.5);
    expect(small.high).toBeGreaterThan(0.5);
    expect(large.high - large.low).toBeLessThan((small.high - small.low) / 5);
    expect(withInterval(0.5, { low: 0.25, high: 0.75 }, 2)).toBe("0.50 [0.25, 0.75]");
  });
});
