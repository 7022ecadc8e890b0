import { describe, expect, it } from "vitest";
import {
  CHECKWORTHY_THRESHOLD,
  inEncoderBand,
  scoreCheckWorthiness,
  scoreCheckWorthinessAll,
  type TEncoderStage,
} from "./checkworthiness";
import model from "./checkworthiness-model.json";

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

describe("scoreCheckWorthinessAll", () => {
  const stage = (model as unknown as { encoder: TEncoderStage }).encoder;
  const sentences = [
    "The United States relocated 3,000 MEK members to Albania in 2013, officials said.",
    "The group was led by Massoud and Maryam Rajavi.",
    "Mossad reportedly supported the group's operations inside Iran.",
    "I think politics makes for strange bedfellows.",
    "Why is the US embracing this group?",
    "In 1981 a bombing killed the president and the prime minister.",
    "Thank you all for coming tonight.",
    "The camp had been a base of the Iraqi army before 2003.",
  ];

  it("re-scores only the sentences the fast model is unsure of, and says when the encoder moved one", async () => {
    const fast = sentences.map(scoreCheckWorthiness);
    const both = await scoreCheckWorthinessAll(sentences);
    expect(fast.some((result) => inEncoderBand(stage, result.score))).toBe(true);
    both.forEach((result, i) => {
      const first = fast[i] as { score: number; reasons: string[] };
      expect(result.score).toBeGreaterThanOrEqual(0);
      expect(result.score).toBeLessThanOrEqual(1);
      if (!inEncoderBand(stage, first.score)) expect(result).toEqual(first);
      const moved = Math.abs(result.score - first.score) >= 0.1;
      expect(result.reasons.some((reason) => reason.includes("sentence encoder"))).toBe(moved);
      expect(result.reasons).toEqual(expect.arrayContaining(first.reasons));
    });
    expect(await scoreCheckWorthinessAll(sentences)).toEqual(both);
  });

  it("is the fast model alone when the encoder is turned off", async () => {
    expect(await scoreCheckWorthinessAll(sentences, { encoder: false })).toEqual(
      sentences.map(scoreCheckWorthiness),
    );
  });
});
