import { type DbOrTx, users, verdictPublications, verdicts } from "@factdesk/db";
import { renderMarkdown } from "@factdesk/schema";
import { and, desc, eq, isNotNull, isNull, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { claimReviewFor, mediaReviewFor } from "../domain/publishing";
import { deskSearch } from "../domain/search";
import type { TSite } from "../domain/settings";

/**
 * Everything readers see comes from publications' frozen snapshots (TVerdictSnapshot),
 * never from the live claim, sources or drafts: a change reaches them only by being
 * approved and published.
 */

/** The publication readers see of each verdict: the one of its published revision. */
const currentPublication = and(
  eq(verdictPublications.verdictId, verdicts.id),
  eq(verdictPublications.revisionId, verdicts.publishedRevisionId),
);

/** Everything a reader sees of one verdict: its current publication, and the history before. */
export async function publicVerdict(db: DbOrTx, slug: string, site: TSite) {
  const author = alias(users, "author");
  const [row] = await db
    .select({ verdict: verdicts, snapshot: verdictPublications.snapshot, authorName: author.name })
    .from(verdicts)
    .innerJoin(verdictPublications, currentPublication)
    .innerJoin(author, eq(author.id, verdicts.authorId))
    .where(eq(verdicts.slug, slug));
  const publishedAt = row?.verdict.publishedAt;
  if (!row || !publishedAt) return null;
  const { verdict, snapshot } = row;

  const approver = alias(users, "approver");
  const publications = await db
    .select({
      publishedAt: verdictPublications.publishedAt,
      snapshot: verdictPublications.snapshot,
      approverName: approver.name,
    })
    .from(verdictPublications)
    .innerJoin(approver, eq(approver.id, verdictPublications.approverId))
    .where(eq(verdictPublications.verdictId, verdict.id))
    .orderBy(verdictPublications.publishedAt);
  const latest = publications.at(-1);
  const review = claimReviewFor(site, snapshot, { slug, publishedAt, modifiedAt: latest?.publishedAt });
  const appearance = snapshot.appearance;
  const page = { slug, publishedAt, modifiedAt: latest?.publishedAt };
  const { media } = snapshot;
  return {
    slug,
    headline: snapshot.revision.headline ?? snapshot.claim.text,
    summary: snapshot.revision.summary,
    explanationHtml: renderMarkdown(snapshot.revision.explanation ?? ""),
    rating: snapshot.rating && {
      key: snapshot.rating.key,
      label: snapshot.rating.label,
      colour: snapshot.rating.colour,
    },
    claim: snapshot.claim,
    article: appearance?.title
      ? { ...appearance, publishedAt: appearance.publishedAt ? new Date(appearance.publishedAt) : null }
      : null,
    sources: snapshot.sources.map(({ id, title, url, stance, excerpt }) => ({
      id,
      title,
      url,
      stance,
      excerpt,
    })),
    reply: snapshot.reply
      ? {
          contacted: snapshot.reply.contacted,
          contactedAt: new Date(snapshot.reply.contactedAt),
          respondedAt: snapshot.reply.respondedAt ? new Date(snapshot.reply.respondedAt) : null,
        }
      : null,
    authorName: row.authorName,
    approverName: latest?.approverName ?? null,
    publishedAt: publishedAt,
    updatedAt: latest?.publishedAt ?? publishedAt,
    corrections: publications.slice(1).map((publication) => ({
      publishedAt: publication.publishedAt,
      number: publication.snapshot.revision.number,
      correctionNote: publication.snapshot.revision.correctionNote,
      headline: publication.snapshot.revision.headline,
      approverName: publication.approverName,
    })),
    retraction: verdict.retractedAt ? { at: verdict.retractedAt, reason: verdict.retractionReason } : null,
    claimReview: review.ok ? review.claimReview : null,
    /** The image or video the claim is about, as readers get it (its copy without metadata). */
    media: media && {
      kind: media.kind,
      copyUrl: media.file ? `/media/${encodeURIComponent(media.id)}` : null,
      sha256: media.publicSha256,
      address: media.address,
      rating: media.rating,
    },
    mediaReview: mediaReviewFor(site, snapshot, page),
    /** When anything a reader sees last changed: the basis of Last-Modified. */
    changedAt: new Date(
      Math.max((latest?.publishedAt ?? publishedAt).getTime(), verdict.retractedAt?.getTime() ?? 0),
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

const snapshotText = (path: string) => sql<string | null>`${verdictPublications.snapshot} #>> ${`{${path}}`}`;

/** Published verdicts, newest first, filtered and paginated; retracted ones stay listed. */
export async function listPublicVerdicts(db: DbOrTx, { page = 1, rating, q }: TVerdictQuery = {}) {
  const search = await deskSearch(db, q);
  const filters: (SQL | undefined)[] = [
    isNotNull(verdicts.publishedRevisionId),
    rating ? sql`${snapshotText("rating,key")} = ${rating}` : undefined,
    search ? sql`${verdictPublications.search} @@ ${search}` : undefined,
  ];
  const rows = await db
    .select({
      slug: verdicts.slug,
      headline: snapshotText("revision,headline"),
      summary: snapshotText("revision,summary"),
      claimText: sql<string>`${snapshotText("claim,text")}`,
      claimant: snapshotText("claim,claimant"),
      rating: {
        key: snapshotText("rating,key"),
        label: sql<string>`${snapshotText("rating,label")}`,
        colour: sql<string>`${snapshotText("rating,colour")}`,
      },
      publishedAt: verdicts.publishedAt,
      retractedAt: verdicts.retractedAt,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(verdicts)
    .innerJoin(verdictPublications, currentPublication)
    .where(and(...filters))
    .orderBy(desc(verdicts.publishedAt), desc(verdicts.id))
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE);
  const total = rows[0]?.total ?? 0;
  return {
    items: rows.map(({ total: _total, rating: itemRating, ...item }) => ({
      ...item,
      slug: item.slug ?? "",
      rating: itemRating.key ? { ...itemRating, key: itemRating.key } : null,
    })),
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

/** Every current ClaimReview (published, not retracted), for the DataFeed, from the snapshots. */
export async function currentClaimReviews(db: DbOrTx, site: TSite) {
  const rows = await db
    .select({
      slug: verdicts.slug,
      publishedAt: verdicts.publishedAt,
      modifiedAt: verdictPublications.publishedAt,
      snapshot: verdictPublications.snapshot,
    })
    .from(verdicts)
    .innerJoin(verdictPublications, currentPublication)
    .where(isNull(verdicts.retractedAt))
    .orderBy(desc(verdicts.publishedAt));
  const reviews = [];
  for (const { slug, publishedAt, modifiedAt, snapshot } of rows) {
    if (!slug || !publishedAt) continue;
    const built = claimReviewFor(site, snapshot, { slug, publishedAt, modifiedAt });
    if (built.ok) reviews.push({ claimReview: built.claimReview, publishedAt });
  }
  return reviews;
}
