import { z } from "zod";
import type { TClaimReviewInput } from "./claim-review";
import { guessClaimantKind } from "./claimant";
import { ZClaimantKind, ZMediaKind, ZMediaRating, ZSourceStance } from "./enums";

/**
 * Everything a published verdict shows readers, frozen when an editor approves it and kept
 * with each publication: the revision, the claim as worded then, where it appeared, the
 * rating as labelled then and each cited source as it was. Public pages, feeds, ClaimReview
 * and the API read this, never the live rows, so a later edit reaches readers only through
 * a reviewed correction.
 */
export const ZVerdictSnapshot = z.object({
  revision: z.object({
    id: z.string(),
    number: z.number().int(),
    headline: z.string().nullable(),
    summary: z.string().nullable(),
    explanation: z.string().nullable(),
    correctionNote: z.string().nullable(),
  }),
  rating: z
    .object({
      key: z.string(),
      label: z.string(),
      colour: z.string(),
      /** Position on the ordinal scale, or null for ratings outside it. */
      ordinal: z.number().int().nullable(),
      /** The scale's best ordinal then (ClaimReview's bestRating). */
      best: z.number().int(),
    })
    .nullable(),
  claim: z.object({
    text: z.string(),
    claimant: z.string().nullable(),
    // Snapshots frozen before claimants had a kind read as "not said".
    claimantKind: ZClaimantKind.nullable().default(null),
    // Snapshots frozen before claims had a language were of English-only desks.
    language: z.string().default("en"),
    /** The day the claim was made, ISO (snapshots before it: not known). */
    statedOn: z.string().nullable().default(null),
  }),
  appearance: z
    .object({
      title: z.string().nullable(),
      url: z.string().nullable(),
      outlet: z.string().nullable(),
      /** ISO 8601. */
      publishedAt: z.string().nullable(),
    })
    .nullable(),
  sources: z.array(
    z.object({
      id: z.string(),
      url: z.string(),
      title: z.string(),
      excerpt: z.string().nullable(),
      stance: ZSourceStance,
    }),
  ),
  /** The image or video the claim is about, with the verdict's MediaReview rating (snapshots before media: none). */
  media: z
    .object({
      id: z.string(),
      kind: ZMediaKind,
      mime: z.string().nullable(),
      sha256: z.string().nullable(),
      publicSha256: z.string().nullable(),
      address: z.string().nullable(),
      /** An uploaded file, whose public copy (without metadata) readers get. */
      file: z.boolean(),
      rating: ZMediaRating.nullable(),
    })
    .nullable()
    .default(null),
  /** "We asked … for comment": the desk's first contact attempt, when it chooses to say so (set at publication). */
  reply: z
    .object({ contacted: z.string(), contactedAt: z.string(), respondedAt: z.string().nullable() })
    .nullable()
    .default(null),
});
export type TVerdictSnapshot = z.infer<typeof ZVerdictSnapshot>;

const clip = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}…` : text);

/**
 * What differs between a frozen snapshot and the live state, in words a fact-checker knows
 * ("the claim's wording", "source “Britannica”: its address"). Empty when they agree.
 */
export function snapshotDifferences(frozen: TVerdictSnapshot, live: TVerdictSnapshot): string[] {
  const differences: string[] = [];
  if (frozen.claim.text !== live.claim.text) differences.push("the claim's wording");
  if (frozen.claim.claimant !== live.claim.claimant) differences.push("the claimant");
  if (frozen.claim.claimantKind !== live.claim.claimantKind)
    differences.push("whether the claimant is a person or an organisation");
  if (frozen.claim.statedOn !== live.claim.statedOn) differences.push("when the claim was made");
  if (frozen.media?.id !== live.media?.id) differences.push("the image or video the claim is about");
  const appearance = ["title", "url", "outlet", "publishedAt"] as const;
  if (appearance.some((field) => frozen.appearance?.[field] !== live.appearance?.[field]))
    differences.push("where the claim appeared");
  const fields = [
    ["url", "address"],
    ["title", "title"],
    ["excerpt", "excerpt"],
    ["stance", "stance"],
  ] as const;
  for (const source of frozen.sources) {
    const now = live.sources.find((candidate) => candidate.id === source.id);
    const name = `source “${clip(source.title)}”`;
    if (!now) {
      differences.push(`${name} was removed`);
      continue;
    }
    const changed = fields.filter(([field]) => source[field] !== now[field]).map(([, label]) => label);
    if (changed.length) differences.push(`${name}: its ${changed.join(", ")}`);
  }
  return differences;
}

/** ClaimReview's input for a snapshot published at `pageUrl`. */
export function claimReviewInputOf(
  snapshot: TVerdictSnapshot,
  page: {
    pageUrl: string;
    publishedAt: Date;
    modifiedAt?: Date | null;
    organisation: TClaimReviewInput["organisation"];
  },
): TClaimReviewInput {
  return {
    pageUrl: page.pageUrl,
    headline: snapshot.revision.headline,
    publishedAt: page.publishedAt,
    modifiedAt: page.modifiedAt ?? null,
    claim: {
      text: snapshot.claim.text,
      claimant: snapshot.claim.claimant,
      claimantKind: snapshot.claim.claimantKind ?? guessClaimantKind(snapshot.claim.claimant),
      appearanceUrl: snapshot.appearance?.url ?? null,
      appearanceTitle: snapshot.appearance?.title ?? null,
      appearanceOutlet: snapshot.appearance?.outlet ?? null,
      appearedAt: snapshot.appearance?.publishedAt ? new Date(snapshot.appearance.publishedAt) : null,
      statedOn: snapshot.claim.statedOn,
      language: snapshot.claim.language,
    },
    organisation: page.organisation,
    rating: {
      label: snapshot.rating?.label ?? "",
      ordinal: snapshot.rating?.ordinal ?? null,
      best: snapshot.rating?.best ?? 1,
    },
  };
}
