import { describe, expect, it } from "vitest";
import { MATCH_WEIGHTS, matchScore, nearness } from "./fact-checks";

describe("matchScore", () => {
  const alike = { lexical: 0.8, trigram: 0.6, dense: 0.7, claimant: null };

  it("blends words and meaning, and the day only when the text's is known", () => {
    const { bm25, trigram, dense } = MATCH_WEIGHTS;
    expect(matchScore({ ...alike, near: null })).toBeCloseTo(bm25 * 0.8 + trigram * 0.6 + dense * 0.7, 3);
    expect(matchScore({ ...alike, near: 1 })).toBeGreaterThan(matchScore({ ...alike, near: 0.2 }));
    // A fact-check without a date, against a dated text, falls behind one from the same day.
    expect(matchScore({ ...alike, near: 0 })).toBeLessThan(matchScore({ ...alike, near: 1 }));
  });

  it("counts the claimant only when the text's is known", () => {
    const weights = { ...MATCH_WEIGHTS, claimant: 0.2 };
    const unknown = matchScore({ ...alike, near: null }, weights);
    expect(matchScore({ ...alike, near: null }, { ...weights, claimant: 0 })).toBe(unknown);
    expect(matchScore({ ...alike, near: null, claimant: 1 }, weights)).toBeGreaterThan(unknown);
    expect(matchScore({ ...alike, near: null, claimant: 0 }, weights)).toBeLessThan(unknown);
    // With the day known too, each part keeps its own share.
    expect(matchScore({ ...alike, near: 1, claimant: 1 }, weights)).toBeGreaterThan(
      matchScore({ ...alike, near: 1, claimant: 0 }, weights),
    );
  });

  it("stays within 0 and 1", () => {
    const best = { lexical: 1, trigram: 1, dense: 1 };
    const weights = { ...MATCH_WEIGHTS, claimant: 0.2 };
    expect(matchScore({ ...best, near: 1, claimant: 1 }, weights)).toBe(1);
    expect(matchScore({ ...best, near: null, claimant: null })).toBe(1);
    expect(matchScore({ lexical: 0, trigram: 0, dense: null, near: 0, claimant: 0 }, weights)).toBe(0);
  });
});

describe("nearness", () => {
  it("is 1 on the same day, fades over a year either way, and is 0 without a date", () => {
    expect(nearness("2020-06-01", "2020-06-01")).toBe(1);
    expect(nearness("2020-06-01", "2021-06-01")).toBeCloseTo(Math.exp(-1), 2);
    expect(nearness("2021-06-01", "2020-06-01")).toBeCloseTo(Math.exp(-1), 2);
    expect(nearness("2020-06-01", null)).toBe(0);
  });
});
