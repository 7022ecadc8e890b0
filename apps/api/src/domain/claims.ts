import { normalizeForMatching, sentenceContext } from "@factdesk/claims";
import {
  articles,
  chainClaim,
  claimLinks,
  claims,
  comments,
  type DbOrTx,
  events,
  insertedRow,
  sources,
  users,
} from "@factdesk/db";
import {
  allowedTransitions,
  assertTransition,
  DomainError,
  hasRole,
  type TActor,
  type TClaimArchiveInput,
  type TClaimAssignInput,
  type TClaimCommentInput,
  type TClaimFacts,
  type TClaimTransitionInput,
  type TClaimUpdateInput,
} from "@factdesk/schema";
import { and, asc, eq, getTableColumns, inArray, or, sql } from "drizzle-orm";
import { alias, type PgColumn } from "drizzle-orm/pg-core";
import type { TJobQueue } from "../jobs/queue";
import { recordEvent } from "./audit";
import { notify } from "./notifications";
import { assertNotUnderApproval } from "./verdicts/approve";
import { lockVersion, refuseStaleWrite, updateVersion } from "./versioned";

// ── One claim ───────────────────────────────────────────────────────────────────────────

/** The claim, or NOT_FOUND. `lock` holds its row until the transaction ends. */
export async function findClaim(db: DbOrTx, id: string, { lock = false } = {}) {
  const query = db.select().from(claims).where(eq(claims.id, id));
  const [claim] = lock ? await query.for("update") : await query;
  if (!claim) throw new DomainError("NOT_FOUND", "No claim with that id exists.");
  return claim;
}

/** What the workflow needs to know about a claim to judge a transition. */
export async function claimFacts(db: DbOrTx, claim: typeof claims.$inferSelect): Promise<TClaimFacts> {
  const [evidence] = await db
    .select({
      sourceCount: sql<number>`count(*)::int`,
      refutingSourceCount: sql<number>`(count(*) filter (where ${sources.stance} = 'refutes'))::int`,
    })
    .from(sources)
    .where(eq(sources.claimId, claim.id));
  const [links] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(claimLinks)
    .where(
      and(
        eq(claimLinks.kind, "contradiction"),
        eq(claimLinks.state, "confirmed"),
        or(eq(claimLinks.claimAId, claim.id), eq(claimLinks.claimBId, claim.id)),
      ),
    );
  return {
    status: claim.status,
    archived: claim.archivedAt !== null,
    sourceCount: evidence?.sourceCount ?? 0,
    refutingSourceCount: evidence?.refutingSourceCount ?? 0,
    confirmedContradictionCount: links?.count ?? 0,
  };
}

export async function getClaim(db: DbOrTx, actor: TActor, id: string) {
  const claim = await findClaim(db, id);
  const [article] = claim.articleId
    ? await db.select().from(articles).where(eq(articles.id, claim.articleId))
    : [];
  const [assignee] = claim.assigneeId
    ? await db.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, claim.assigneeId))
    : [];
  const claimSources = await db
    .select()
    .from(sources)
    .where(eq(sources.claimId, claim.id))
    .orderBy(asc(sources.createdAt));
  const facts = await claimFacts(db, claim);
  const { search: _search, normalizedText: _normalized, ...fields } = claim;

  return {
    claim: fields,
    assignee: assignee ?? null,
    article: article
      ? {
          id: article.id,
          title: article.title,
          url: article.url,
          outlet: article.outlet,
          author: article.author,
          publishedAt: article.publishedAt,
          context:
            claim.sentenceStart !== null && claim.sentenceEnd !== null
              ? sentenceContext(article.body, claim.sentenceStart, claim.sentenceEnd)
              : null,
        }
      : null,
    sources: claimSources,
    transitions: allowedTransitions(actor, { kind: "claim", ...facts }),
  };
}

/**
 * Moves a claim to another research status, if the workflow allows it for this actor and
 * the version is the one the actor saw. One transaction: guarded update, audit event, NOTIFY.
 */
export async function transitionClaim(db: DbOrTx, actor: TActor, input: TClaimTransitionInput) {
  return db.transaction(async (tx) => {
    const claim = await lockVersion(tx, claims, input.id, input.version, "claim");
    assertTransition(actor, { kind: "claim", ...(await claimFacts(tx, claim)) }, input.to, input.reason);
    const updated = await updateVersion(tx, claims, claim.id, claim.version, { status: input.to }, "claim");
    await recordEvent(tx, {
      actorId: actor.id,
      entityType: "claim",
      entityId: claim.id,
      action: "status_changed",
      from: claim.status,
      to: input.to,
      data: input.reason ? { reason: input.reason } : {},
    });
    return { id: updated.id, status: updated.status, version: updated.version };
  });
}

