import { describe, expect, it } from "vitest";
import { logCountRatios, predict, trainLogistic, trainNbLogistic, weightMap } from "./logistic";

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
    const trained = trainLogistic(rows);
    const weights = weightMap(trained);
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
    expect(trainLogistic(rows)).toEqual(trained);
  });
});

describe("trainNbLogistic", () => {
  it("weighs words by how much more often they occur in positive rows, folded into plain weights", () => {
    const rows = Array.from({ length: 300 }, (_, i) => {
      const positive = i % 4 === 0;
      const features = new Map([
        ["bias", 1],
        [positive ? "w:percent" : "w:feel", 1],
        ["w:the", 1],
        ["cue:number", positive ? 1 : 0],
      ]);
      return { features, label: (positive ? 1 : 0) as 0 | 1 };
    });
    const ratios = logCountRatios(rows);
    expect(ratios.get("w:percent")).toBeGreaterThan(0);
    expect(ratios.get("w:feel")).toBeLessThan(0);
    expect(Math.abs(ratios.get("w:the") ?? 1)).toBeLessThan(Math.abs(ratios.get("w:percent") ?? 0));

    const trained = trainNbLogistic(rows, { scaled: (name) => name.startsWith("w:") });
    const weights = weightMap(trained);
    const sentence = (word: string) =>
      new Map([
        ["bias", 1],
        [word, 1],
        ["w:the", 1],
      ]);
    expect(predict(weights, sentence("w:percent"))).toBeGreaterThan(0.8);
    expect(predict(weights, sentence("w:feel"))).toBeLessThan(0.2);
    expect(trainNbLogistic(rows, { scaled: (name) => name.startsWith("w:") })).toEqual(trained);
  });
});
