import { describe, expect, it } from "vitest";
import { INPUT_DEPTH_MAX, inputProblem, NUL_MESSAGE } from "./input-guard";

describe("inputProblem", () => {
  it("accepts ordinary input", () => {
    expect(inputProblem({ q: "MEK 1965", ids: ["a", "b"], n: 3, nested: { ok: true } })).toBeNull();
    expect(inputProblem(undefined)).toBeNull();
  });

  it("refuses a NUL character in any string or key, however deep", () => {
    expect(inputProblem("a\u0000b")).toBe(NUL_MESSAGE);
    expect(inputProblem({ list: [{ text: "x\0" }] })).toBe(NUL_MESSAGE);
    expect(inputProblem({ "k\0": 1 })).toBe(NUL_MESSAGE);
  });

  it("refuses nesting past the limit without overflowing the stack", () => {
    let deep: unknown = "leaf";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(inputProblem(deep)).toContain(`${INPUT_DEPTH_MAX} levels`);
    let fine: unknown = "leaf";
    for (let i = 0; i < INPUT_DEPTH_MAX - 1; i++) fine = { a: fine };
    expect(inputProblem(fine)).toBeNull();
  });
});
