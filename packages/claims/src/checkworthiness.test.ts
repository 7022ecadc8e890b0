import { describe, expect, it } from "vitest";
import { scoreCheckWorthiness } from "./checkworthiness";

describe("scoreCheckWorthiness", () => {
  it("ranks a dated, attributed statement above an opinion and a question", () => {
    const factual = scoreCheckWorthiness(
      "The United States relocated 3,000 MEK members to Albania in 2013, officials said.",
    );
    const opinion = scoreCheckWorthiness("I think politics makes for strange bedfellows.");
    const question = scoreCheckWorthiness("Why is the US embracing this group?");
    expect(factual.score).toBeGreaterThan(0.7);
    expect(factual.reasons).toEqual(
      expect.arrayContaining(["has a number", "has a year", "attributed statement"]),
    );
    expect(opinion.score).toBeLessThan(factual.score);
    expect(question.reasons).toContain("question");
    expect(question.score).toBeLessThan(0.3);
  });

  it("stays within [0, 1]", () => {
    for (const text of ["", "?", "1 2 3 4 5 6 7 8 9 2019 1999 said according to largest"]) {
      const { score } = scoreCheckWorthiness(text);
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(1);
    }
  });
});
