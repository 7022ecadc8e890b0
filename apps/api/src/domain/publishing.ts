import {
  articles,
  claims,
  type DbOrTx,
  ratings,
  verdictRevisions,
  verdictSlugs,
  verdicts,
} from "@factdesk/db";
import { buildClaimReview, DomainError, slugify, type TClaimReviewInput } from "@factdesk/schema";
import { and, eq, max, ne, or } from "drizzle-orm";
import { getSettings, publicBase } from "./settings";

/** A verdict page's canonical address. */
export const verdictPageUrl = (base: URL, slug: string) =>
  new URL(`/verdicts/${encodeURIComponent(slug)}`, base).href;

/** The highest ordinal of the rating scale: ClaimReview's bestRating. */
export async function bestOrdinal(db: DbOrTx) {
  const [row] = await db.select({ best: max(ratings.ordinal) }).from(ratings);
  return row?.best ?? 1;
}

/** Everything ClaimReview says about a verdict revision published at `slug`. */
export async function claimReviewInput(
  db: DbOrTx,
  options: { verdictId: string; revisionId: string; slug: string; publishedAt: Date; publicUrl: URL },
): Promise<TClaimReviewInput> {
  const [row] = await db
    .select({
      claimText: claims.text,
      claimant: claims.claimant,
      articleUrl: articles.url,
      articleDate: articles.publishedAt,
      headline: verdictRevisions.headline,
      ratingLabel: ratings.label,
      ordinal: ratings.ordinal,
    })
    .from(verdicts)
    .innerJoin(claims, eq(claims.id, verdicts.claimId))
    .leftJoin(articles, eq(articles.id, claims.articleId))
    .innerJoin(verdictRevisions, eq(verdictRevisions.id, options.revisionId))
    .leftJoin(ratings, eq(ratings.key, verdictRevisions.rating))
    .where(eq(verdicts.id, options.verdictId));
  if (!row) throw new DomainError("NOT_FOUND", "No verdict with that id exists.");
  const current = await getSettings(db);
  return {
    pageUrl: verdictPageUrl(publicBase(current, options.publicUrl), options.slug),
    headline: row.headline,
    publishedAt: options.publishedAt,
    claim: {
      text: row.claimText,
      claimant: row.claimant,
      appearanceUrl: row.articleUrl,
      appearedAt: row.articleDate,
    },
    organisation: { name: current.organisationName, url: current.organisationUrl, logoUrl: current.logoUrl },
    rating: { label: row.ratingLabel ?? "", ordinal: row.ordinal, best: await bestOrdinal(db) },
  };
}

/** Refuses a publication whose ClaimReview would be invalid, saying what to fix. */
export async function assertPublishable(db: DbOrTx, options: Parameters<typeof claimReviewInput>[1]) {
  const result = buildClaimReview(await claimReviewInput(db, options));
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
