import { createHash } from "node:crypto";
import { type DbOrTx, insertedRow, sources } from "@factdesk/db";
import {
  DomainError,
  hasRole,
  type TActor,
  type TSourceAddInput,
  type TSourceUpdateInput,
} from "@factdesk/schema";
import { eq } from "drizzle-orm";
import type { TJobQueue } from "../jobs/queue";
import { recordEvent } from "./audit";
import { findClaim } from "./claims";
import { assertNotUnderApproval } from "./verdicts";
import { lockVersion, updateVersion } from "./versioned";

/** SHA-256 of the quoted excerpt, so a later reader can tell the quote is unchanged. */
const excerptHash = (excerpt: string | null | undefined) =>
  excerpt ? createHash("sha256").update(excerpt.normalize("NFC")).digest("hex") : null;

const sourceSummary = (source: typeof sources.$inferSelect) => ({
  url: source.url,
  title: source.title,
  stance: source.stance,
});

/** Adds a source to a claim; with `jobs`, a job keeps a snapshot of its address (the archived copy). */
export async function addSource(
  db: DbOrTx,
  actor: TActor,
  input: TSourceAddInput,
  { jobs }: { jobs?: TJobQueue } = {},
) {
  return db.transaction(async (tx) => {
    const claim = await findClaim(tx, input.claimId, { lock: true });
    const source = insertedRow(
      await tx
        .insert(sources)
        .values({ ...input, contentHash: excerptHash(input.excerpt), addedBy: actor.id })
        .returning(),
      "source",
    );
    await recordEvent(tx, {
      actorId: actor.id,
      entityType: "source",
      entityId: source.id,
      action: "source_added",
      claimId: claim.id,
      data: sourceSummary(source),
    });
    if (jobs) await jobs.enqueue(tx, "archive-source", { sourceId: source.id });
    return source;
  });
}

/** Whoever added a source may change it; editors may change any. */
function assertMayChange(actor: TActor, source: typeof sources.$inferSelect) {
  if (source.addedBy !== actor.id && !hasRole(actor, "editor")) {
    throw new DomainError("FORBIDDEN", "Only the person who added this source, or an editor, can change it.");
  }
}

export async function updateSource(db: DbOrTx, actor: TActor, input: TSourceUpdateInput) {
  return db.transaction(async (tx) => {
    const source = await lockVersion(tx, sources, input.id, input.version, "source");
    assertMayChange(actor, source);
    await assertNotUnderApproval(tx, source.claimId, { sourceId: source.id });
    const { id: _id, version: _version, ...changes } = input;
    const set = "excerpt" in changes ? { ...changes, contentHash: excerptHash(changes.excerpt) } : changes;
    const updated = await updateVersion(tx, sources, source.id, source.version, set, "source");
    await recordEvent(tx, {
      actorId: actor.id,
      entityType: "source",
      entityId: source.id,
      action: "source_updated",
      claimId: source.claimId,
      data: { before: sourceSummary(source), after: sourceSummary(updated) },
    });
    return updated;
  });
}

/**
 * Removes a source. The claim's status does not move by itself: if it no longer holds
 * (a sourced claim without sources), the workflow shows it and an editor sends it back.
 */
export async function removeSource(db: DbOrTx, actor: TActor, input: { id: string; version: number }) {
  return db.transaction(async (tx) => {
    const source = await lockVersion(tx, sources, input.id, input.version, "source");
    assertMayChange(actor, source);
    await assertNotUnderApproval(tx, source.claimId, { sourceId: source.id });
    await tx.delete(sources).where(eq(sources.id, source.id));
    await recordEvent(tx, {
      actorId: actor.id,
      entityType: "source",
      entityId: source.id,
      action: "source_removed",
      claimId: source.claimId,
      data: sourceSummary(source),
    });
    return { id: source.id };
  });
}
