import {
  approvalRules,
  type DbOrTx,
  recusals,
  replyRecords,
  verdictApprovals,
  verdictRevisions,
} from "@factdesk/db";
import {
  DomainError,
  defaultApprovalRules,
  type TActor,
  type TApprovalRules,
  type TApprovalRulesUpdateInput,
  type TRecuseInput,
  type TReplyContactInput,
  type TReplyOverrideInput,
  type TReplyResponseInput,
  ZApprovalRules,
} from "@factdesk/schema";
import { and, asc, eq, isNotNull, type SQL, sql } from "drizzle-orm";
import { recordEvent } from "./audit";
import { findClaim } from "./claims";
import { lockVersion, updateVersion } from "./versioned";

// The desk's editorial rules (approvers, sources, right of reply) and what they are judged
// against: approvals, declared conflicts of interest and the claimant's right of reply. The
// rules themselves are data in the workflow module; this is where their facts are kept.

/** The approval rules' identity in the audit log (the table holds one row). */
const RULES_ENTITY_ID = "00000000-0000-4000-8000-000000000002";

/** The rules in force, and their version (0 until an admin first saves them). */
export async function getApprovalRules(db: DbOrTx): Promise<{ rules: TApprovalRules; version: number }> {
  const [row] = await db.select().from(approvalRules).where(eq(approvalRules.id, 1));
  // Stored rules are parsed, so a rule added later reads as its default in older rows.
  return row
    ? { rules: ZApprovalRules.parse({ ...defaultApprovalRules, ...row.rules }), version: row.version }
    : { rules: defaultApprovalRules, version: 0 };
}

/**
 * Saves new rules if nobody else did since the version the admin saw; the audit event keeps
 * both. Verdicts already published are not touched; ones in review meet the new rules.
 */
export async function updateApprovalRules(db: DbOrTx, actor: TActor, input: TApprovalRulesUpdateInput) {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(approvalRules).where(eq(approvalRules.id, 1)).for("update");
    const seen = current?.version ?? 0;
    if (seen !== input.version)
      throw new DomainError(
        "CONFLICT",
        `Someone changed the approval rules since you opened them (you saw version ${input.version}, they are now at ${seen}). Review them and try again.`,
        { current },
      );
    const row = { rules: input.rules, version: seen + 1, updatedBy: actor.id };
    const [saved] = await tx
      .insert(approvalRules)
      .values({ id: 1, ...row })
      .onConflictDoUpdate({ target: approvalRules.id, set: row })
      .returning();
    await recordEvent(tx, {
      actorId: actor.id,
      entityType: "settings",
      entityId: RULES_ENTITY_ID,
      action: "approval_rules_updated",
      data: { from: current?.rules ?? defaultApprovalRules, to: input.rules },
    });
    return { rules: input.rules, version: saved?.version ?? seen + 1 };
  });
}

/** Editors who approved this revision so far. */
export async function approverIdsOf(db: DbOrTx, revisionId: string) {
  const rows = await db
    .select({ id: verdictApprovals.approverId })
    .from(verdictApprovals)
    .where(eq(verdictApprovals.revisionId, revisionId))
    .orderBy(asc(verdictApprovals.createdAt));
  return rows.map((row) => row.id);
}

/**
 * Whether the claimant's right of reply is on record for the claim (SQL over its id): a
 * response, an attempt whose deadline has passed, or an editor's waiver.
 */
export const replyOnRecord = (claimId: SQL | string) => sql<boolean>`exists (
  select 1 from ${replyRecords} r where r.claim_id = ${claimId}
    and (r.waiver_reason is not null or r.response is not null or r.deadline <= now()))`;

/**
 * How many distinct editors the rules in force ask to approve the verdict's current revision
 * (`approversNeeded`, read by the database from the rules row and the revision's rating), for
 * the guarded update: the database does not take the application's word for it.
 */
export const approversNeededInDatabase = sql`coalesce((
  select greatest((r.rules->>'approvers')::int, coalesce((r.rules->'approversByRating'->>vr.rating)::int, 0))
  from ${approvalRules} r join ${verdictRevisions} vr on vr.id = "verdicts"."current_revision_id"), 1)`;

/**
 * Whether the verdict's current revision cites as many sources, and sources with a stance, as
 * the rules in force ask (`enoughSources` in the workflow), read by the database for the guarded update.
 */
export const citesEnoughSources = sql`(
  select count(*) >= coalesce((select (r.rules->>'minSources')::int from ${approvalRules} r), 0)
    and count(*) filter (where s.stance in ('supports', 'refutes'))
      >= coalesce((select (r.rules->>'minStancedSources')::int from ${approvalRules} r), 0)
  from ${verdictRevisions} vr join sources s on s.id = any(vr.source_ids) and s.claim_id = "verdicts"."claim_id"
  where vr.id = "verdicts"."current_revision_id")`;

/** Whether this person declared a conflict of interest on the claim (SQL over its id). */
export const recusedOn = (claimId: SQL | string, userId: string) =>
  sql<boolean>`exists (select 1 from ${recusals} c where c.claim_id = ${claimId} and c.user_id = ${userId}::uuid)`;

