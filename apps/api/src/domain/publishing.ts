import { type DbOrTx, verdictSlugs, verdicts } from "@factdesk/db";
import {
  buildClaimReview,
  buildMediaReview,
  claimReviewInputOf,
  DomainError,
  slugify,
  type TVerdictSnapshot,
} from "@factdesk/schema";
import { and, eq, ne, or } from "drizzle-orm";
import type { TSite } from "./settings";

/** A verdict page's canonical address. */
export const verdictPageUrl = (base: URL, slug: string) =>
  new URL(`/verdicts/${encodeURIComponent(slug)}`, base).href;

/** Where a publication is, and when: with the site, what ClaimReview needs besides the snapshot. */
export interface TPublicationPage {
  slug: string;
  publishedAt: Date;
  /** When its current publication went out (after a correction). */
  modifiedAt?: Date | null;
}

/** Where and when a publication is, by whom: what every review's markup says of its page. */
const reviewPage = ({ settings, base }: TSite, page: TPublicationPage) => ({
  pageUrl: verdictPageUrl(base, page.slug),
  publishedAt: page.publishedAt,
  modifiedAt: page.modifiedAt ?? null,
  organisation: { name: settings.organisationName, url: settings.organisationUrl, logoUrl: settings.logoUrl },
});

/** The ClaimReview of a published snapshot on `site`, or why it would be invalid. */
export function claimReviewFor(site: TSite, snapshot: TVerdictSnapshot, page: TPublicationPage) {
  return buildClaimReview(claimReviewInputOf(snapshot, reviewPage(site, page)));
}

/** Where readers get a media item's public copy (without its metadata). */
export const mediaCopyUrl = (base: URL, id: string) => new URL(`/media/${encodeURIComponent(id)}`, base).href;

/** The MediaReview of a published snapshot about an image or a video, or null. */
export function mediaReviewFor(site: TSite, snapshot: TVerdictSnapshot, page: TPublicationPage) {
  const { media } = snapshot;
  if (!media?.rating) return null;
  return buildMediaReview({
    ...reviewPage(site, page),
    language: snapshot.claim.language,
    claimText: snapshot.claim.text,
    media: {
      kind: media.kind,
      rating: media.rating,
      copyUrl: media.file ? mediaCopyUrl(site.base, media.id) : null,
      copySha256: media.publicSha256,
      mime: media.mime,
      address: media.address,
    },
  });
}

/** Refuses a publication whose ClaimReview would be invalid, saying what to fix. */
export function assertPublishable(site: TSite, snapshot: TVerdictSnapshot, page: TPublicationPage) {
  const result = claimReviewFor(site, snapshot, page);
  if (!result.ok)
    throw new DomainError(
      "PRECONDITION_FAILED",
      `This verdict cannot be published yet. ${result.problems.join(" ")}`,
    );
  return result.claimReview;
}

/**
 * The slug a verdict is published under: kept while its headline keeps it, else a new one
 * from the new headline, the old one remembered so its links redirect. Never another's slug.
 */
export async function slugForPublication(
  db: DbOrTx,
  verdict: { id: string; slug: string | null },
  headline: string,
) {
  const base = slugify(headline) || "verdict";
  if (verdict.slug && (verdict.slug === base || verdict.slug === `${base}-${verdict.id.slice(0, 8)}`))
    return verdict.slug;
  const takenBy = async (slug: string) => {
    const [current] = await db
      .select({ id: verdicts.id })
      .from(verdicts)
      .where(and(eq(verdicts.slug, slug), ne(verdicts.id, verdict.id)));
    const [former] = await db
      .select({ id: verdictSlugs.verdictId })
      .from(verdictSlugs)
      .where(and(eq(verdictSlugs.slug, slug), ne(verdictSlugs.verdictId, verdict.id)));
    return Boolean(current ?? former);
  };
  const slug = (await takenBy(base)) ? `${base}-${verdict.id.slice(0, 8)}` : base;
  if (verdict.slug) {
    await db.insert(verdictSlugs).values({ slug: verdict.slug, verdictId: verdict.id }).onConflictDoNothing();
  }
  // Renamed back: the slug is current again, not a redirect.
  await db
    .delete(verdictSlugs)
    .where(and(eq(verdictSlugs.slug, slug), eq(verdictSlugs.verdictId, verdict.id)));
  return slug;
}

/** The current slug for a former one, if a verdict was once published under it. */
export async function currentSlugFor(db: DbOrTx, formerSlug: string) {
  const [row] = await db
    .select({ slug: verdicts.slug })
    .from(verdictSlugs)
    .innerJoin(verdicts, eq(verdicts.id, verdictSlugs.verdictId))
    .where(or(eq(verdictSlugs.slug, formerSlug)));
  return row?.slug ?? null;
}
