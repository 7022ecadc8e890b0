import { describe, expect, it } from "vitest";
import { countOf } from "./plural";

describe("countOf", () => {
  it("puts the noun in the number the count needs", () => {
    expect(countOf(1, "verdict")).toBe("1 verdict");
    expect(countOf(0, "verdict")).toBe("0 verdicts");
    expect(countOf(1204, "claim")).toBe("1,204 claims");
    expect(countOf(1, "entry", "entries")).toBe("1 entry");
    expect(countOf(3, "entry", "entries")).toBe("3 entries");
  });
});
