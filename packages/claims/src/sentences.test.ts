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

describe("sentenceContext", () => {
  it("returns the sentence with whole words either side", async () => {
    const { sentenceContext } = await import("./context");
    const body = "Alpha beta gamma. The MEK was founded in 1965. Delta epsilon zeta.";
    const start = body.indexOf("The MEK");
    const end = start + "The MEK was founded in 1965.".length;
    expect(sentenceContext(body, start, end, 8)).toEqual({
      before: "…gamma. ",
      sentence: "The MEK was founded in 1965.",
      after: " Delta…",
    });
    expect(sentenceContext(body, start, end)).toEqual({
      before: "Alpha beta gamma. ",
      sentence: "The MEK was founded in 1965.",
      after: " Delta epsilon zeta.",
    });
  });
});
