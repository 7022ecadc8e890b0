import { createHmac } from "node:crypto";
import { type DbOrTx, webhookDeliveries, webhooks } from "@factdesk/db";
import { DomainError, type TActor, type TWebhookEvent } from "@factdesk/schema";
import { and, arrayContains, desc, eq } from "drizzle-orm";
import { assertReachableAddress, defaultFetchRules, fetchAddress, type TFetchRules } from "../fetcher";
import type { TJobQueue } from "../jobs/queue";
import { recordEvent } from "./audit";

/** After this many failed attempts a delivery is marked failed and shown so on the admin page. */
export const MAX_ATTEMPTS = 8;
/** A receiver answers quickly or not at all; the delivery is retried later. */
const DELIVERY_DEADLINE_MS = 10_000;

/** Exponential backoff: base, 2×, 4× … capped at an hour. */
export const retryDelayMs = (attempt: number, baseMs: number) =>
  Math.min(baseMs * 2 ** (attempt - 1), 3_600_000);

/**
 * The signature header: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. Signing
 * the timestamp with the body lets receivers refuse replays of old deliveries.
 */
export function signature(secret: string, body: string, timestamp: number) {
  const mac = createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
  return `t=${timestamp},v1=${mac}`;
}

/** How a delivery is retried: pg-boss waits about `retrySeconds` × 2^(attempt − 1) (up to twice that). */
export interface TWebhookQueue {
  jobs: TJobQueue;
  retrySeconds: number;
}

/**
 * Records a delivery for every active endpoint that wants the event, and queues each as a
 * job, inside the caller's transaction: nothing is sent for a change that rolls back.
 */
export async function enqueueWebhookEvent(
  tx: DbOrTx,
  { jobs, retrySeconds }: TWebhookQueue,
  event: TWebhookEvent,
  payload: Record<string, unknown>,
) {
  const targets = await tx
    .select({ id: webhooks.id })
    .from(webhooks)
    .where(and(eq(webhooks.active, true), arrayContains(webhooks.events, [event])));
  if (targets.length === 0) return;
  const deliveries = await tx
    .insert(webhookDeliveries)
    .values(targets.map(({ id }) => ({ webhookId: id, event, payload })))
    .returning({ id: webhookDeliveries.id });
  for (const { id } of deliveries)
    await jobs.enqueue(
      tx,
      "deliver-webhook",
      { deliveryId: id },
      { retryLimit: MAX_ATTEMPTS - 1, retryDelay: Math.max(1, Math.round(retrySeconds)), retryBackoff: true },
    );
}

/** Thrown by a failed attempt that will be retried: the job queue schedules the retry. */
export class DeliveryFailed extends Error {}

/**
 * Makes one attempt at a delivery (a job): posts it through the one fetcher, with no
 * transaction open while waiting for the receiver, and records the outcome. A failure
 * before the last attempt throws DeliveryFailed so that the queue retries with backoff; a
 * delivery already delivered or given up on is left alone, so a repeated job sends nothing.
 */
export async function deliverWebhook(
  db: DbOrTx,
  deliveryId: string,
  { retrySeconds, fetchRules = defaultFetchRules }: { retrySeconds: number; fetchRules?: TFetchRules },
) {
  const [due] = await db
    .select({ delivery: webhookDeliveries, url: webhooks.url, secret: webhooks.secret })
    .from(webhookDeliveries)
    .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
    .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.status, "pending")));
  if (!due) return;
  const { delivery, url, secret } = due;
  const body = JSON.stringify({
    id: delivery.id,
    event: delivery.event,
    createdAt: delivery.createdAt,
    data: delivery.payload,
  });
  const attempt = delivery.attempts + 1;
  let statusCode: number | null = null;
  let error: string | null = null;
  try {
    // Through the one fetcher: private addresses are refused at connect time, so the
    // delivery log cannot be used to scan the desk's own network.
    const response = await fetchAddress(
      url,
      {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "user-agent": "Factdesk-Webhooks",
          "factdesk-event": delivery.event,
          "factdesk-delivery": delivery.id,
          "factdesk-signature": signature(secret, body, Math.floor(Date.now() / 1000)),
        },
        body,
      },
      {
        ...fetchRules,
        deadlineMs: Math.min(fetchRules.deadlineMs, DELIVERY_DEADLINE_MS),
        maxBytes: 100_000,
      },
    );
    statusCode = response.status;
    if (response.status < 200 || response.status >= 300) error = `HTTP ${response.status}`;
  } catch (cause) {
    error = cause instanceof Error ? cause.message : String(cause);
  }
  const delivered = error === null;
  const final = !delivered && attempt >= MAX_ATTEMPTS;
  await db
    .update(webhookDeliveries)
    .set({
      attempts: attempt,
      lastStatusCode: statusCode,
      lastError: error,
      status: delivered ? "delivered" : final ? "failed" : "pending",
      deliveredAt: delivered ? new Date() : null,
      nextAttemptAt: new Date(Date.now() + retryDelayMs(attempt, retrySeconds * 1000)),
    })
    .where(and(eq(webhookDeliveries.id, delivery.id), eq(webhookDeliveries.attempts, delivery.attempts)));
  if (!delivered && !final) throw new DeliveryFailed(`Delivery ${delivery.id}: ${error}`);
}

// ── Admin operations ──

export async function listWebhooks(db: DbOrTx) {
  const rows = await db.select().from(webhooks).orderBy(webhooks.createdAt);
  // The secret is write-only: admins see that one is set, never what it is.
  return rows.map(({ secret, ...row }) => ({ ...row, secretHint: `…${secret.slice(-4)}` }));
}

export async function createWebhook(
  db: DbOrTx,
  actor: TActor,
  input: { url: string; secret: string; events: TWebhookEvent[] },
  fetchRules: Pick<TFetchRules, "allowHosts">,
) {
  await assertReachableAddress(input.url, fetchRules.allowHosts);
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(webhooks)
      .values({ ...input, createdBy: actor.id })
      .returning({ id: webhooks.id });
    if (!created) throw new Error("Webhook not inserted.");
    await recordEvent(tx, {
      actorId: actor.id,
      entityType: "webhook",
      entityId: created.id,
      action: "webhook_created",
      data: { url: input.url, events: input.events },
    });
    return created;
  });
}

export async function removeWebhook(db: DbOrTx, actor: TActor, id: string) {
  return db.transaction(async (tx) => {
    const [removed] = await tx
      .delete(webhooks)
      .where(eq(webhooks.id, id))
      .returning({ id: webhooks.id, url: webhooks.url });
    if (!removed) throw new DomainError("NOT_FOUND", "No webhook with that id exists.");
    await recordEvent(tx, {
      actorId: actor.id,
      entityType: "webhook",
      entityId: id,
      action: "webhook_removed",
      data: { url: removed.url },
    });
    return { id };
  });
}

/** The delivery log: newest first, with the outcome of the last attempt and the next retry. */
export async function listDeliveries(db: DbOrTx, webhookId?: string) {
  return db
    .select({
      id: webhookDeliveries.id,
      webhookId: webhookDeliveries.webhookId,
      url: webhooks.url,
      event: webhookDeliveries.event,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      lastStatusCode: webhookDeliveries.lastStatusCode,
      lastError: webhookDeliveries.lastError,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
      deliveredAt: webhookDeliveries.deliveredAt,
      createdAt: webhookDeliveries.createdAt,
    })
    .from(webhookDeliveries)
    .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
    .where(webhookId ? eq(webhookDeliveries.webhookId, webhookId) : undefined)
    .orderBy(desc(webhookDeliveries.createdAt))
    .limit(200);
}
