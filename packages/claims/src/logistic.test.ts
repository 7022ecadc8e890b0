import { describe, expect, it } from "vitest";
import { predict, trainLogistic } from "./logistic";

describe("trainLogistic", () => {
  it("learns a separable rule and is reproducible", () => {
    const rows = Array.from({ length: 200 }, (_, i) => {
      const hasNumber = i % 3 === 0;
      const features = new Map([
        ["bias", 1],
        [hasNumber ? "cue:number" : "w:opinion", 1],
        [`w:noise${i % 7}`, 1],
      ]);
      return { features, label: (hasNumber ? 1 : 0) as 0 | 1 };
    });
    const weights = trainLogistic(rows);
    expect(
      predict(
        weights,
        new Map([
          ["bias", 1],
          ["cue:number", 1],
        ]),
      ),
    ).toBeGreaterThan(0.9);
    expect(
      predict(
        weights,
        new Map([
          ["bias", 1],
          ["w:opinion", 1],
        ]),
      ),
    ).toBeLessThan(0.1);
    expect(trainLogistic(rows)).toEqual(weights);
  });
});
