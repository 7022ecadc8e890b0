import { describe, expect, it } from "vitest";
import { diffRevisions } from "./revision-diff";

describe("diffRevisions", () => {
  it("lists only changed fields, with removed and added words", () => {
    const changes = diffRevisions(
      { rating: "half_true", headline: "Founded in 1965", summary: "Sources disagree." },
      { rating: "half_true", headline: "Founded in 1963", summary: "Sources disagree." },
    );
    expect(changes).toEqual([
      {
        field: "headline",
        parts: [{ value: "Founded in " }, { value: "1965", removed: true }, { value: "1963", added: true }],
      },
    ]);
  });

  it("treats a missing field as empty", () => {
    expect(diffRevisions({}, { correctionNote: "Fixed the year." })).toEqual([
      { field: "correctionNote", parts: [{ value: "Fixed the year.", added: true }] },
    ]);
  });
});
