import { claims, type DbOrTx, mediaItems, sources, verdictRevisions, verdicts } from "@factdesk/db";
import {
  DomainError,
  defaultApprovalRules,
  type TVerdictFacts,
  type TVerdictSnapshot,
  ZVerdictSnapshot,
} from "@factdesk/schema";
import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import { approverIdsOf, getApprovalRules, listRecusals, replyOnRecord } from "../editorial-rules";

export type TVerdict = typeof verdicts.$inferSelect;
export type TRevision = typeof verdictRevisions.$inferSelect;

export async function currentRevision(db: DbOrTx, verdict: TVerdict): Promise<TRevision> {
  const [revision] = verdict.currentRevisionId
    ? await db.select().from(verdictRevisions).where(eq(verdictRevisions.id, verdict.currentRevisionId))
    : [];
  if (!revision) throw new Error(`Verdict ${verdict.id} has no current revision.`);
  return revision;
}

/**
 * Everyone who wrote a revision since the verdict was last published (the review cycle), as
 * SQL over the `verdicts` row in the statement: for the facts, the queue and the guarded update.
 * Names are written out: drizzle leaves columns unqualified here, and a bare "id" is the revision's.
 */
export const cycleAuthors = sql<string[]>`array(
  select distinct r.author_id::text from verdict_revisions r
  where r.verdict_id = "verdicts"."id" and r.number > coalesce(
    (select p.number from verdict_revisions p where p.id = "verdicts"."published_revision_id"), 0))`;

export async function cycleAuthorIds(db: DbOrTx, verdict: TVerdict): Promise<string[]> {
  const [row] = await db.select({ ids: cycleAuthors }).from(verdicts).where(eq(verdicts.id, verdict.id));
  return row?.ids ?? [];
}

/**
 * Four eyes in the database: the guarded update finds no row when the actor wrote any
 * revision of the current review cycle, whatever the application checked before.
 */
export const noRevisionOfTheCycleBy = (actorId: string): SQL => sql`not (${actorId} = any(${cycleAuthors}))`;

export async function verdictFacts(
  db: DbOrTx,
  verdict: TVerdict,
  revision: TRevision,
): Promise<TVerdictFacts> {
  const [claim] = await db
    .select({
      status: claims.status,
      replyOnRecord: replyOnRecord(sql`${claims.id}`),
      concernsMedia: sql<boolean>`exists (select 1 from ${mediaItems} m where m.claim_id = "claims"."id" and m.detached_at is null)`,
    })
    .from(claims)
    .where(eq(claims.id, verdict.claimId));
  if (!claim) throw new Error(`Verdict ${verdict.id} has no claim.`);
  const [cited] = revision.sourceIds.length
    ? await db
        .select({
          all: sql<number>`count(*)::int`,
          stanced: sql<number>`(count(*) filter (where ${sources.stance} in ('supports', 'refutes')))::int`,
        })
        .from(sources)
        .where(and(inArray(sources.id, revision.sourceIds), eq(sources.claimId, verdict.claimId)))
    : [];
  return {
    state: verdict.state,
    revisionAuthorId: revision.authorId,
    cycleAuthorIds: await cycleAuthorIds(db, verdict),
    claimStatus: claim.status,
    correction: verdict.publishedRevisionId !== null,
    concernsMedia: claim.concernsMedia,
    draft: {
      rating: revision.rating,
      mediaRating: revision.mediaRating,
      headline: revision.headline,
      explanation: revision.explanation,
      correctionNote: revision.correctionNote,
    },
    // An approved verdict is judged by the rules it was approved under, not ones changed since.
    rules:
      verdict.state === "approved" && verdict.approvedRules
        ? { ...defaultApprovalRules, ...verdict.approvedRules }
        : (await getApprovalRules(db)).rules,
    approverIds: await approverIdsOf(db, revision.id),
    recusedIds: (await listRecusals(db, verdict.claimId)).map((recusal) => recusal.userId),
    citedSources: cited?.all ?? 0,
    stancedSources: cited?.stanced ?? 0,
    replyOnRecord: !!claim.replyOnRecord,
  };
}

/** What readers would see of `revisionId` if it were published now (the SQL function verdict_snapshot). */
export async function captureSnapshot(db: DbOrTx, revisionId: string): Promise<TVerdictSnapshot> {
  const result = await db.execute(sql`select verdict_snapshot(${revisionId}::uuid) as snapshot`);
  const [row] = (result as unknown as { rows: { snapshot: unknown }[] }).rows;
  if (!row?.snapshot) throw new DomainError("NOT_FOUND", "No verdict revision with that id exists.");
  return ZVerdictSnapshot.parse(row.snapshot);
}
