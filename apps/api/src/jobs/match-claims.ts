import type { Db } from "@factdesk/db";
import type PgBoss from "pg-boss";
import { claimsCoveredBy, recordArchiveMatches } from "../domain/fact-checks";
import { suggestLinks } from "../domain/matching";
import type { TJobData } from "./queue";

/**
 * Suggests links for the claims an ingest stored, and finds the past fact-checks they restate;
 * a retry suggests nothing twice.
 */
export const matchClaims =
  (db: Db) =>
  async ([job]: PgBoss.Job<TJobData["match-claims"]>[]) => {
    if (!job) return;
    await suggestLinks(db, job.data.claimIds, job.data.actorId);
    await recordArchiveMatches(db, job.data.claimIds);
  };

/** After an import: the claims already in the queue that the new fact-checks cover. */
export const matchArchive =
  (db: Db) =>
  async ([job]: PgBoss.Job<TJobData["match-archive"]>[]) => {
    if (job) await recordArchiveMatches(db, await claimsCoveredBy(db, job.data.factCheckIds));
  };
