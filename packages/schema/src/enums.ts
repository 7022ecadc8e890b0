import { z } from "zod";

// Each enum is defined once here and feeds both zod (z.enum) and drizzle (pgEnum).
// Order matters where Postgres sorts by it: priorities go low → urgent.

export const roles = ["fact_checker", "editor", "admin"] as const;
export const ZRole = z.enum(roles);
export type TRole = z.infer<typeof ZRole>;

export const claimStatuses = ["unverified", "sourced", "disputed"] as const;
export const ZClaimStatus = z.enum(claimStatuses);
export type TClaimStatus = z.infer<typeof ZClaimStatus>;

/** Who made a claim: a person, or an organisation (a ministry, a party, a company, a newspaper). */
export const claimantKinds = ["person", "organisation"] as const;
export const ZClaimantKind = z.enum(claimantKinds);
export type TClaimantKind = z.infer<typeof ZClaimantKind>;

export const claimPriorities = ["low", "normal", "high", "urgent"] as const;
export const ZClaimPriority = z.enum(claimPriorities);
export type TClaimPriority = z.infer<typeof ZClaimPriority>;

export const verdictStates = [
  "draft",
  "submitted",
  "changes_requested",
  "approved",
  "published",
  "retracted",
] as const;
export const ZVerdictState = z.enum(verdictStates);
export type TVerdictState = z.infer<typeof ZVerdictState>;

export const sourceStances = ["supports", "refutes", "context"] as const;
export const ZSourceStance = z.enum(sourceStances);
export type TSourceStance = z.infer<typeof ZSourceStance>;

export const claimLinkKinds = ["duplicate", "contradiction", "related"] as const;
export const ZClaimLinkKind = z.enum(claimLinkKinds);
export type TClaimLinkKind = z.infer<typeof ZClaimLinkKind>;

export const claimLinkStates = ["suggested", "confirmed", "rejected"] as const;
export const ZClaimLinkState = z.enum(claimLinkStates);
export type TClaimLinkState = z.infer<typeof ZClaimLinkState>;

/** What a claim about a media item concerns: an image or a video (uploaded, or its address). */
export const mediaKinds = ["image", "video"] as const;
export const ZMediaKind = z.enum(mediaKinds);
export type TMediaKind = z.infer<typeof ZMediaKind>;

/**
 * MediaReview's ratings (schema.org's MediaManipulationRatingEnumeration): how a media item
 * was presented, in the context it was shared in.
 */
export const mediaRatings = [
  "original",
  "missing_context",
  "edited_or_cropped",
  "transformed",
  "staged",
  "satire",
] as const;
export const ZMediaRating = z.enum(mediaRatings);
export type TMediaRating = z.infer<typeof ZMediaRating>;

export const mediaRatingLabels: Record<TMediaRating, string> = {
  original: "Original",
  missing_context: "Missing context",
  edited_or_cropped: "Edited or cropped",
  transformed: "Transformed",
  staged: "Staged",
  satire: "Satire or parody",
};

/** The schema.org enumeration member each rating is. */
export const mediaRatingSchemaOrg: Record<TMediaRating, string> = {
  original: "OriginalMediaContent",
  missing_context: "DecontextualizedContent",
  edited_or_cropped: "EditedOrCroppedContent",
  transformed: "TransformedContent",
  staged: "StagedContent",
  satire: "SatireOrParodyContent",
};

export const entityTypes = [
  "user",
  "article",
  "claim",
  "source",
  "claim_link",
  "verdict",
  "comment",
  "rating_scale",
  "fact_check",
  "settings",
  "webhook",
  "tip",
  "feed",
  "media",
] as const;
export const ZEntityType = z.enum(entityTypes);
export type TEntityType = z.infer<typeof ZEntityType>;

/** Role names in the server's English messages (the app says them from its catalogs). */
export const roleLabels: Record<TRole, string> = {
  fact_checker: "fact-checker",
  editor: "editor",
  admin: "admin",
};

/** What a person is told about, in the app. */
export const notificationKinds = [
  "assigned",
  "submitted",
  "changes_requested",
  "approved",
  "published",
  "mentioned",
  "recurred",
  "source_changed",
] as const;
export const ZNotificationKind = z.enum(notificationKinds);
export type TNotificationKind = z.infer<typeof ZNotificationKind>;

export const webhookEvents = [
  "verdict.published",
  "verdict.corrected",
  "verdict.retracted",
  "claim.recurred",
] as const;
export const ZWebhookEvent = z.enum(webhookEvents);
export type TWebhookEvent = z.infer<typeof ZWebhookEvent>;
