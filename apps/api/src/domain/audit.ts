import { createHmac } from "node:crypto";
import {
  appendEvents,
  type DbOrTx,
  notifyOnCommit,
  type TAuditCheckpoint,
  type TAuditKey,
  type TChainClaim,
  verifyAuditChain,
} from "@factdesk/db";
import type { TEntityType } from "@factdesk/schema";

export const CHANGES_CHANNEL = "factdesk_changes";

export interface TAuditEvent {
  actorId: string | null;
  entityType: TEntityType;
  entityId: string;
  action: string;
  from?: string | null;
  to?: string | null;
  data?: Record<string, unknown>;
  /** The claim this change belongs to: routes live updates and the claim's history. */
  claimId?: string;
}

/**
 * The key that signs this process's audit events (AUDIT_KEY), set once at start by each
 * entry point (the app, the CLI, the test setup). It is process configuration like the log:
 * every change of every domain function is audited, and none of them should carry the key.
 */
let chainKey: TAuditKey | null = null;
export function useAuditKey(key: TAuditKey) {
  chainKey = key;
}
const currentKey = () => {
  if (!chainKey) throw new Error("No audit key: call useAuditKey at start.");
  return chainKey;
};

/**
 * A key for another purpose (signing form tickets, say), derived from the audit key so the
 * desk keeps one secret and no purpose can forge another's signatures.
 */
export const purposeKey = (purpose: string) =>
  createHmac("sha256", currentKey()).update(`factdesk:${purpose}`).digest();

/** Verifies the chain with this process's key and the given signed checkpoints. */
export const verifyAudit = (db: DbOrTx, checkpoints: TAuditCheckpoint[] = []) =>
  verifyAuditChain(db, { key: currentKey(), checkpoints });

/**
 * Appends audit events and tells listeners, inside the caller's transaction: the events
 * and the NOTIFY commit together with the change they describe, or not at all.
 */
export async function recordEvents(tx: DbOrTx, batch: TAuditEvent[], claimed?: TChainClaim): Promise<void> {
  if (batch.length === 0) return;
  const changed = batch.map(({ entityType, entityId, action, claimId }) => ({
    entityType,
    entityId,
    action,
    claimId: claimId ?? (entityType === "claim" ? entityId : undefined),
  }));
  await appendEvents(
    tx,
    currentKey(),
    batch.map(({ claimId, data, ...event }) => ({
      ...event,
      data: claimId ? { ...data, claimId } : (data ?? {}),
    })),
    claimed,
  );
  await notifyOnCommit(tx, CHANGES_CHANNEL, changesPayload(changed));
}

// NOTIFY payloads are capped at 8000 bytes; large batches announce themselves in summary.
const changesPayload = (changed: TChanged[]) =>
  JSON.stringify(changed.length > 20 ? { bulk: changed.length } : { changed });

type TChanged = { entityType: TEntityType; entityId: string; action: string; claimId?: string | undefined };

/**
 * Tells every listening API instance what changed, when the caller's transaction commits.
 * Audit events go through here; so does presence, which is announced but not audited.
 */
export async function announceChanges(tx: DbOrTx, changed: TChanged[]) {
  await notifyOnCommit(tx, CHANGES_CHANNEL, changesPayload(changed));
}

/** `claimed`: a chain claimed in the statement that made the change (`chainClaim(1)`). */
export const recordEvent = (tx: DbOrTx, event: TAuditEvent, claimed?: TChainClaim) =>
  recordEvents(tx, [event], claimed);
