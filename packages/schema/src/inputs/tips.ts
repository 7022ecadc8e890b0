import { z } from "zod";
import { limits, ZId, ZReason, ZRequired, ZText, ZWebAddress } from "./common";

/** Tips a desk acts on at once (a group of similar ones). */
const ZTipIds = z.array(ZId).min(1, "Choose at least one tip.").max(500, "Act on 500 tips at most at once.");

/**
 * A reader's tip, from the public form or API. `website` is a field people never see (a
 * honeypot: only robots fill it); `ticket` is what the form was served with (a time check).
 */
export const ZTipSubmitInput = z.object({
  statement: ZRequired(limits.tipStatement, "statement"),
  url: z.union([ZWebAddress, z.literal("")]).nullish(),
  seenWhere: ZText(limits.tipSeenWhere, "answer to where you saw it").nullish(),
  contact: ZText(limits.tipContact, "contact address").nullish(),
  consent: z.boolean().default(false),
  website: z.string().max(200).nullish(),
  ticket: z.string().max(200).nullish(),
});
export type TTipSubmitInput = z.infer<typeof ZTipSubmitInput>;

export const ZTipCode = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, "That is not a tracking code.");
export const ZTipStatusInput = z.object({ code: ZTipCode });

export const tipStates = ["new", "in_triage", "on_claim", "declined"] as const;
export const ZTipListInput = z
  .object({ state: z.enum(tipStates).default("new"), limit: z.number().int().min(1).max(500).default(200) })
  .prefault({});
export type TTipListInput = z.infer<typeof ZTipListInput>;

export const ZTipAttachInput = z.object({ tipIds: ZTipIds, claimId: ZId });
export const ZTipCreateClaimInput = z.object({
  tipIds: ZTipIds,
  text: ZRequired(limits.claimText, "claim"),
});
export const ZTipDeclineInput = z.object({
  tipIds: ZTipIds,
  reason: ZReason.min(1, "Say why, for the readers who sent it."),
});
export const ZTipTriageInput = z.object({ tipIds: ZTipIds });
