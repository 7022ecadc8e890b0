import { describe, expect, it, vi } from "vitest";

// The encoder's thread failing (out of memory, a killed worker) is simulated here: intake must go on.
vi.mock("./encoder", () => ({
  EMBEDDING_SIZE: 512,
  embedSentences: () => Promise.reject(new Error("Sentence encoder stopped.")),
}));

const { scoreCheckWorthiness, scoreCheckWorthinessAll } = await import("./checkworthiness");

describe("scoreCheckWorthinessAll without its encoder", () => {
  it("keeps the fast scores when the encoder fails", async () => {
    const sentences = [
      "The group was led by Massoud and Maryam Rajavi.",
      "Mossad reportedly supported the group's operations inside Iran.",
    ];
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(await scoreCheckWorthinessAll(sentences)).toEqual(sentences.map(scoreCheckWorthiness));
    expect(quiet).toHaveBeenCalledOnce();
    quiet.mockRestore();
  });
});
