import * as chrono from "chrono-node";
import { describe, expect, it } from "vitest";
import { sentenceFeatures } from "./features";

const hasDateCue = (sentence: string) => sentenceFeatures(sentence).has("cue:date");

describe("the date cue", () => {
  // Each is read by chrono; the guard in front of chrono must let every kind through.
  it.each([
    "The minister resigned last Tuesday after the vote.",
    "The plant closed three weeks ago, workers said.",
    "The strike will begin at noon across the country.",
    "The report was due within a few hours of the hearing.",
    "The ban took effect on Dec. 5 in every province.",
    "Prices rose 4% between 5/12 and the end of the quarter.",
    "The shelter was full again tonight, volunteers said.",
    "Officials met yesterday morning to discuss the budget.",
    "Sales fell sharply this year compared with the last.",
  ])("fires on %j", (sentence) => {
    expect(chrono.parse(sentence).length).toBeGreaterThan(0);
    expect(hasDateCue(sentence)).toBe(true);
  });

  it.each([
    "The committee approved the plan by a wide margin.",
    "Critics said the policy would hurt small farmers.",
  ])("stays off without a date: %j", (sentence) => {
    expect(hasDateCue(sentence)).toBe(false);
  });
});
