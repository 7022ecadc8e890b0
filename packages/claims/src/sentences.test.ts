import { describe, expect, it } from "vitest";
import { splitSentences } from "./sentences";

describe("splitSentences", () => {
  it("keeps offsets that point back into the original text", () => {
    const text = "Title line\n\n  The MEK was founded in 1965. It moved to Albania in 2013.\nBy Cyrus";
    const sentences = splitSentences(text);
    expect(sentences.map((s) => s.text)).toEqual([
      "Title line",
      "The MEK was founded in 1965.",
      "It moved to Albania in 2013.",
      "By Cyrus",
    ]);
    for (const s of sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it("returns nothing for blank text", () => {
    expect(splitSentences(" \n\n \t")).toEqual([]);
  });
});
