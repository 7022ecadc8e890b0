import { z } from "zod";
import {
  webhookEvents,
  ZClaimantKind,
  ZClaimPriority,
  ZClaimStatus,
  ZRole,
  ZSourceStance,
  ZWebhookEvent,
} from "./enums";

// Inputs of the API's procedures. Every string has a ceiling, so oversized input is a
// BAD_REQUEST with a message rather than work for the database.

const ZId = z.uuid({ error: "Not a valid id." });
const ZReason = z.string().trim().max(2000, "Keep the reason under 2,000 characters.");

export const ZLoginInput = z.object({
  email: z.email({ error: "Enter a valid email address." }).max(254),
  password: z.string().min(1, "Enter your password.").max(1024, "Password is too long."),
});
export type TLoginInput = z.infer<typeof ZLoginInput>;

export const ZClaimGetInput = z.object({ id: ZId });

export const ZClaimTransitionInput = z.object({
  id: ZId,
  to: ZClaimStatus,
  /** The version the user saw; a stale one is refused with CONFLICT. */
  version: z.number().int().positive(),
  reason: ZReason.optional(),
});
export type TClaimTransitionInput = z.infer<typeof ZClaimTransitionInput>;

const ZVersion = z.number().int().positive();
const ZText = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(max, `Keep the ${what} to ${max.toLocaleString("en")} characters at most.`);
const ZRequired = (max: number, what: string) => ZText(max, what).min(1, `The ${what} is required.`);

// ── Claims ──
export const ZClaimAssignInput = z.object({ id: ZId, version: ZVersion, assigneeId: ZId.nullable() });
export const ZClaimUpdateInput = z.object({
  id: ZId,
  version: ZVersion,
  text: ZRequired(1000, "claim wording").optional(),
  claimant: ZText(200, "claimant").nullable().optional(),
  claimantKind: ZClaimantKind.nullable().optional(),
  priority: ZClaimPriority.optional(),
});
export const ZClaimArchiveInput = z
  .object({ id: ZId, version: ZVersion, archived: z.boolean(), reason: ZReason.optional() })
  .refine((input) => !input.archived || Boolean(input.reason), {
    message: "Say why the claim is archived (for example: not check-worthy).",
    path: ["reason"],
  });
export const ZClaimCommentInput = z.object({ claimId: ZId, body: ZRequired(5000, "comment") });
export const ZClaimHistoryInput = z.object({ id: ZId });
/** Browsers report presence this often; twice that without a report means the person left. */
export const PRESENCE_BEAT_SECONDS = 20;
/** "I have this claim open" (and whether I am typing in it), or, with `here: false`, "I left". */
export const ZClaimPresenceInput = z.object({
  claimId: ZId,
  here: z.boolean(),
  editing: z.boolean().default(false),
});

// ── Sources ──
const ZSourceUrl = z
  .url({
    protocol: /^https?$/,
    hostname: z.regexes.domain,
    error: "Enter a web address starting with http:// or https://.",
  })
  .max(2000, "Keep the address under 2,000 characters.");
const sourceFields = {
  url: ZSourceUrl,
  title: ZRequired(300, "source title"),
  excerpt: ZText(5000, "excerpt").nullable().optional(),
  stance: z.enum(ZSourceStance.options, {
    error: "Choose whether the source supports or refutes the claim, or gives context.",
  }),
  note: ZText(2000, "note").nullable().optional(),
};
export const ZSourceAddInput = z.object({ claimId: ZId, ...sourceFields });
export const ZSourceUpdateInput = z.object({
  id: ZId,
  version: ZVersion,
  ...z.object(sourceFields).partial().shape,
});
export const ZSourceRemoveInput = z.object({ id: ZId, version: ZVersion });
export type TSourceAddInput = z.infer<typeof ZSourceAddInput>;
export type TSourceUpdateInput = z.infer<typeof ZSourceUpdateInput>;

