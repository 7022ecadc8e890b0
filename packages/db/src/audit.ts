import { createHmac, timingSafeEqual } from "node:crypto";
import { asc, gt, sql } from "drizzle-orm";
import type { DbOrTx } from "./client";
import { events } from "./schema";

/**
 * The audit log's chain, keyed. Each event's hash is an HMAC-SHA256, under a key the
 * database never sees (AUDIT_KEY), of the event and its predecessor's hash: whoever owns
 * the database can still rewrite rows, but cannot make the hashes match again. Signed
 * checkpoints of the chain's head, kept outside the database, also reveal events cut off
 * the end. Events from before the key (plain SHA-256, computed by the database) stay a
 * verified prefix, sealed by the first keyed event's link to them.
 *
 * There are sixteen chains side by side (`events.chain`): each writer holds one chain's lock
 * until it commits, so concurrent writers append to different chains instead of queueing.
 * Every chain links on its own, in id order; a checkpoint signs every chain's head.
 */

const KEYED = "hmac-sha256:";

export type TAuditKey = Buffer;

/** An AUDIT_KEY (at least 32 characters) as the key for the chain. */
export const auditKey = (secret: string): TAuditKey => Buffer.from(secret, "utf8");

/** JSON with object keys sorted at every level: the same bytes for the same value, whoever wrote it. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, child]) => child !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, child]) => `${JSON.stringify(key)}:${canonicalJson(child)}`).join(",")}}`;
}

interface TChainFields {
  id: number;
  prevHash: string | null;
  actorId: string | null;
  entityType: string;
  entityId: string;
  action: string;
  from: string | null;
  to: string | null;
  data: Record<string, unknown>;
  /** ISO 8601 in UTC with microseconds, as the database keeps it. */
  createdAt: string;
}

const mac = (key: TAuditKey, text: string) => createHmac("sha256", key).update(text).digest("hex");

function eventHash(key: TAuditKey, e: TChainFields) {
  const fields = [
    e.prevHash,
    e.id,
    e.actorId,
    e.entityType,
    e.entityId,
    e.action,
    e.from,
    e.to,
    e.data,
    e.createdAt,
  ];
  return KEYED + mac(key, canonicalJson(fields));
}

