import {
  claims,
  comments,
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
  assertTransition,
  DomainError,
  type TActor,
  type TVerdictFacts,
  type TVerdictSaveInput,
  type TVerdictState,
  verdictStateLabels,
} from "@factdesk/schema";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { recordEvent } from "./audit";
import { findClaim, listComments } from "./claims";
import { editorIds, notify } from "./notifications";
import { assertPublishable, slugForPublication, verdictPageUrl } from "./publishing";
import { getSettings, publicBase } from "./settings";
import { lockVersion, updateVersion } from "./versioned";
import { enqueueWebhookEvent } from "./webhooks";

type TVerdict = typeof verdicts.$inferSelect;
type TRevision = typeof verdictRevisions.$inferSelect;

async function currentRevision(db: DbOrTx, verdict: TVerdict): Promise<TRevision> {
  const [revision] = verdict.currentRevisionId
    ? await db.select().from(verdictRevisions).where(eq(verdictRevisions.id, verdict.currentRevisionId))
    : [];
  if (!revision) throw new Error(`Verdict ${verdict.id} has no current revision.`);
  return revision;
}

async function verdictFacts(db: DbOrTx, verdict: TVerdict, revision: TRevision): Promise<TVerdictFacts> {
  const [claim] = await db
    .select({ status: claims.status })
    .from(claims)
    .where(eq(claims.id, verdict.claimId));
  if (!claim) throw new Error(`Verdict ${verdict.id} has no claim.`);
  return {
    state: verdict.state,
    revisionAuthorId: revision.authorId,
    claimStatus: claim.status,
    correction: verdict.publishedRevisionId !== null,
    draft: {
      rating: revision.rating,
      headline: revision.headline,
      explanation: revision.explanation,
      correctionNote: revision.correctionNote,
    },
  };
}

/** The claim's verdict as the actor sees it: current revision, what they may do next. */
export async function getVerdict(db: DbOrTx, actor: TActor, claimId: string) {
  await findClaim(db, claimId);
  const [verdict] = await db.select().from(verdicts).where(eq(verdicts.claimId, claimId));
  if (!verdict) return { verdict: null, revision: null, revisionAuthor: null, transitions: [], comments: [] };
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
    comments: await listComments(db, { verdictId: verdict.id }),
  };
}

const editableStates: readonly TVerdictState[] = ["draft", "changes_requested"];

async function assertValidDraft(db: DbOrTx, claimId: string, input: TVerdictSaveInput) {
  if (input.rating) {
    const [rating] = await db.select().from(ratings).where(eq(ratings.key, input.rating));
    if (!rating?.active)
      throw new DomainError("BAD_REQUEST", `"${input.rating}" is not a rating on the scale.`);
  }
  if (input.sourceIds.length) {
    const found = await db
      .select({ id: sources.id })
      .from(sources)
      .where(and(eq(sources.claimId, claimId), inArray(sources.id, input.sourceIds)));
    if (found.length !== new Set(input.sourceIds).size) {
      throw new DomainError("BAD_REQUEST", "A verdict can only rely on sources attached to its claim.");
    }
  }
}

/**
 * Saves the draft as a new immutable revision. `baseRevision` is the revision the author
 * started from: if someone saved since, nothing is written and CONFLICT carries theirs.
 * Saving a published verdict starts a correction, which needs a correction note.
 */