/** Fact-checkers take or drop claims for themselves; editors assign anyone. */
export async function assignClaim(db: DbOrTx, actor: TActor, input: TClaimAssignInput) {
  return db.transaction(async (tx) => {
    const claim = await lockVersion(tx, claims, input.id, input.version, "claim");
    const touchesOthers = [claim.assigneeId, input.assigneeId].some((id) => id !== null && id !== actor.id);
    if (touchesOthers && !hasRole(actor, "editor")) {
      throw new DomainError(
        "FORBIDDEN",
        "Only editors can assign a claim to someone else or take it from them.",
      );
    }
    if (input.assigneeId) {
      const [assignee] = await tx
        .select({ active: users.active })
        .from(users)
        .where(eq(users.id, input.assigneeId));
      if (!assignee?.active) throw new DomainError("BAD_REQUEST", "That person is not an active user.");
    }
    const updated = await updateVersion(
      tx,
      claims,
      claim.id,
      claim.version,
      { assigneeId: input.assigneeId },
      "claim",
    );
    await recordEvent(tx, {
      actorId: actor.id,
      entityType: "claim",
      entityId: claim.id,
      action: "assigned",
      from: claim.assigneeId,
      to: input.assigneeId,
    });
    if (input.assigneeId)
      await notify(tx, actor, [{ userId: input.assigneeId, kind: "assigned", claimId: claim.id }]);
    return updated;
  });
}

/** A claim's columns as procedures return them: not its search vector or matching text (internal, and long). */
const { search: _search, normalizedText: _normalized, ...claimFields } = getTableColumns(claims);

/**
 * Edits wording, claimant, the day it was made or priority; the original sentence stays linked
 * by its offsets. One statement checks the version, writes and reads back the values it
 * replaced (an UPDATE … FROM the row as it was), and claims the audit chain for its event:
 * two round trips fewer than locking first and claiming apart.
 */
export async function updateClaim(db: DbOrTx, actor: TActor, input: TClaimUpdateInput, jobs?: TJobQueue) {
  return db.transaction(async (tx) => {
    const { id: _id, version: _version, ...changes } = input;
    const before = alias(claims, "before");
    const [updated] = await tx
      .update(claims)
      .set({
        ...changes,
        ...(changes.text ? { normalizedText: normalizeForMatching(changes.text) } : {}),
        version: sql`${claims.version} + 1`,
      })
      .from(before)
      .where(and(eq(claims.id, input.id), eq(claims.version, input.version), eq(before.id, claims.id)))
      .returning({
        ...claimFields,
        was: {
          text: before.text,
          claimant: before.claimant,
          claimantKind: before.claimantKind,
          claimantAffiliation: before.claimantAffiliation,
          statedOn: before.statedOn,
          priority: before.priority,
        },
        chain: chainClaim(1),
      });
    if (!updated) return refuseStaleWrite(tx, claims, input.id, input.version, "claim");
    const { was, chain, ...claim } = updated;
    // A form sends every field: the history keeps those that changed.
    const changed = (Object.keys(changes) as (keyof typeof was)[]).filter((key) => changes[key] !== was[key]);
    // What readers would see differently: the wording, who said it and when, and what kind of claimant.
    const readersSee = ["text", "claimant", "claimantKind", "statedOn"];
    if (changed.some((key) => readersSee.includes(key)))
      await assertNotUnderApproval(tx, claim.id, { claimWording: true });
    await recordEvent(
      tx,
      {
        actorId: actor.id,
        entityType: "claim",
        entityId: claim.id,
        action: "edited",
        data: {
          before: Object.fromEntries(changed.map((key) => [key, was[key]])),
          after: Object.fromEntries(changed.map((key) => [key, changes[key]])),
        },
      },
      chain,
    );
    // New wording or another claimant may restate other past fact-checks: matched again in a job.
    if (jobs && changed.some((key) => key === "text" || key === "claimant"))
      await jobs.enqueue(tx, "match-claims", { claimIds: [claim.id], actorId: actor.id });
    return claim;
  });
}

