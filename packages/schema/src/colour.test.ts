import { describe, expect, it } from "vitest";
import { contrastRatio, textColourOn } from "./colour";

describe("badge colours", () => {
  it("computes WCAG contrast ratios", () => {
    expect(contrastRatio("#ffffff", "#000000")).toBeCloseTo(21, 5);
    expect(contrastRatio("#777777", "#777777")).toBe(1);
  });

  it("picks the text colour that meets AA on the default scale and on light picks", () => {
    for (const background of [
      "#1b7a3a",
      "#5a8f29",
      "#a07800",
      "#c25400",
      "#b3261e",
      "#7a3e9d",
      "#5b6675",
      "#f2e94e",
      "#ffffff",
    ]) {
      expect(contrastRatio(background, textColourOn(background))).toBeGreaterThanOrEqual(4.5);
    }
    expect(textColourOn("#f2e94e")).toBe("#000000");
    expect(textColourOn("#b3261e")).toBe("#ffffff");
  });
});