/** The editors who declared a conflict of interest on the claim, with why. */
export async function listRecusals(db: DbOrTx, claimId: string) {
  return db
    .select({ userId: recusals.userId, reason: recusals.reason, createdAt: recusals.createdAt })
    .from(recusals)
    .where(eq(recusals.claimId, claimId))
    .orderBy(asc(recusals.createdAt));
}

/** An editor declares a conflict of interest: from then on they neither approve nor publish the claim's verdict. */
export async function recuse(db: DbOrTx, actor: TActor, input: TRecuseInput) {
  return db.transaction(async (tx) => {
    await findClaim(tx, input.claimId);
    const [declared] = await tx
      .insert(recusals)
      .values({ claimId: input.claimId, userId: actor.id, reason: input.reason })
      .onConflictDoNothing()
      .returning();
    if (!declared)
      throw new DomainError("CONFLICT", "You already declared a conflict of interest on this claim.");
    await recordEvent(tx, {
      actorId: actor.id,
      entityType: "claim",
      entityId: input.claimId,
      action: "recused",
      claimId: input.claimId,
      data: { reason: input.reason },
    });
    return declared;
  });
}

/** The claim's right-of-reply record: attempts with their responses, and waivers, oldest first. */
export async function listReplyRecords(db: DbOrTx, claimId: string) {
  await findClaim(db, claimId);
  const records = await db
    .select()
    .from(replyRecords)
    .where(eq(replyRecords.claimId, claimId))
    .orderBy(asc(replyRecords.createdAt));
  const { rows } = (await db.execute(sql`select ${replyOnRecord(claimId)} as "onRecord"`)) as unknown as {
    rows: { onRecord: boolean }[];
  };
  return { records, onRecord: !!rows[0]?.onRecord };
}

/** The desk's first contact attempt with the claimant, as a public page may tell of it. */
export async function firstReplyRequest(db: DbOrTx, claimId: string) {
  const [first] = await db
    .select({
      contacted: replyRecords.contacted,
      contactedAt: replyRecords.contactedAt,
      respondedAt: replyRecords.respondedAt,
    })
    .from(replyRecords)
    .where(and(eq(replyRecords.claimId, claimId), isNotNull(replyRecords.contactedAt)))
    .orderBy(asc(replyRecords.contactedAt))
    .limit(1);
  return first?.contacted && first.contactedAt
    ? {
        contacted: first.contacted,
        contactedAt: first.contactedAt.toISOString(),
        respondedAt: first.respondedAt?.toISOString() ?? null,
      }
    : null;
}

/** Records a contact attempt with the claimant. */
export async function recordReplyContact(db: DbOrTx, actor: TActor, input: TReplyContactInput) {
  if (new Date(input.deadline) < new Date(input.contactedAt))
    throw new DomainError("BAD_REQUEST", "The deadline comes before the contact: give them time to answer.");
  return db.transaction(async (tx) => {
    await findClaim(tx, input.claimId);
    const [record] = await tx
      .insert(replyRecords)
      .values({
        claimId: input.claimId,
        contactedAt: new Date(input.contactedAt),
        channel: input.channel,
        contacted: input.contacted,
        asked: input.asked,
        deadline: new Date(input.deadline),
        createdBy: actor.id,
      })
      .returning();
    if (!record) throw new Error("Reply record vanished on insert.");
    await recordEvent(tx, {
      actorId: actor.id,
      entityType: "claim",
      entityId: input.claimId,
      action: "reply_requested",
      claimId: input.claimId,
      data: {
        record: record.id,
        channel: input.channel,
        contacted: input.contacted,
        deadline: input.deadline,
      },
    });
    return record;
  });
}

/** Records the claimant's response to an attempt, at the version the person saw. */
export async function recordReplyResponse(db: DbOrTx, actor: TActor, input: TReplyResponseInput) {
  return db.transaction(async (tx) => {
    const record = await lockVersion(tx, replyRecords, input.id, input.version, "right-of-reply record");
    if (record.waiverReason)
      throw new DomainError("BAD_REQUEST", "A waiver has no response: record a contact attempt instead.");
    const saved = await updateVersion(
      tx,
      replyRecords,
      record.id,
      record.version,
      { response: input.response, respondedAt: new Date(input.respondedAt) },
      "right-of-reply record",
    );
    await recordEvent(tx, {
      actorId: actor.id,
      entityType: "claim",
      entityId: record.claimId,
      action: "reply_received",
      claimId: record.claimId,
      data: { record: record.id, replaced: record.response !== null },
    });
    return saved;
  });
}

/** An editor waives the right of reply for the claim, saying why. */
export async function waiveReply(db: DbOrTx, actor: TActor, input: TReplyOverrideInput) {
  return db.transaction(async (tx) => {
    await findClaim(tx, input.claimId);
    const [record] = await tx
      .insert(replyRecords)
      .values({ claimId: input.claimId, waiverReason: input.reason, createdBy: actor.id })
      .returning();
    await recordEvent(tx, {
      actorId: actor.id,
      entityType: "claim",
      entityId: input.claimId,
      action: "reply_waived",
      claimId: input.claimId,
      data: { reason: input.reason },
    });
    return record;
  });
}

/** The approvals of a review cycle are void once it starts over (changes, a withdrawn approval). */
export const clearApprovals = (tx: DbOrTx, verdictId: string) =>
  tx.delete(verdictApprovals).where(eq(verdictApprovals.verdictId, verdictId));
