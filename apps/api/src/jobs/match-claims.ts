import type { Db } from "@factdesk/db";
import type PgBoss from "pg-boss";
import { suggestLinks } from "../domain/matching";
import type { TJobData } from "./queue";

/** Suggests links for the claims an ingest stored; a retry suggests nothing twice. */
export const matchClaims =
  (db: Db) =>
  async ([job]: PgBoss.Job<TJobData["match-claims"]>[]) => {
    if (job) await suggestLinks(db, job.data.claimIds, job.data.actorId);
  };
