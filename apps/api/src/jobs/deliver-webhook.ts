import type { Db } from "@factdesk/db";
import type PgBoss from "pg-boss";
import { deliverWebhook } from "../domain/webhooks";
import type { TFetchRules } from "../fetcher";
import type { TJobData } from "./queue";

/** One attempt at a webhook delivery; a failure throws, and the queue retries with backoff. */
export const deliverWebhookJob =
  (db: Db, options: { retrySeconds: number; fetchRules: TFetchRules }) =>
  async ([job]: PgBoss.Job<TJobData["deliver-webhook"]>[]) => {
    if (job) await deliverWebhook(db, job.data.deliveryId, options);
  };
