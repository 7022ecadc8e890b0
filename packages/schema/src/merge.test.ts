import { describe, expect, it } from "vitest";
import { mergeEdits } from "./merge";

const base = { headline: "Founded in 1965", summary: "Old summary", sourceIds: ["a", "b"] };

describe("mergeEdits", () => {
  it("takes each side's change to a field only that side touched", () => {
    const mine = { ...base, summary: "My summary" };
    const theirs = { ...base, headline: "Founded in 1963" };
    expect(mergeEdits(base, mine, theirs)).toEqual({
      merged: { headline: "Founded in 1963", summary: "My summary", sourceIds: ["a", "b"] },
      conflicts: [],
      theyChanged: ["headline"],
    });
  });

  it("reports a field both changed differently, keeping mine in the merge", () => {
    const mine = { ...base, headline: "Founded in 1964" };
    const theirs = { ...base, headline: "Founded in 1963" };
    const { merged, conflicts } = mergeEdits(base, mine, theirs);
    expect(conflicts).toEqual(["headline"]);
    expect(merged.headline).toBe("Founded in 1964");
  });

  it("is no conflict when both made the same change, or lists only differ in order", () => {
    const mine = { ...base, headline: "Same", sourceIds: ["b", "a", "c"] };
    const theirs = { ...base, headline: "Same", sourceIds: ["c", "a", "b"] };
    expect(mergeEdits(base, mine, theirs).conflicts).toEqual([]);
  });

  it("treats a missing value and null alike", () => {
    const withNull = { claimant: null as string | null };
    expect(mergeEdits(withNull, { claimant: "Bolton" }, { claimant: null }).merged).toEqual({
      claimant: "Bolton",
    });
  });
});
