import { z } from "zod";
import { ZClaimStatus } from "./enums";

// Inputs of the API's procedures. Every string has a ceiling, so oversized input is a
// BAD_REQUEST with a message rather than work for the database.

const ZId = z.uuid({ error: "Not a valid id." });
const ZReason = z.string().trim().max(2000, "Keep the reason under 2,000 characters.");

export const ZLoginInput = z.object({
  email: z.email({ error: "Enter a valid email address." }).max(254),
  password: z.string().min(1, "Enter your password.").max(1024, "Password is too long."),
});
export type TLoginInput = z.infer<typeof ZLoginInput>;

export const claimSorts = ["priority", "newest"] as const;

/** Every field is optional, and so is the input itself: no input is the whole queue. */
export const ZClaimListInput = z
  .object({
    status: z.array(ZClaimStatus).max(3).optional(),
    /** A user id, "me" for the caller, or "unassigned". */
    assignee: z.union([ZId, z.literal("me"), z.literal("unassigned")]).optional(),
    articleId: ZId.optional(),
    includeArchived: z.boolean().default(false),
    sort: z.enum(claimSorts).default("priority"),
    cursor: z.string().max(512).nullish(),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .prefault({});
export type TClaimListInput = z.input<typeof ZClaimListInput>;

export const ZClaimGetInput = z.object({ id: ZId });

export const ZClaimTransitionInput = z.object({
  id: ZId,
  to: ZClaimStatus,
  /** The version the user saw; a stale one is refused with CONFLICT. */
  version: z.number().int().positive(),
  reason: ZReason.optional(),
});
export type TClaimTransitionInput = z.infer<typeof ZClaimTransitionInput>;
