import type { Db } from "@factdesk/db";
import type PgBoss from "pg-boss";
import { claimsCoveredBy, embedFactChecks, recordArchiveMatches } from "../domain/fact-checks";
import { suggestLinks } from "../domain/matching";
import { recordRecurrences, recordTipRecurrences } from "../domain/recurrences";
import { siteOf } from "../domain/settings";
import type { TWebhookQueue } from "../domain/webhooks";
import type { TJobData } from "./queue";

/**
 * Suggests links for the claims an ingest stored, finds the past fact-checks they restate, and
 * raises an alert where they repeat something found false or misleading; a retry suggests and
 * alerts nothing twice.
 */
export const matchClaims =
  (db: Db, { webhooks, publicUrl }: { webhooks: TWebhookQueue; publicUrl: URL }) =>
  async ([job]: PgBoss.Job<TJobData["match-claims"]>[]) => {
    if (!job) return;
    await suggestLinks(db, job.data.claimIds, job.data.actorId);
    await recordArchiveMatches(db, job.data.claimIds);
    await recordRecurrences(db, job.data.claimIds, webhooks, await siteOf(db, publicUrl));
  };

/**
 * After an import: the new fact-checks get their sentence vectors, then the claims already in
 * the queue that they cover are marked.
 */
export const matchArchive =
  (db: Db) =>
  async ([job]: PgBoss.Job<TJobData["match-archive"]>[]) => {
    if (!job) return;
    await embedFactChecks(db, job.data.factCheckIds);
    await recordArchiveMatches(db, await claimsCoveredBy(db, job.data.factCheckIds));
  };

/** A reader's tip that repeats something found false or misleading raises its alert before triage. */
export const matchTips =
  (db: Db, { webhooks, publicUrl }: { webhooks: TWebhookQueue; publicUrl: URL }) =>
  async ([job]: PgBoss.Job<TJobData["match-tips"]>[]) => {
    if (!job) return;
    await recordTipRecurrences(db, job.data.tipIds, webhooks, await siteOf(db, publicUrl));
  };