/** Archives a claim (dismissed, with a reason) or restores it to the queue. */
export async function archiveClaim(db: DbOrTx, actor: TActor, input: TClaimArchiveInput) {
  return db.transaction(async (tx) => {
    const claim = await lockVersion(tx, claims, input.id, input.version, "claim");
    if (input.archived === (claim.archivedAt !== null)) {
      throw new DomainError(
        "CONFLICT",
        input.archived ? "This claim is already archived." : "This claim is not archived.",
      );
    }
    const set = input.archived
      ? { archivedAt: new Date(), archiveReason: input.reason ?? null }
      : { archivedAt: null, archiveReason: null };
    const updated = await updateVersion(tx, claims, claim.id, claim.version, set, "claim");
    await recordEvent(tx, {
      actorId: actor.id,
      entityType: "claim",
      entityId: claim.id,
      action: input.archived ? "archived" : "restored",
      data: input.reason ? { reason: input.reason } : {},
    });
    return updated;
  });
}

/** @handles are the local part of a user's email: "@editor" for editor@factdesk.test. */
export const mentionedHandles = (body: string) => [
  ...new Set(
    [...body.matchAll(/(?<![\w@])@([a-z0-9][a-z0-9._-]*)/gi)].map((m) => (m[1] ?? "").toLowerCase()),
  ),
];

export async function commentOnClaim(db: DbOrTx, actor: TActor, input: TClaimCommentInput) {
  return db.transaction(async (tx) => {
    const claim = await findClaim(tx, input.claimId);
    const handles = mentionedHandles(input.body);
    const mentioned = handles.length
      ? await tx
          .select({ id: users.id })
          .from(users)
          .where(inArray(sql`lower(split_part(${users.email}, '@', 1))`, handles))
      : [];
    const comment = insertedRow(
      await tx
        .insert(comments)
        .values({
          claimId: claim.id,
          authorId: actor.id,
          body: input.body,
          mentions: mentioned.map((u) => u.id),
        })
        .returning(),
      "comment",
    );
    await recordEvent(tx, {
      actorId: actor.id,
      entityType: "comment",
      entityId: comment.id,
      action: "commented",
      claimId: claim.id,
      data: { mentions: comment.mentions },
    });
    await notify(
      tx,
      actor,
      comment.mentions.map((userId) => ({
        userId,
        kind: "mentioned" as const,
        claimId: claim.id,
        data: { excerpt: comment.body.slice(0, 200) },
      })),
    );
    return comment;
  });
}

/** Comments on a claim or on a verdict, oldest first, with their authors. */
export async function listComments(db: DbOrTx, on: { claimId: string } | { verdictId: string }) {
  return db
    .select({
      id: comments.id,
      body: comments.body,
      mentions: comments.mentions,
      createdAt: comments.createdAt,
      author: { id: users.id, name: users.name },
    })
    .from(comments)
    .innerJoin(users, eq(users.id, comments.authorId))
    .where("claimId" in on ? eq(comments.claimId, on.claimId) : eq(comments.verdictId, on.verdictId))
    .orderBy(asc(comments.createdAt), asc(comments.id));
}

/** Everything that happened to a claim, its sources, verdict and comments, oldest first. */
export async function claimHistory(db: DbOrTx, claimId: string) {
  await findClaim(db, claimId);
  // An assignment's from/to are user ids: the history reads their names.
  const [fromUser, toUser] = [alias(users, "from_user"), alias(users, "to_user")];
  const names = (personId: PgColumn, side: PgColumn) =>
    and(eq(events.action, "assigned"), eq(sql`${personId}::text`, side));
  return db
    .select({
      id: events.id,
      action: events.action,
      entityType: events.entityType,
      entityId: events.entityId,
      from: events.from,
      to: events.to,
      fromName: fromUser.name,
      toName: toUser.name,
      data: events.data,
      createdAt: events.createdAt,
      actor: { id: users.id, name: users.name },
    })
    .from(events)
    .leftJoin(users, eq(users.id, events.actorId))
    .leftJoin(fromUser, names(fromUser.id, events.from))
    .leftJoin(toUser, names(toUser.id, events.to))
    .where(
      or(
        and(eq(events.entityType, "claim"), eq(events.entityId, claimId)),
        sql`${events.data}->>'claimId' = ${claimId}`,
      ),
    )
    .orderBy(asc(events.id));
}
