import type { TVerdictEffect } from "./effects";
import { announce } from "./publish";

/** The page stays at its address with the public reason; ClaimReview and the data feed drop it. */
export const retract: TVerdictEffect = {
  set: ({ now, reason }) => ({ retractedAt: now, retractionReason: reason ?? null }),
  after: (step, updated) => announce(step.tx, step, updated, "verdict.retracted", { reason: step.reason }),
};
