import { createHash, randomBytes } from "node:crypto";
import { apiKeys, type DbOrTx } from "@factdesk/db";
import { DomainError, type TActor, type TApiKeyCreateInput } from "@factdesk/schema";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { recordEvent } from "./audit";

// Partners' keys to the public API: made by admins, shown once, kept only as a hash,
// revocable, and counted as they are used.

const KEY_PREFIX = "fd_";
const hashOf = (key: string) => createHash("sha256").update(key).digest("hex");

/** Makes a key; the returned `key` is the only time anyone sees it. */
export async function createApiKey(db: DbOrTx, actor: TActor, input: TApiKeyCreateInput) {
  const key = `${KEY_PREFIX}${randomBytes(24).toString("base64url")}`;
  return db.transaction(async (tx) => {
    const [made] = await tx
      .insert(apiKeys)
      .values({ name: input.name, prefix: key.slice(0, 8), keyHash: hashOf(key), createdBy: actor.id })
      .returning({
        id: apiKeys.id,
        name: apiKeys.name,
        prefix: apiKeys.prefix,
        createdAt: apiKeys.createdAt,
      });
    if (!made) throw new Error("The key was not stored.");
    await recordEvent(tx, {
      actorId: actor.id,
      entityType: "settings",
      entityId: made.id,
      action: "api_key_created",
      data: { name: made.name, prefix: made.prefix },
    });
    return { ...made, key };
  });
}

export async function listApiKeys(db: DbOrTx) {
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      createdAt: apiKeys.createdAt,
      revokedAt: apiKeys.revokedAt,
      uses: apiKeys.uses,
      lastUsedAt: apiKeys.lastUsedAt,
    })
    .from(apiKeys)
    .orderBy(desc(apiKeys.createdAt));
}

/** Revokes a key at once: the next request made with it is refused. */
export async function revokeApiKey(db: DbOrTx, actor: TActor, id: string) {
  return db.transaction(async (tx) => {
    const [revoked] = await tx
      .update(apiKeys)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
      .returning({ id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix });
    if (!revoked)
      throw new DomainError("NOT_FOUND", "No key in use has that id (it may be revoked already).");
    await recordEvent(tx, {
      actorId: actor.id,
      entityType: "settings",
      entityId: revoked.id,
      action: "api_key_revoked",
      data: { name: revoked.name, prefix: revoked.prefix },
    });
    return revoked;
  });
}

/** The key in use a request presents, counted as one use; null when it is unknown or revoked. */
export async function useApiKey(db: DbOrTx, presented: string) {
  if (!presented.startsWith(KEY_PREFIX) || presented.length > 100) return null;
  const [key] = await db
    .update(apiKeys)
    .set({ uses: sql`${apiKeys.uses} + 1`, lastUsedAt: new Date() })
    .where(and(eq(apiKeys.keyHash, hashOf(presented)), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id, name: apiKeys.name });
  return key ?? null;
}
