import { siteOf } from "../settings";
import type { TVerdictEffect } from "./effects";
import { announce } from "./publish";

/** The page stays at its address with the public reason; ClaimReview and the data feed drop it. */
export const retract: TVerdictEffect = {
  set: ({ now, reason }) => ({ retractedAt: now, retractionReason: reason ?? null }),
  after: async (step, updated) =>
    announce(step.tx, await siteOf(step.tx, step.publicUrl), step, updated, "verdict.retracted", {
      reason: step.reason,
    }),
};
