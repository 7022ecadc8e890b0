import { describe, expect, it } from "vitest";
import { sentenceContext } from "./context";
import { splitSentences } from "./sentences";

const texts = (text: string) => splitSentences(text).map((s) => s.text);

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

  it.each([
    [
      "According to a 1994 U.S. State Department report, the MEK killed Americans. It denied this.",
      ["According to a 1994 U.S. State Department report, the MEK killed Americans.", "It denied this."],
    ],
    ["Members left the U.S. The group then moved.", ["Members left the U.S.", "The group then moved."]],
    [
      "Dr. Smith agreed on Jan. 5 with Prof. J. R. Jones. Gen. Sec. Pompeo met them in St. Louis.",
      ["Dr. Smith agreed on Jan. 5 with Prof. J. R. Jones.", "Gen. Sec. Pompeo met them in St. Louis."],
    ],
    [
      "It was founded in 1965 by Mr. Rajavi in Tehran. The E.U. and the U.N. condemned it.",
      ["It was founded in 1965 by Mr. Rajavi in Tehran.", "The E.U. and the U.N. condemned it."],
    ],
    [
      "He quoted the leader (Maryam Rajavi, 2019.) at length. The group moved to Albania.",
      ["He quoted the leader (Maryam Rajavi, 2019.) at length.", "The group moved to Albania."],
    ],
    [
      "“The M.E.K. is a cult,” he said. Nobody answered.",
      ["“The M.E.K. is a cult,” he said.", "Nobody answered."],
    ],
  ])("%s", (text, expected) => {
    expect(texts(text)).toEqual(expected);
    for (const s of splitSentences(text)) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it("returns nothing for blank text", () => {
    expect(splitSentences(" \n\n \t")).toEqual([]);
  });

  it("splits a paragraph far longer than the segmenter's window as if it were seen whole", () => {
    const sentences = [
      "Mr. Jones said the U.S. Army sent 3,000 troops in 2019.",
      "The E.U. disagreed.",
      "Dr. A. B. Smith (of the U.N.) called it “a mistake.”",
      "Nobody answered!",
    ];
    const paragraph = Array.from({ length: 400 }, (_, i) => sentences[i % sentences.length]).join(" ");
    expect(paragraph.length).toBeGreaterThan(3 * 4096);
    const split = splitSentences(paragraph);
    expect(split.map((s) => s.text)).toEqual(Array.from({ length: 400 }, (_, i) => sentences[i % 4]));
    for (const s of split) expect(paragraph.slice(s.start, s.end)).toBe(s.text);
  });

  it("segments a megabyte without full stops or of endless abbreviations into bounded sentences", () => {
    for (const text of ["word ".repeat(200_000), "U.S. ".repeat(200_000)]) {
      const split = splitSentences(text);
      expect(split.length).toBeGreaterThan(100);
      expect(Math.max(...split.map((s) => s.text.length))).toBeLessThanOrEqual(2 * 4096);
      expect(split.at(-1)?.end).toBe(text.trimEnd().length);
    }
  });
});

describe("sentenceContext", () => {
  it("returns the sentence with whole words either side", () => {
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
