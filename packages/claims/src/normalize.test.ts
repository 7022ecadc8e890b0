import { describe, expect, it } from "vitest";
import { matchableText, normalizeForMatching } from "./normalize";

describe("normalizeForMatching", () => {
  it("folds quotes, dashes, spaces and case", () => {
    expect(normalizeForMatching("“It’s  ﬁne” – he said")).toBe('"it\'s fine" - he said');
  });
});

describe("matchableText", () => {
  it("keeps what a post claims and drops links and the tweet signature", () => {
    const tweet =
      "Footage of butterflies in a #wombat hole by @JulieF pic.twitter.com/0eJtwJyS1J https://t.co/x — Center for Bio Div (@CenterForBioDiv) January 14, 2020";
    expect(matchableText(tweet)).toBe("Footage of butterflies in a wombat hole by @JulieF");
  });

  it("leaves ordinary text alone", () => {
    expect(matchableText("The MEK was founded in 1965 - by students.")).toBe(
      "The MEK was founded in 1965 - by students.",
    );
  });
});
