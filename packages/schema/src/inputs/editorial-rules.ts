import { z } from "zod";
import { limits, ZId, ZReason, ZRequired, ZText, ZVersion } from "./common";
import { ZRating } from "./ratings";

const ZApprovers = z
  .number()
  .int()
  .min(1, "A verdict needs at least one approving editor.")
  .max(3, "At most three editors can be required to approve.");
const ZSourceCount = z.number().int().min(0).max(20, "Ask for at most 20 sources.");

/**
 * The desk's editorial rules, as data: how many distinct editors approve a verdict (more for
 * some ratings), the sources a verdict must cite before it is submitted, and whether the
 * claimant must have had a right of reply before publication. The workflow reads them.
 */
export const ZApprovalRules = z
  .object({
    approvers: ZApprovers,
    /** Ratings (by key) that need more approvers, e.g. { false: 2, pants_on_fire: 2 }. */
    approversByRating: z
      .record(ZRating.shape.key, ZApprovers)
      .refine((map) => Object.keys(map).length <= 30, "At most 30 ratings can have their own rule."),
    minSources: ZSourceCount,
    /** Of those, how many must support or refute the claim (not only give context). */
    minStancedSources: ZSourceCount,
    rightOfReply: z.boolean(),
    /** The public page says "We asked … for comment on …" (the first contact attempt). */
    showReplyOnPage: z.boolean().default(false),
  })
  .refine((rules) => rules.minStancedSources <= rules.minSources || rules.minSources === 0, {
    message: "The sources with a stance are counted among the sources: ask for at least as many sources.",
    path: ["minStancedSources"],
  });
export type TApprovalRules = z.infer<typeof ZApprovalRules>;

/** What a desk has until its admins say otherwise: one editor who is not the author, nothing more. */
export const defaultApprovalRules: TApprovalRules = {
  approvers: 1,
  approversByRating: {},
  minSources: 0,
  minStancedSources: 0,
  rightOfReply: false,
  showReplyOnPage: false,
};

/** What the claim's right-of-reply record and recusals are read by. */
export const ZClaimIdInput = z.object({ claimId: ZId });

export const ZApprovalRulesUpdateInput = z.object({
  rules: ZApprovalRules,
  version: z.number().int().min(0),
});
export type TApprovalRulesUpdateInput = z.infer<typeof ZApprovalRulesUpdateInput>;

export const replyChannels = ["email", "phone", "social_media", "letter", "in_person", "other"] as const;
export const replyChannelLabels: Record<(typeof replyChannels)[number], string> = {
  email: "E-mail",
  phone: "Phone",
  social_media: "Social media",
  letter: "Letter",
  in_person: "In person",
  other: "Other",
};

const ZDateTime = (what: string) =>
  z.iso.datetime({ offset: true, error: `Give the ${what} as an ISO 8601 date-time.` });

/** A contact attempt with the claimant: when, how, whom, what was asked, and until when they may answer. */
export const ZReplyContactInput = z.object({
  claimId: ZId,
  contactedAt: ZDateTime("date of contact"),
  channel: z.enum(replyChannels),
  contacted: ZRequired(limits.personName, "name of whom you contacted"),
  asked: ZRequired(limits.reason, "question you asked"),
  deadline: ZDateTime("deadline"),
});
export type TReplyContactInput = z.infer<typeof ZReplyContactInput>;

/** The claimant's response to an attempt. */
export const ZReplyResponseInput = z.object({
  id: ZId,
  version: ZVersion,
  response: ZRequired(limits.reason, "response"),
  respondedAt: ZDateTime("date of the response"),
});
export type TReplyResponseInput = z.infer<typeof ZReplyResponseInput>;

/** An editor waives the right of reply for a claim, saying why (e.g. an anonymous claimant). */
export const ZReplyOverrideInput = z.object({ claimId: ZId, reason: ZReason.min(1, "Say why.") });
export type TReplyOverrideInput = z.infer<typeof ZReplyOverrideInput>;

/** An editor declares a conflict of interest on a claim: they can then neither approve nor publish it. */
export const ZRecuseInput = z.object({
  claimId: ZId,
  reason: ZText(limits.reason, "reason").min(1, "Say what the conflict of interest is."),
});
export type TRecuseInput = z.infer<typeof ZRecuseInput>;
