import { z } from "zod";
import { ZMediaRating } from "../enums";
import { limits, ZId, ZRequired, ZText, ZVersion } from "./common";

export const HEADLINE_MAX = limits.headline;
export const ZVerdictGetInput = z.object({ claimId: ZId });
export const ZVerdictSaveInput = z
  .object({
    claimId: ZId,
    /** The revision number the author started from; 0 for a new verdict. A stale one is a CONFLICT. */
    baseRevision: z.number().int().min(0),
    rating: z.string().max(64).nullable(),
    /** MediaReview's rating, for a claim about an image or a video. */
    mediaRating: ZMediaRating.nullable().optional(),
    headline: ZText(limits.headline, "headline").nullable(),
    summary: ZText(limits.summary, "summary").nullable(),
    explanation: ZText(limits.explanation, "explanation").nullable(),
    sourceIds: z.array(ZId).max(100).default([]),
    correctionNote: ZText(limits.correctionNote, "correction note").nullable().optional(),
  })
  .refine(
    // A revision cannot be changed once saved: an empty one would be a numbered nothing.
    (draft) =>
      Boolean(draft.rating || draft.mediaRating || draft.headline || draft.summary || draft.explanation),
    { message: "Write something first: a rating, a headline, a summary or an explanation." },
  );
export type TVerdictSaveInput = z.infer<typeof ZVerdictSaveInput>;
export const ZVerdictStepInput = z.object({ id: ZId, version: ZVersion });
export type TVerdictStepInput = z.infer<typeof ZVerdictStepInput>;
export const ZVerdictRequestChangesInput = z.object({
  id: ZId,
  version: ZVersion,
  comment: ZRequired(limits.comment, "comment for the author"),
});
export const ZVerdictRetractInput = z.object({
  id: ZId,
  version: ZVersion,
  reason: ZRequired(limits.reason, "public reason"),
});
export const ZVerdictWithdrawApprovalInput = z.object({
  id: ZId,
  version: ZVersion,
  reason: ZRequired(limits.reason, "reason for withdrawing the approval"),
});
export const ZVerdictRevisionsInput = z.object({ id: ZId });
