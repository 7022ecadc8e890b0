import { z } from "zod";
import { ZClaimantKind, ZClaimPriority, ZClaimStatus } from "../enums";
import { limits, ZDay, ZId, ZReason, ZRequired, ZText, ZVersion } from "./common";

export const ZClaimGetInput = z.object({ id: ZId });
export const ZClaimTransitionInput = z.object({
  id: ZId,
  to: ZClaimStatus,
  version: ZVersion,
  reason: ZReason.optional(),
});
export type TClaimTransitionInput = z.infer<typeof ZClaimTransitionInput>;

export const ZClaimAssignInput = z.object({ id: ZId, version: ZVersion, assigneeId: ZId.nullable() });
export type TClaimAssignInput = z.infer<typeof ZClaimAssignInput>;
export const ZClaimUpdateInput = z.object({
  id: ZId,
  version: ZVersion,
  text: ZRequired(limits.claimText, "claim wording").optional(),
  claimant: ZText(limits.claimant, "claimant").nullable().optional(),
  claimantKind: ZClaimantKind.nullable().optional(),
  /** The claimant's party or affiliation (for the balance report). */
  claimantAffiliation: ZText(limits.claimant, "party or affiliation").nullable().optional(),
  /** The day the claim was made, when known (ClaimReview's itemReviewed.datePublished). */
  statedOn: ZDay.refine((day) => day <= new Date(Date.now() + 86_400_000).toISOString().slice(0, 10), {
    error: "A claim cannot have been made after today.",
  })
    .nullable()
    .optional(),
  priority: ZClaimPriority.optional(),
});
export type TClaimUpdateInput = z.infer<typeof ZClaimUpdateInput>;
export const ZClaimArchiveInput = z
  .object({ id: ZId, version: ZVersion, archived: z.boolean(), reason: ZReason.optional() })
  .refine((input) => !input.archived || Boolean(input.reason), {
    message: "Say why the claim is archived (for example: not check-worthy).",
    path: ["reason"],
  });
export type TClaimArchiveInput = z.infer<typeof ZClaimArchiveInput>;
export const ZClaimCommentInput = z.object({ claimId: ZId, body: ZRequired(limits.comment, "comment") });
export type TClaimCommentInput = z.infer<typeof ZClaimCommentInput>;
export const ZClaimHistoryInput = z.object({ id: ZId });

/** Browsers report presence this often; twice that without a report means the person left. */
export const PRESENCE_BEAT_SECONDS = 20;
/** "I have this claim open" (and whether I am typing in it), or, with `here: false`, "I left". */
export const ZClaimPresenceInput = z.object({
  claimId: ZId,
  here: z.boolean(),
  editing: z.boolean().default(false),
});

export const ZClaimLinksInput = z.object({ id: ZId });
export const ZClaimDecideLinksInput = z.object({
  /** Each link at the version the person saw; a link decided meanwhile is a CONFLICT. */
  links: z
    .array(z.object({ id: ZId, version: ZVersion }))
    .min(1, "Choose at least one suggestion.")
    .max(500),
  state: z.enum(["confirmed", "rejected"]),
});
export type TClaimDecideLinksInput = z.infer<typeof ZClaimDecideLinksInput>;
