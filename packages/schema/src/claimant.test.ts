import { describe, expect, it } from "vitest";
import { guessClaimantKind, sameClaimant } from "./claimant";

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

describe("sameClaimant", () => {
  it.each([
    ["Trump", "Donald Trump"],
    ["President Donald J. Trump", "Donald Trump"],
    ["Sen. Ted Cruz", "Ted Cruz"],
    ["Bernie Sanders", "bernie sanders"],
    ["Facebook posts", "Facebook posts"],
    ["José Martí", "Jose Marti"],
  ])("%s is %s", (a, b) => {
    expect(sameClaimant(a, b)).toBe(true);
  });

  it.each([
    ["Melania Trump", "Donald Trump"],
    ["Republican National Committee", "Democratic National Committee"],
    ["Hillary Clinton", "Bill Clinton"],
    ["Barack Obama", "Donald Trump"],
    ["Mr.", "Mr."],
    ["", "Trump"],
  ])("%s is not %s", (a, b) => {
    expect(sameClaimant(a, b)).toBe(false);
  });
});
