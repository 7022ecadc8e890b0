import { describe, expect, it } from "vitest";
import { cosine, EMBEDDING_SIZE, embedSentences } from "./encoder";

describe("embedSentences", () => {
  it("places restatements close together and unrelated sentences apart", async () => {
    const [bombing, restated, unrelated] = await embedSentences([
      "A bomb killed the president and the prime minister in 1981.",
      "In 1981 the president and prime minister died in a bombing.",
      "The recipe needs two cups of flour and an egg.",
    ]);
    expect(bombing).toHaveLength(EMBEDDING_SIZE);
    expect(cosine(bombing as Float32Array, bombing as Float32Array)).toBeCloseTo(1, 3);
    expect(cosine(bombing as Float32Array, restated as Float32Array)).toBeGreaterThan(0.7);
    expect(cosine(bombing as Float32Array, unrelated as Float32Array)).toBeLessThan(0.3);
  });

  it("gives the same vector for a sentence whatever it is batched with", async () => {
    const sentence = "Unemployment fell to 4 percent in 2019.";
    const [alone] = await embedSentences([sentence]);
    const batched = await embedSentences(["Another sentence entirely.", sentence, "And a third."]);
    const difference = Math.max(
      ...Array.from(alone as Float32Array, (v, i) => Math.abs(v - (batched[1]?.[i] ?? 0))),
    );
    expect(difference).toBeLessThan(1e-5);
  });

  it("handles no input, empty text and one enormous sentence", async () => {
    expect(await embedSentences([])).toEqual([]);
    const vectors = await embedSentences(["", "   ", "word ".repeat(20_000)]);
    expect(vectors).toHaveLength(3);
    for (const vector of vectors) expect(Number.isFinite(cosine(vector, vector))).toBe(true);
  });

  it("runs off the event loop: timers keep firing while it embeds", async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    await embedSentences(
      Array.from({ length: 48 }, (_, i) => `Sentence ${i} about the budget of the city council.`),
    );
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(5);
  });
});
