import { describe, expect, it } from "vitest";
import { normalizeForMatching } from "./normalize";

describe("normalizeForMatching", () => {
  it("folds quotes, dashes, spaces and case", () => {
    expect(normalizeForMatching("“It’s  ﬁne” – he said")).toBe('"it\'s fine" - he said');
  });
});
