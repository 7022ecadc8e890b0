import {
  claims,
  type DbOrTx,
  ratings,
  sources,
  users,
  verdictPublications,
  verdictRevisions,
  verdicts,
} from "@factdesk/db";
import {
  allowedTransitions,
  approvalStillNeeded,
  approversNeeded,
  DomainError,
  snapshotDifferences,
  type TActor,
  type TVerdictFacts,
} from "@factdesk/schema";
import { and, asc, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { findClaim, listComments } from "../claims";
import { captureSnapshot, currentRevision, verdictFacts } from "./facts";

/**
 * Where the review stands by the desk's rules, for the screens: how many editors must approve
 * and who has, what is still needed, and whether the right of reply is required and on record.
 */
async function reviewStanding(db: DbOrTx, facts: TVerdictFacts) {
  const approvers = facts.approverIds.length
    ? await db
        .select({ id: users.id, name: users.name })
        .from(users)
        .where(inArray(users.id, [...facts.approverIds]))
    : [];
  return {
    approversNeeded: approversNeeded(facts.rules, facts.draft.rating),
    approvedBy: facts.approverIds.map((id) => approvers.find((user) => user.id === id)?.name ?? "An editor"),
    stillNeeded: approvalStillNeeded(facts),
    rightOfReply: facts.rules.rightOfReply ? { onRecord: facts.replyOnRecord } : null,
    recusedIds: facts.recusedIds,
  };
}

/** The claim's verdict as the actor sees it: current revision, what they may do next. */
export async function getVerdict(db: DbOrTx, actor: TActor, claimId: string) {
  await findClaim(db, claimId);
  const [verdict] = await db.select().from(verdicts).where(eq(verdicts.claimId, claimId));
  if (!verdict)
    return {
      verdict: null,
      revision: null,
      revisionAuthor: null,
      transitions: [],
      review: null,
      comments: [],
      changedSincePublication: [],
    };
  const revision = await currentRevision(db, verdict);
  const facts = await verdictFacts(db, verdict, revision);
  const [revisionAuthor] = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(eq(users.id, revision.authorId));
  return {
    verdict,
    revision,
    revisionAuthor: revisionAuthor ?? null,
    transitions: allowedTransitions(actor, { kind: "verdict", ...facts }),
    review: await reviewStanding(db, facts),
    comments: await listComments(db, { verdictId: verdict.id }),
    /** Edits made since publication that readers do not see until a correction is published. */
    changedSincePublication: await changedSincePublication(db, verdict),
  };
}

async function changedSincePublication(db: DbOrTx, verdict: typeof verdicts.$inferSelect) {
  if (!verdict.publishedRevisionId) return [];
  const [publication] = await db
    .select({ snapshot: verdictPublications.snapshot })
    .from(verdictPublications)
    .where(
      and(
        eq(verdictPublications.verdictId, verdict.id),
        eq(verdictPublications.revisionId, verdict.publishedRevisionId),
      ),
    );
  if (!publication) return [];
  return snapshotDifferences(publication.snapshot, await captureSnapshot(db, verdict.publishedRevisionId));
}

/** Every revision, oldest first, with its author, and when each went public. */
export async function listRevisions(db: DbOrTx, verdictId: string) {
  const [verdict] = await db.select({ id: verdicts.id }).from(verdicts).where(eq(verdicts.id, verdictId));
  if (!verdict) throw new DomainError("NOT_FOUND", "No verdict with that id exists.");
  const revisions = await db
    .select({ revision: verdictRevisions, author: { id: users.id, name: users.name } })
    .from(verdictRevisions)
    .innerJoin(users, eq(users.id, verdictRevisions.authorId))
    .where(eq(verdictRevisions.verdictId, verdictId))
    .orderBy(asc(verdictRevisions.number));
  const publications = await db
    .select()
    .from(verdictPublications)
    .where(eq(verdictPublications.verdictId, verdictId))
    .orderBy(asc(verdictPublications.publishedAt));
  return revisions.map(({ revision, author }) => ({
    ...revision,
    author,
    publishedAt: publications.find((p) => p.revisionId === revision.id)?.publishedAt ?? null,
  }));
}

/**
 * Submitted verdicts waiting for an editor, oldest first: the whole revision to be approved
 * (rating, headline, summary, explanation, the sources it relies on) and what the actor may do.
 */
export async function approvalQueue(db: DbOrTx, actor: TActor) {
  const author = alias(users, "author");
  const rows = await db
    .select({
      id: verdicts.id,
      version: verdicts.version,
      updatedAt: verdicts.updatedAt,
      publishedRevisionId: verdicts.publishedRevisionId,
      claim: { id: claims.id, text: claims.text, status: claims.status },
      revision: {
        id: verdictRevisions.id,
        number: verdictRevisions.number,
        rating: verdictRevisions.rating,
        headline: verdictRevisions.headline,
        summary: verdictRevisions.summary,
        explanation: verdictRevisions.explanation,
        correctionNote: verdictRevisions.correctionNote,
        sourceIds: verdictRevisions.sourceIds,
      },
      rating: { label: ratings.label, colour: ratings.colour },
      author: { id: author.id, name: author.name },
      row: verdicts,
      revisionRow: verdictRevisions,
    })
    .from(verdicts)
    .innerJoin(claims, eq(claims.id, verdicts.claimId))
    .innerJoin(verdictRevisions, eq(verdictRevisions.id, verdicts.currentRevisionId))
    .innerJoin(author, eq(author.id, verdictRevisions.authorId))
    .leftJoin(ratings, eq(ratings.key, verdictRevisions.rating))
    .where(eq(verdicts.state, "submitted"))
    .orderBy(asc(verdicts.updatedAt));
  const sourceIds = [...new Set(rows.flatMap((row) => row.revision.sourceIds))];
  const relied = sourceIds.length
    ? await db
        .select({ id: sources.id, title: sources.title, url: sources.url, stance: sources.stance })
        .from(sources)
        .where(inArray(sources.id, sourceIds))
    : [];
  const byId = new Map(relied.map((source) => [source.id, source]));
  const queue = [];
  for (const { publishedRevisionId: _published, row: verdict, revisionRow, ...row } of rows) {
    const facts = await verdictFacts(db, verdict, revisionRow);
    queue.push({
      ...row,
      sources: row.revision.sourceIds.flatMap((id) => byId.get(id) ?? []),
      transitions: allowedTransitions(actor, { kind: "verdict", ...facts }),
      review: await reviewStanding(db, facts),
    });
  }
  return queue;
}
