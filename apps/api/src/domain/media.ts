import { createHash } from "node:crypto";
import { type DbOrTx, insertedRow, mediaItems, verdictPublications } from "@factdesk/db";
import { DomainError, type TActor, type TMediaKind } from "@factdesk/schema";
import { and, eq, isNull, sql } from "drizzle-orm";
import { recordEvent } from "./audit";
import { findClaim } from "./claims";
import { detectMedia, publicCopyOf } from "./media-files";
import { assertNotUnderApproval } from "./verdicts";

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** What the desk sees of a media item (never its bytes). */
const summary = {
  id: mediaItems.id,
  claimId: mediaItems.claimId,
  kind: mediaItems.kind,
  mime: mediaItems.mime,
  fileName: mediaItems.fileName,
  byteSize: mediaItems.byteSize,
  sha256: mediaItems.sha256,
  publicSha256: mediaItems.publicSha256,
  removedMetadata: mediaItems.removedMetadata,
  address: mediaItems.address,
  addedBy: mediaItems.addedBy,
  createdAt: mediaItems.createdAt,
  file: sql<boolean>`${mediaItems.original} is not null`,
};
export type TMediaSummary = Awaited<ReturnType<typeof claimMedia>>;

/** The image or video the claim is about now, or null. */
export async function claimMedia(db: DbOrTx, claimId: string) {
  const [item] = await db
    .select(summary)
    .from(mediaItems)
    .where(and(eq(mediaItems.claimId, claimId), isNull(mediaItems.detachedAt)));
  return item ?? null;
}

type TNewItem = Omit<typeof mediaItems.$inferInsert, "claimId" | "addedBy">;

/**
 * Makes `item` the claim's media item, in place of the one before (kept, detached: a published
 * page may show it). Refused while an approval covers the claim as it is.
 */
async function attach(db: DbOrTx, actor: TActor, claimId: string, item: TNewItem) {
  return db.transaction(async (tx) => {
    const claim = await findClaim(tx, claimId, { lock: true });
    await assertNotUnderApproval(tx, claim.id, { media: true });
    await tx
      .update(mediaItems)
      .set({ detachedAt: new Date() })
      .where(and(eq(mediaItems.claimId, claim.id), isNull(mediaItems.detachedAt)));
    const inserted = insertedRow(
      await tx
        .insert(mediaItems)
        .values({ ...item, claimId: claim.id, addedBy: actor.id })
        .returning({ id: mediaItems.id }),
      "media item",
    );
    await recordEvent(tx, {
      actorId: actor.id,
      entityType: "media",
      entityId: inserted.id,
      action: "media_attached",
      claimId: claim.id,
      data: {
        kind: item.kind,
        ...(item.sha256 ? { sha256: item.sha256, byteSize: item.byteSize, mime: item.mime } : {}),
        ...(item.fileName ? { fileName: item.fileName } : {}),
        ...(item.address ? { address: item.address } : {}),
        ...(item.removedMetadata?.length ? { removedMetadata: item.removedMetadata } : {}),
      },
    });
    const attached = await claimMedia(tx, claim.id);
    if (!attached) throw new Error("The media item just attached is not there.");
    return attached;
  });
}

/**
 * Attaches an uploaded image or video: its type read from its content, kept as sent with its
 * SHA-256, and a public copy made without its metadata (location, device, software).
 */
export async function attachMediaFile(
  db: DbOrTx,
  actor: TActor,
  input: { claimId: string; bytes: Uint8Array; fileName: string | null; address?: string | null },
) {
  if (input.bytes.length === 0) throw new DomainError("BAD_REQUEST", "The file is empty.");
  const file = await detectMedia(input.bytes);
  const copy = publicCopyOf(input.bytes, file.format);
  return attach(db, actor, input.claimId, {
    kind: file.kind,
    mime: file.mime,
    fileName: input.fileName,
    byteSize: input.bytes.length,
    sha256: sha256(input.bytes),
    original: input.bytes,
    publicCopy: copy.bytes,
    publicSha256: sha256(copy.bytes),
    removedMetadata: copy.removed,
    address: input.address ?? null,
  });
}

/** Attaches an image or video by the address where it circulated (nothing is fetched). */
export async function attachMediaAddress(
  db: DbOrTx,
  actor: TActor,
  input: { claimId: string; kind: TMediaKind; address: string },
) {
  return attach(db, actor, input.claimId, { kind: input.kind, address: input.address });
}

/** The claim is no longer about a media item (the item is kept, detached). */
export async function detachMedia(db: DbOrTx, actor: TActor, input: { claimId: string }) {
  return db.transaction(async (tx) => {
    const claim = await findClaim(tx, input.claimId, { lock: true });
    const current = await claimMedia(tx, claim.id);
    if (!current) throw new DomainError("CONFLICT", "This claim has no image or video attached (any more).");
    await assertNotUnderApproval(tx, claim.id, { media: true });
    await tx.update(mediaItems).set({ detachedAt: new Date() }).where(eq(mediaItems.id, current.id));
    await recordEvent(tx, {
      actorId: actor.id,
      entityType: "media",
      entityId: current.id,
      action: "media_detached",
      claimId: claim.id,
      data: { kind: current.kind, ...(current.sha256 ? { sha256: current.sha256 } : {}) },
    });
    return { id: current.id };
  });
}

/** The file as it was uploaded, for the desk. */
export async function mediaOriginal(db: DbOrTx, id: string) {
  const [item] = await db
    .select({ bytes: mediaItems.original, mime: mediaItems.mime, fileName: mediaItems.fileName })
    .from(mediaItems)
    .where(eq(mediaItems.id, id));
  return item?.bytes && item.mime ? { bytes: item.bytes, mime: item.mime, fileName: item.fileName } : null;
}

/** The public copy of an item a published verdict shows; nothing of items no reader was shown. */
export async function mediaPublicCopy(db: DbOrTx, id: string) {
  const [item] = await db
    .select({ bytes: mediaItems.publicCopy, mime: mediaItems.mime, sha256: mediaItems.publicSha256 })
    .from(mediaItems)
    .where(
      and(
        eq(mediaItems.id, id),
        sql`exists (select 1 from ${verdictPublications} p
          where p.snapshot ? 'media' and p.snapshot #>> '{media,id}' = ${mediaItems.id}::text)`,
      ),
    );
  return item?.bytes && item.mime ? { bytes: item.bytes, mime: item.mime, sha256: item.sha256 } : null;
}
