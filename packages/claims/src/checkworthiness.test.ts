import { describe, expect, it } from "vitest";
import { CHECKWORTHY_THRESHOLD, scoreCheckWorthiness } from "./checkworthiness";

describe("scoreCheckWorthiness", () => {
  it("ranks dated, numeric, attributed statements above opinion, questions and rhetoric", () => {
    const factual = scoreCheckWorthiness(
      "The United States relocated 3,000 MEK members to Albania in 2013, officials said.",
    );
    const opinion = scoreCheckWorthiness("I think politics makes for strange bedfellows.");
    const question = scoreCheckWorthiness("Why is the US embracing this group?");
    expect(factual.score).toBeGreaterThan(CHECKWORTHY_THRESHOLD);
    expect(factual.reasons).toEqual(
      expect.arrayContaining(["has a number", "has a year", "attributed statement"]),
    );
    expect(opinion.score).toBeLessThan(CHECKWORTHY_THRESHOLD);
    expect(opinion.reasons).toEqual(expect.arrayContaining(["opinion wording", "first-person rhetoric"]));
    expect(question.score).toBeLessThan(factual.score);
    expect(question.reasons).toContain("question");
  });

  it("stays within [0, 1] for any input", () => {
    for (const text of ["", "?", "1 2 3 4 5 6 7 8 9 2019 1999 said according to largest", "x".repeat(5000)]) {
      const { score } = scoreCheckWorthiness(text);
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(1);
    }
  });
});
