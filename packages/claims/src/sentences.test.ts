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
