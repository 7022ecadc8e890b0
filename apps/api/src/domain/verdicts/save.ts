import { type DbOrTx, insertedRow, ratings, sources, verdictRevisions, verdicts } from "@factdesk/db";
import {
  assertTransition,
  DomainError,
  type TActor,
  type TVerdictSaveInput,
  verdictEditBlocker,
  verdictEditing,
  words,
} from "@factdesk/schema";
import { and, eq, inArray } from "drizzle-orm";
import { recordEvent } from "../audit";
import { findClaim } from "../claims";
import { claimMedia } from "../media";
import { lockVersion, updateVersion } from "../versioned";
import { currentRevision, verdictFacts } from "./facts";

async function assertValidDraft(db: DbOrTx, claimId: string, input: TVerdictSaveInput) {
  if (input.rating) {
    const [rating] = await db.select().from(ratings).where(eq(ratings.key, input.rating));
    if (!rating?.active)
      throw new DomainError("BAD_REQUEST", `"${input.rating}" is not a rating on the scale.`);
  }
  if (input.mediaRating && !(await claimMedia(db, claimId)))
    throw new DomainError(
      "BAD_REQUEST",
      "This claim is not about an image or a video: attach one before giving a MediaReview rating.",
    );
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
      mediaRating: input.mediaRating ?? null,
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
      const verdict = insertedRow(
        await tx.insert(verdicts).values({ claimId: claim.id, authorId: actor.id }).returning(),
        "verdict",
      );
      const revision = insertedRow(
        await tx
          .insert(verdictRevisions)
          .values({ ...content, verdictId: verdict.id, number: 1 })
          .returning(),
        "revision",
      );
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
        words("verdict.edit.conflict", { current: current.number, base: input.baseRevision }),
        { current: current },
      );
    }
    let state = verdict.state;
    const blocked = verdictEditBlocker(verdict.state);
    if (blocked) throw new DomainError("CONFLICT", blocked);
    if (verdictEditing[verdict.state] === "correct") {
      if (!input.correctionNote) {
        throw new DomainError("BAD_REQUEST", words("verdict.edit.correctionNote"));
      }
      assertTransition(actor, { kind: "verdict", ...(await verdictFacts(tx, verdict, current)) }, "draft");
      state = "draft";
    }
    const revision = insertedRow(
      await tx
        .insert(verdictRevisions)
        .values({ ...content, verdictId: verdict.id, number: current.number + 1 })
        .returning(),
      "revision",
    );
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