export async function saveVerdict(db: DbOrTx, actor: TActor, input: TVerdictSaveInput) {
  return db.transaction(async (tx) => {
    // The claim row lock serialises the first save of a verdict.
    const claim = await findClaim(tx, input.claimId, { lock: true });
    await assertValidDraft(tx, claim.id, input);
    const content = {
      rating: input.rating,
      headline: input.headline,
      summary: input.summary,
      explanation: input.explanation,
      sourceIds: [...new Set(input.sourceIds)],
      correctionNote: input.correctionNote ?? null,
      authorId: actor.id,
    };

    const [existing] = await tx.select().from(verdicts).where(eq(verdicts.claimId, claim.id));
    if (!existing) {
      if (input.baseRevision !== 0)
        throw new DomainError("CONFLICT", "This verdict does not exist yet; reload.");
      const [verdict] = await tx
        .insert(verdicts)
        .values({ claimId: claim.id, authorId: actor.id })
        .returning();
      if (!verdict) throw new Error("verdict insert returned nothing");
      const [revision] = await tx
        .insert(verdictRevisions)
        .values({ ...content, verdictId: verdict.id, number: 1 })
        .returning();
      if (!revision) throw new Error("revision insert returned nothing");
      const [saved] = await tx
        .update(verdicts)
        .set({ currentRevisionId: revision.id })
        .where(eq(verdicts.id, verdict.id))
        .returning();
      await recordEvent(tx, {
        actorId: actor.id,
        entityType: "verdict",
        entityId: verdict.id,
        action: "verdict_saved",
        to: "draft",
        claimId: claim.id,
        data: { revision: 1 },
      });
      return { verdict: saved ?? verdict, revision };
    }

    const verdict = await lockVersion(tx, verdicts, existing.id, existing.version, "verdict");
    const current = await currentRevision(tx, verdict);
    if (current.number !== input.baseRevision) {
      throw new DomainError(
        "CONFLICT",
        `Someone saved revision ${current.number} while you were editing revision ${input.baseRevision}. Your text was not saved; compare it with theirs and save again.`,
        { current: current },
      );
    }
    let state = verdict.state;
    if (verdict.state === "published") {
      if (!input.correctionNote) {
        throw new DomainError(
          "BAD_REQUEST",
          "Changing a published verdict is a correction: add a correction note.",
        );
      }
      assertTransition(actor, { kind: "verdict", ...(await verdictFacts(tx, verdict, current)) }, "draft");
      state = "draft";
    } else if (!editableStates.includes(verdict.state)) {
      throw new DomainError(
        "CONFLICT",
        `This verdict is ${verdictStateLabels[verdict.state].toLowerCase()}; it can be edited again once an editor requests changes.`,
      );
    }
    const [revision] = await tx
      .insert(verdictRevisions)
      .values({ ...content, verdictId: verdict.id, number: current.number + 1 })
      .returning();
    if (!revision) throw new Error("revision insert returned nothing");
    const saved = await updateVersion(
      tx,
      verdicts,
      verdict.id,
      verdict.version,
      { currentRevisionId: revision.id, state, approverId: null },
      "verdict",
    );
    await recordEvent(tx, {
      actorId: actor.id,
      entityType: "verdict",
      entityId: verdict.id,
      action: state !== verdict.state ? "correction_started" : "verdict_saved",
      from: verdict.state,
      to: state,
      claimId: verdict.claimId,
      data: { revision: revision.number },
    });
    return { verdict: saved, revision };
  });
}