// ── Verdicts ──
export const HEADLINE_MAX = 75;
export const ZVerdictGetInput = z.object({ claimId: ZId });
export const ZVerdictSaveInput = z
  .object({
    claimId: ZId,
    /** The revision number the author started from; 0 for a new verdict. A stale one is a CONFLICT. */
    baseRevision: z.number().int().min(0),
    rating: z.string().max(64).nullable(),
    headline: ZText(HEADLINE_MAX, "headline").nullable(),
    summary: ZText(1000, "summary").nullable(),
    explanation: ZText(50_000, "explanation").nullable(),
    sourceIds: z.array(ZId).max(100).default([]),
    correctionNote: ZText(2000, "correction note").nullable().optional(),
  })
  .refine(
    // A revision cannot be changed once saved: an empty one would be a numbered nothing.
    (draft) => Boolean(draft.rating || draft.headline || draft.summary || draft.explanation),
    { message: "Write something first: a rating, a headline, a summary or an explanation." },
  );
export type TVerdictSaveInput = z.infer<typeof ZVerdictSaveInput>;
export const ZVerdictStepInput = z.object({ id: ZId, version: ZVersion });
export const ZVerdictRequestChangesInput = z.object({
  id: ZId,
  version: ZVersion,
  comment: ZRequired(5000, "comment for the author"),
});
export const ZVerdictRetractInput = z.object({
  id: ZId,
  version: ZVersion,
  reason: ZRequired(2000, "public reason"),
});
export const ZVerdictWithdrawApprovalInput = z.object({
  id: ZId,
  version: ZVersion,
  reason: ZRequired(2000, "reason for withdrawing the approval"),
});
export const ZVerdictRevisionsInput = z.object({ id: ZId });

// ── Users ──
const ZNewPassword = z
  .string()
  .min(12, "Use at least 12 characters for the password.")
  .max(1024, "Keep the password under 1,024 characters.");
export const ZUserCreateInput = z.object({
  email: z.email({ error: "Enter a valid email address." }).max(254),
  name: ZRequired(120, "name"),
  role: ZRole,
  password: ZNewPassword,
});
export const ZPasswordChangeInput = z
  .object({
    current: z.string().min(1, "Enter your current password.").max(1024, "Password is too long."),
    next: ZNewPassword,
  })
  .refine((input) => input.current !== input.next, {
    path: ["next"],
    message: "Choose a new password, not the current one.",
  });
export const ZPasswordResetInput = z.object({ id: ZId, password: ZNewPassword });
export const ZUserSetRoleInput = z.object({ id: ZId, role: ZRole });
export const ZUserIdInput = z.object({ id: ZId });

// ── Rating scale ──
export const ZRating = z.object({
  key: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,39}$/, "A rating key is lower-case letters, digits and _ (up to 40)."),
  label: ZRequired(40, "rating label"),
  /** ClaimReview ratingValue on the ordinal scale, 1 = worst; null = outside the scale. */
  ordinal: z.number().int().min(1).max(20).nullable(),
  colour: z.string().regex(/^#[0-9a-fA-F]{6}$/, "A colour is a hex value like #1b7a3a."),
});
export type TRating = z.infer<typeof ZRating>;
export const ZRatingScaleUpdateInput = z.object({
  ratings: z
    .array(ZRating)
    .min(1)
    .max(30)
    .refine((list) => new Set(list.map((r) => r.key)).size === list.length, "Rating keys must be unique."),
});

// ── Articles ──
/** Large enough for a long report; the request body limit is set to match. */
export const ARTICLE_TEXT_MAX = 2_000_000;
const ZWebAddress = z
  .url({ protocol: /^https?$/, error: "Enter a web address starting with http:// or https://." })
  .max(2000);
/**
 * Text (plain, Markdown or HTML), or a page address to fetch, or both (the text wins). Without
 * a title, the page's own is used, or a text's first line that is not boilerplate.
 */