const isoMicros = (column: unknown) =>
  sql<string>`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export type TNewEvent = Omit<typeof events.$inferInsert, "id" | "prevHash" | "hash" | "createdAt"> & {
  /** Only for fixtures and imported history; an event happens now. */
  createdAt?: Date;
};

/** A chain claimed for some events, under its lock: which chain, its head, the events' ids, the time. */
export interface TChainClaim {
  chain: number;
  head: string | null;
  ids: string[];
  at: string;
}

/**
 * The claim of a chain for `n` events as one JSON value, for a writer that claims it in the
 * statement that makes its change (in an UPDATE's RETURNING, say): a round trip fewer for
 * the commonest writes, and nothing claimed when no row changed.
 */
export const chainClaim = (n: number) =>
  sql<TChainClaim>`(select json_build_object('chain', c.chain, 'head', c.head, 'ids', c.ids::text[], 'at', c.at)
    from audit_chain_claim(${n}::int) c)`;

/**
 * Appends events to a chain inside the caller's transaction: takes a free chain's lock (or
 * the one it holds already), reads that chain's head, and writes each event with its keyed
 * hash; `claimed` is a chain the caller has claimed already (`chainClaim`). The database
 * refuses any event whose hash is not keyed or whose link is not the head of its chain (see
 * the parallel_audit_chains migration).
 */
export async function appendEvents(
  tx: DbOrTx,
  key: TAuditKey,
  batch: TNewEvent[],
  claimed?: TChainClaim,
): Promise<void> {
  if (batch.length === 0) return;
  // In one round trip, under the chain's lock: the chain, its head, the ids, the time.
  const chain =
    claimed ??
    (
      (await tx.execute(sql`select ${chainClaim(batch.length)} as claim`)) as unknown as {
        rows: { claim: TChainClaim }[];
      }
    ).rows[0]?.claim;
  if (!chain) throw new Error("The audit chain's head could not be read.");
  if (chain.ids.length !== batch.length)
    throw new Error("The audit chain was claimed for another number of events.");
  let prevHash = chain.head;
  const rows = batch.map((event, index) => {
    const createdAt = event.createdAt
      ? event.createdAt.toISOString().replace(/\.(\d{3})Z$/, ".$1000Z")
      : chain.at;
    const fields: TChainFields = {
      id: Number(chain.ids[index]),
      prevHash,
      actorId: event.actorId ?? null,
      entityType: event.entityType,
      entityId: event.entityId,
      action: event.action,
      from: event.from ?? null,
      to: event.to ?? null,
      // As it will read back from jsonb: dates as strings, undefined dropped.
      data: JSON.parse(JSON.stringify(event.data ?? {})) as Record<string, unknown>,
      createdAt,
    };
    const hash = eventHash(key, fields);
    prevHash = hash;
    return { ...fields, hash };
  });
  // One statement of fixed text for any number of events (prepared once per connection, no
  // bind-parameter limit); the time goes in as the very text that was hashed.
  await tx.execute(sql`
    insert into events (id, chain, prev_hash, hash, actor_id, entity_type, entity_id, action,
      "from", "to", data, created_at)
    select e.id, ${chain.chain}::smallint, e."prevHash", e.hash, e."actorId", e."entityType",
      e."entityId", e.action, e."from", e."to", e.data, e."createdAt"::timestamptz
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as e(id bigint, "prevHash" text,
      hash text, "actorId" uuid, "entityType" entity_type, "entityId" uuid, action text,
      "from" text, "to" text, data jsonb, "createdAt" text)
    order by e.id`);
}

// ── Checkpoints ─────────────────────────────────────────────────────────────────────────

/**
 * A signed statement of the chains' heads at a moment, to keep outside the database:
 * `eventId` and `hash` name the newest event, `heads` the head of every other chain
 * (checkpoints from before there were several chains have none).
 */
export interface TAuditCheckpoint {
  eventId: number;
  hash: string;
  heads?: [eventId: number, hash: string][];
  at: string;
  signature: string;
}

const checkpointText = ({ eventId, hash, heads, at }: Omit<TAuditCheckpoint, "signature">) =>
  heads
    ? `factdesk-audit-checkpoint-2|${eventId}|${hash}|${heads.map(([id, h]) => `${id}:${h}`).join(",")}|${at}`
    : `factdesk-audit-checkpoint|${eventId}|${hash}|${at}`;

/** Every event a checkpoint vouches for, by id. */
export const checkpointHeads = (checkpoint: TAuditCheckpoint): [number, string][] => [
  [checkpoint.eventId, checkpoint.hash],
  ...(checkpoint.heads ?? []),
];

/** Signs the chains' current heads, or returns null while the log is empty. */
export async function takeCheckpoint(db: DbOrTx, key: TAuditKey): Promise<TAuditCheckpoint | null> {
  const result = (await db.execute(sql`
    select distinct on (chain) id::int as id, hash from events order by chain, id desc`)) as unknown as {
    rows: { id: number; hash: string | null }[];
  };
  const heads = result.rows
    .filter((head): head is { id: number; hash: string } => head.hash !== null)
    .sort((a, b) => b.id - a.id);
  const [newest, ...others] = heads;
  if (!newest) return null;
  const unsigned = {
    eventId: newest.id,
    hash: newest.hash,
    heads: others.map(({ id, hash }): [number, string] => [id, hash]),
    at: new Date().toISOString(),
  };
  return { ...unsigned, signature: mac(key, checkpointText(unsigned)) };
}

const sameHex = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));

export const checkpointIsSigned = (key: TAuditKey, checkpoint: TAuditCheckpoint) =>
  typeof checkpoint.signature === "string" &&
  sameHex(mac(key, checkpointText(checkpoint)), checkpoint.signature);

// ── Verification ────────────────────────────────────────────────────────────────────────

export type TAuditVerification =
  | { ok: true; events: number; checkpoints: number }
  | { ok: false; events: number; firstBrokenEventId: number; problem: string };

const broken = (events: number, id: number, problem: string): TAuditVerification => ({
  ok: false,
  events,
  firstBrokenEventId: id,
  problem,
});

/**
 * Walks the whole chain in id order, a page at a time: the unkeyed prefix against the
 * database's own hash, every keyed event against its HMAC, each link to the one before,
 * then each checkpoint against the event it names. Reports the first break.
 */
export async function verifyAuditChain(
  db: DbOrTx,
  { key, checkpoints = [] }: { key: TAuditKey; checkpoints?: TAuditCheckpoint[] },
): Promise<TAuditVerification> {
  const heads = new Map<number, string>();
  for (const checkpoint of checkpoints) {
    if (!checkpointIsSigned(key, checkpoint))
      return broken(
        0,
        checkpoint.eventId,
        "a checkpoint's signature does not match (it was not made with this AUDIT_KEY)",
      );
    for (const [eventId, hash] of checkpointHeads(checkpoint)) heads.set(eventId, hash);
  }
  let count = 0;
  // Each chain links on its own: its last hash, and whether it has met keyed events yet.
  const previous = new Map<number, string | null>();
  const keyedSeen = new Set<number>();
  let lastId = 0;
  for (;;) {
    const page = await db
      .select({
        id: events.id,
        chain: events.chain,
        prevHash: events.prevHash,
        hash: events.hash,
        actorId: events.actorId,
        entityType: events.entityType,
        entityId: events.entityId,
        action: events.action,
        from: events.from,
        to: events.to,
        data: events.data,
        createdAt: isoMicros(events.createdAt),
        // The database's own hash, needed only for events from before the key.
        legacyHash: sql<
          string | null
        >`case when ${events.hash} like ${`${KEYED}%`} then null else event_hash(events) end`,
      })
      .from(events)
      .where(gt(events.id, lastId))
      .orderBy(asc(events.id))
      .limit(5000);
    for (const event of page) {
      count++;
      if (event.prevHash !== (previous.get(event.chain) ?? null))
        return broken(
          count,
          event.id,
          "its link to the previous event is broken (an event was removed or reordered)",
        );
      const keyed = event.hash?.startsWith(KEYED) ?? false;
      if (keyedSeen.has(event.chain) && !keyed)
        return broken(
          count,
          event.id,
          "it is not keyed although events before it are (it was rewritten without the key)",
        );
      if (keyed) keyedSeen.add(event.chain);
      const expected = keyed ? eventHash(key, event) : event.legacyHash;
      if (event.hash !== expected)
        return broken(count, event.id, "its content does not match its hash (the event was altered)");
      const signed = heads.get(event.id);
      if (signed !== undefined && signed !== event.hash)
        return broken(count, event.id, "it differs from the signed checkpoint of it (history was rewritten)");
      heads.delete(event.id);
      previous.set(event.chain, event.hash);
      lastId = event.id;
    }
    if (page.length < 5000) break;
  }
  const [missing] = [...heads.keys()].sort((a, b) => a - b);
  if (missing !== undefined)
    return broken(
      count,
      missing,
      "a signed checkpoint names this event, which is gone (events were cut off the end)",
    );
  return { ok: true, events: count, checkpoints: checkpoints.length };
}