/** The review steps after saving: submit, approve, request changes, publish, retract. */
export async function transitionVerdict(
  db: DbOrTx,
  actor: TActor,
  input: { id: string; version: number; to: TVerdictState; reason?: string },
  { publicUrl }: { publicUrl: URL },
) {
  return db.transaction(async (tx) => {
    const verdict = await lockVersion(tx, verdicts, input.id, input.version, "verdict");
    const revision = await currentRevision(tx, verdict);
    assertTransition(
      actor,
      { kind: "verdict", ...(await verdictFacts(tx, verdict, revision)) },
      input.to,
      input.reason,
    );

    const now = new Date();
    const set: Partial<typeof verdicts.$inferInsert> = { state: input.to };
    let claimReview: Awaited<ReturnType<typeof assertPublishable>> | null = null;
    if (input.to === "approved") set.approverId = actor.id;
    if (input.to === "changes_requested") set.approverId = null;
    if (input.to === "published") {
      set.publishedRevisionId = revision.id;
      set.publishedAt = verdict.publishedAt ?? now;
      set.slug = await slugForPublication(tx, verdict, revision.headline ?? "verdict");
      claimReview = await assertPublishable(tx, {
        verdictId: verdict.id,
        revisionId: revision.id,
        slug: set.slug,
        publishedAt: set.publishedAt,
        publicUrl,
      });
    }
    if (input.to === "retracted")
      Object.assign(set, { retractedAt: now, retractionReason: input.reason ?? null });

    // Four eyes, in the database too: no row is updated if the actor wrote this revision.
    const notTheAuthor =
      input.to === "approved" || input.to === "changes_requested"
        ? sql`not exists (select 1 from ${verdictRevisions} r where r.id = ${verdicts.currentRevisionId} and r.author_id = ${actor.id})`
        : undefined;
    const updated = await updateVersion(
      tx,
      verdicts,
      verdict.id,
      verdict.version,
      set,
      "verdict",
      notTheAuthor,
    );

    if (input.to === "changes_requested" && input.reason) {
      await tx.insert(comments).values({ verdictId: verdict.id, authorId: actor.id, body: input.reason });
    }
    if (input.to === "published") {
      if (!verdict.approverId) throw new Error("An approved verdict has no approver.");
      await tx.insert(verdictPublications).values({
        verdictId: verdict.id,
        revisionId: revision.id,
        approverId: verdict.approverId,
        publisherId: actor.id,
      });
    }
    if ((input.to === "published" || input.to === "retracted") && updated.slug) {
      const url = verdictPageUrl(publicBase(await getSettings(tx), publicUrl), updated.slug);
      const event =
        input.to === "retracted"
          ? "verdict.retracted"
          : verdict.publishedRevisionId
            ? "verdict.corrected"
            : "verdict.published";
      await enqueueWebhookEvent(tx, event, {
        verdictId: verdict.id,
        slug: updated.slug,
        url,
        headline: revision.headline,
        revision: revision.number,
        ...(input.to === "retracted"
          ? { reason: input.reason }
          : { correctionNote: revision.correctionNote, claimReview }),
      });
    }
    await recordEvent(tx, {
      actorId: actor.id,
      entityType: "verdict",
      entityId: verdict.id,
      action: `verdict_${input.to}`,
      from: verdict.state,
      to: input.to,
      claimId: verdict.claimId,
      data: { revision: revision.number, ...(input.reason ? { reason: input.reason } : {}) },
    });
    // Every editor who could approve it hears of a submission (the author cannot approve).
    if (input.to === "submitted")
      await notify(
        tx,
        actor,
        (await editorIds(tx))
          .filter((id) => id !== revision.authorId)
          .map((userId) => ({
            userId,
            kind: "submitted" as const,
            claimId: verdict.claimId,
            data: { revision: revision.number },
          })),
      );
    if (input.to === "changes_requested" || input.to === "approved" || input.to === "published")
      await notify(tx, actor, [
        {
          userId: revision.authorId,
          kind: input.to,
          claimId: verdict.claimId,
          data: { revision: revision.number, ...(input.reason ? { reason: input.reason } : {}) },
        },
      ]);
    return updated;
  });
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

/** Submitted verdicts waiting for an editor, oldest first, with what the actor may do. */
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
        explanation: verdictRevisions.explanation,
        correctionNote: verdictRevisions.correctionNote,
      },
      author: { id: author.id, name: author.name },
    })
    .from(verdicts)
    .innerJoin(claims, eq(claims.id, verdicts.claimId))
    .innerJoin(verdictRevisions, eq(verdictRevisions.id, verdicts.currentRevisionId))
    .innerJoin(author, eq(author.id, verdictRevisions.authorId))
    .where(eq(verdicts.state, "submitted"))
    .orderBy(asc(verdicts.updatedAt));
  return rows.map(({ publishedRevisionId, ...row }) => ({
    ...row,
    transitions: allowedTransitions(actor, {
      kind: "verdict",
      state: "submitted",
      revisionAuthorId: row.author.id,
      claimStatus: row.claim.status,
      correction: publishedRevisionId !== null,
      draft: row.revision,
    }),
  }));
}
