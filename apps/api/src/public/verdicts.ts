import {
  articles,
  claims,
  type DbOrTx,
  ratings,
  sources,
  users,
  verdictPublications,
  verdictRevisions,
  verdicts,
} from "@factdesk/db";
import { buildClaimReview, renderMarkdown } from "@factdesk/schema";
import { and, desc, eq, inArray, isNotNull, isNull, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { claimReviewInput } from "../domain/publishing";

/** Everything a reader sees of one verdict: the published revision, never a draft. */
export async function publicVerdict(db: DbOrTx, slug: string, publicUrl: URL) {
  const author = alias(users, "author");
  const [row] = await db
    .select({
      verdict: verdicts,
      revision: verdictRevisions,
      claim: { text: claims.text, claimant: claims.claimant },
      article: {
        title: articles.title,
        url: articles.url,
        outlet: articles.outlet,
        publishedAt: articles.publishedAt,
      },
      rating: { key: ratings.key, label: ratings.label, colour: ratings.colour, ordinal: ratings.ordinal },
      authorName: author.name,
    })
    .from(verdicts)
    .innerJoin(verdictRevisions, eq(verdictRevisions.id, verdicts.publishedRevisionId))
    .innerJoin(claims, eq(claims.id, verdicts.claimId))
    .leftJoin(articles, eq(articles.id, claims.articleId))
    .leftJoin(ratings, eq(ratings.key, verdictRevisions.rating))
    .innerJoin(author, eq(author.id, verdicts.authorId))
    .where(eq(verdicts.slug, slug));
  if (!row?.verdict.publishedAt) return null;

  const approver = alias(users, "approver");
  const publications = await db
    .select({
      publishedAt: verdictPublications.publishedAt,
      number: verdictRevisions.number,
      correctionNote: verdictRevisions.correctionNote,
      headline: verdictRevisions.headline,
      approverName: approver.name,
    })
    .from(verdictPublications)
    .innerJoin(verdictRevisions, eq(verdictRevisions.id, verdictPublications.revisionId))
    .innerJoin(approver, eq(approver.id, verdictPublications.approverId))
    .where(eq(verdictPublications.verdictId, row.verdict.id))
    .orderBy(verdictPublications.publishedAt);
  const evidence = row.revision.sourceIds.length
    ? await db
        .select({ title: sources.title, url: sources.url, stance: sources.stance, excerpt: sources.excerpt })
        .from(sources)
        .where(inArray(sources.id, row.revision.sourceIds))
        .orderBy(sources.createdAt)
    : [];
  const latest = publications.at(-1);
  const review = buildClaimReview(
    await claimReviewInput(db, {
      verdictId: row.verdict.id,
      revisionId: row.revision.id,
      slug,
      publishedAt: row.verdict.publishedAt,
      publicUrl,
    }),
  );
  return {
    slug,
    headline: row.revision.headline ?? row.claim.text,
    summary: row.revision.summary,
    explanationHtml: renderMarkdown(row.revision.explanation ?? ""),
    rating: row.rating,
    claim: row.claim,
    article: row.article?.title ? row.article : null,
    sources: evidence,
    authorName: row.authorName,
    approverName: latest?.approverName ?? null,
    publishedAt: row.verdict.publishedAt,
    updatedAt: latest?.publishedAt ?? row.verdict.publishedAt,
    corrections: publications.slice(1),
    retraction: row.verdict.retractedAt
      ? { at: row.verdict.retractedAt, reason: row.verdict.retractionReason }
      : null,
    claimReview: review.ok ? review.claimReview : null,
    /** When anything a reader sees last changed: the basis of Last-Modified. */
    changedAt: new Date(
      Math.max(
        (latest?.publishedAt ?? row.verdict.publishedAt).getTime(),
        row.verdict.retractedAt?.getTime() ?? 0,
      ),
    ),
  };
}
export type TPublicVerdict = NonNullable<Awaited<ReturnType<typeof publicVerdict>>>;

export const PAGE_SIZE = 20;

export interface TVerdictQuery {
  page?: number;
  rating?: string | undefined;
  /** Words to find in the claim or the headline (web search syntax: "quotes", -not, or). */
  q?: string | undefined;
}

/** Published verdicts, newest first, filtered and paginated; retracted ones stay listed. */
export async function listPublicVerdicts(db: DbOrTx, { page = 1, rating, q }: TVerdictQuery = {}) {
  const filters: (SQL | undefined)[] = [
    isNotNull(verdicts.publishedRevisionId),
    rating ? eq(verdictRevisions.rating, rating) : undefined,
    q
      ? sql`(${claims.search} || to_tsvector('english', coalesce(${verdictRevisions.headline}, ''))) @@ websearch_to_tsquery('english', ${q})`
      : undefined,
  ];
  const rows = await db
    .select({
      slug: verdicts.slug,
      headline: verdictRevisions.headline,
      summary: verdictRevisions.summary,
      claimText: claims.text,
      claimant: claims.claimant,
      rating: { key: ratings.key, label: ratings.label, colour: ratings.colour },
      publishedAt: verdicts.publishedAt,
      retractedAt: verdicts.retractedAt,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(verdicts)
    .innerJoin(verdictRevisions, eq(verdictRevisions.id, verdicts.publishedRevisionId))
    .innerJoin(claims, eq(claims.id, verdicts.claimId))
    .leftJoin(ratings, eq(ratings.key, verdictRevisions.rating))
    .where(and(...filters))
    .orderBy(desc(verdicts.publishedAt), desc(verdicts.id))
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE);
  const total = rows[0]?.total ?? 0;
  return {
    items: rows.map(({ total: _total, ...item }) => ({ ...item, slug: item.slug ?? "" })),
    page,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    total,
  };
}

/** The most recent change to anything public: a publication, a retraction. */
export async function lastPublicChange(db: DbOrTx): Promise<Date> {
  const [row] = await db
    .select({
      published: sql<string | null>`max(${verdictPublications.publishedAt})`,
      retracted: sql<string | null>`(select max(${verdicts.retractedAt}) from ${verdicts})`,
    })
    .from(verdictPublications);
  const times = [row?.published, row?.retracted].filter(Boolean).map((t) => new Date(t as string).getTime());
  return new Date(Math.max(0, ...times));
}

/** Every current ClaimReview (published, not retracted), for the DataFeed. One query each: fine for a feed that CDNs cache. */
export async function currentClaimReviews(db: DbOrTx, publicUrl: URL) {
  const rows = await db
    .select({
      id: verdicts.id,
      revisionId: verdicts.publishedRevisionId,
      slug: verdicts.slug,
      publishedAt: verdicts.publishedAt,
    })
    .from(verdicts)
    .where(and(isNotNull(verdicts.publishedRevisionId), isNull(verdicts.retractedAt)))
    .orderBy(desc(verdicts.publishedAt));
  const reviews = [];
  for (const row of rows) {
    if (!row.revisionId || !row.slug || !row.publishedAt) continue;
    const built = buildClaimReview(
      await claimReviewInput(db, {
        verdictId: row.id,
        revisionId: row.revisionId,
        slug: row.slug,
        publishedAt: row.publishedAt,
        publicUrl,
      }),
    );
    if (built.ok) reviews.push({ claimReview: built.claimReview, publishedAt: row.publishedAt });
  }
  return reviews;
}
