import { describe, expect, it } from "vitest";
import { findClaimant } from "./attribution";

describe("findClaimant", () => {
  it.each([
    [
      "The raid killed at least eight, according to the governor of the Diyala Province.",
      "governor of the Diyala Province",
    ],
    ["According to NBC News, the group trained in Iran.", "NBC News"],
    ["Bolton said the MEK would celebrate in Tehran.", "Bolton"],
    ["“Iran has good reason to regard the MEK as a threat,” Juni said.", "Juni"],
    ["“It is a cult,” said Professor Tim Anderson.", "Professor Tim Anderson"],
    ["Steven Mnuchin said during a CNBC interview that the app would be banned.", "Steven Mnuchin"],
    ["The State Department announced that it would delist the group.", "State Department"],
    ["The bridge was built in 1904, according to a local historian.", "a local historian"],
    ["According to an internal audit, the fund lost 4 million euros.", "an internal audit"],
    ["The statue was moved in 1990, according to the city's heritage office.", "city's heritage office"],
  ])("%s", (sentence, claimant) => {
    expect(findClaimant(sentence)).toBe(claimant);
  });

  it.each([
    "The MEK was founded in 1963 by a group of Marxists.",
    "It said nothing about the attack.",
    "They said it was over.",
  ])("finds no one in: %s", (sentence) => {
    expect(findClaimant(sentence)).toBeNull();
  });
});