const ZArticleSource = z
  .object({
    title: ZText(300, "title").nullish(),
    text: z
      .string()
      .max(ARTICLE_TEXT_MAX, "The text is over 2 million characters; split it into parts.")
      .nullish(),
    url: ZWebAddress.nullish(),
  })
  .refine((input) => Boolean(input.text?.trim()) || Boolean(input.url), {
    message: "Paste or upload the article text, or give its web address.",
    path: ["text"],
  });
export const ZArticlePreviewInput = ZArticleSource;
/** Articles to choose from in the queue: the newest, and the one already chosen. */
export const ZArticleListInput = z
  .object({ limit: z.number().int().min(1).max(500).default(100), include: ZId.optional() })
  .prefault({});
export const ZArticleIngestInput = z.intersection(
  ZArticleSource,
  z.object({
    outlet: ZText(200, "outlet").nullish(),
    author: ZText(200, "author").nullish(),
    publishedAt: z.iso.datetime({ offset: true, error: "Give the date as an ISO 8601 date-time." }).nullish(),
    /** Sentence indexes from the preview to turn into claims; absent: those above the threshold. */
    sentenceIndexes: z.array(z.number().int().min(0)).max(20_000).optional(),
  }),
);

export const ZFactCheckImportInput = z.object({
  /** Absent: ClaimReview if the content is JSON, else a CSV/TSV table. */
  format: z.enum(["claimreview", "table"]).optional(),
  content: z
    .string()
    .min(1, "The file is empty.")
    .max(4_500_000, "The file is larger than 4.5 MB: split it, or use `factdesk import-factchecks`."),
  /** Resolves relative fact-check links in a table. */
  baseUrl: ZWebAddress.optional(),
});
export const ZFactCheckMatchInput = z.object({
  text: ZRequired(5000, "text"),
  limit: z.number().int().min(1).max(50).default(5),
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

// ── Settings ──
/** Long enough for a thorough methodology; Markdown. */
const ZPolicyText = (what: string) => z.string().max(100_000, `Keep the ${what} under 100,000 characters.`);
export const ZSettingsUpdateInput = z.object({
  organisationName: ZText(200, "organisation name").nullable(),
  organisationUrl: ZWebAddress.nullable(),
  logoUrl: ZWebAddress.nullable(),
  publicUrl: ZWebAddress.nullable(),
  methodology: ZPolicyText("methodology"),
  correctionsPolicy: ZPolicyText("corrections policy"),
  version: z.number().int().min(0),
});
export type TSettingsUpdateInput = z.infer<typeof ZSettingsUpdateInput>;

// ── Public (published verdicts) ──
export const ZPublishedListInput = z.object({
  page: z.number().int().min(1).max(10_000).default(1),
  rating: z.string().max(64).optional(),
  q: ZText(200, "search").optional(),
});
export const ZPublishedGetInput = z.object({ slug: z.string().min(1).max(200) });

// ── Webhooks ──
export const ZWebhookCreateInput = z.object({
  url: ZWebAddress,
  secret: z
    .string()
    .min(16, "Use a secret of at least 16 characters.")
    .max(200, "Keep the secret under 200 characters."),
  events: z.array(ZWebhookEvent).min(1, "Choose at least one event.").max(webhookEvents.length),
});
export const ZWebhookRemoveInput = z.object({ id: ZId });
export const ZWebhookDeliveriesInput = z.object({ webhookId: ZId.optional() }).prefault({});

// ── Notifications ──
/** The newest `limit` of the reader's notifications ("Show older" asks for more). */
export const ZNotificationListInput = z
  .object({ limit: z.number().int().min(1).max(500).default(30) })
  .prefault({});
export const ZNotificationMarkReadInput = z
  .object({
    /** These notifications; all unread ones when absent. */
    ids: z.array(ZId).min(1).max(500).optional(),
  })
  .prefault({});

// ── Dashboard ──
export const ZDashboardInput = z
  .object({
    weeks: z.number().int().min(4, "Show at least 4 weeks.").max(52, "Show at most 52 weeks.").default(12),
  })
  .prefault({});
