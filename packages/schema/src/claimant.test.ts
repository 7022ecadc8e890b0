import { describe, expect, it } from "vitest";
import { guessClaimantKind } from "./claimant";

describe("guessClaimantKind", () => {
  it.each([
    ["transport department", "organisation"],
    ["Example Times", "organisation"],
    ["the MEK", "organisation"],
    ["NHS", "organisation"],
    ["Labour Party", "organisation"],
    ["Jane Doe", "person"],
    ["John Bolton", "person"],
    ["Maryam Rajavi", "person"],
    ["", "person"],
  ])("%s is a %s", (name, kind) => {
    expect(guessClaimantKind(name)).toBe(kind);
  });
});
