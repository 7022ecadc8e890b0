import { type DbOrTx, JOB_SCHEMA, jobTransaction, type TJobName } from "@factdesk/db";
import PgBoss from "pg-boss";

/** What each job carries: ids of what it works on, never copies of the rows. */
export interface TJobData {
  "match-claims": { claimIds: string[]; actorId: string | null };
  /** `threshold` null: the person chose the sentences, so none is added. */
  "refine-claims": { articleId: string; actorId: string | null; threshold: number | null };
  "match-archive": { factCheckIds: string[] };
  "match-tips": { tipIds: string[] };
  "deliver-webhook": { deliveryId: string };
  "compact-claim-counts": Record<string, never>;
  "embed-archive": Record<string, never>;
  "archive-source": { sourceId: string };
  "check-sources": Record<string, never>;
  "poll-feeds": Record<string, never>;
  "assessment-pack": { packId: string };
  "email-account-link": { userId: string; purpose: "reset" | "invite" };
  "email-notifications": Record<string, never>;
  "email-digests": Record<string, never>;
  /** The backup an admin asked for, or none: the schedule's check. */
  backup: { backupId: string | null };
}

export interface TJobQueue {
  /**
   * Sends a job inside the caller's transaction: it exists exactly when the change that asks
   * for it commits, so a crash between the two can neither lose it nor run it for nothing.
   */
  enqueue<N extends TJobName>(
    tx: DbOrTx,
    name: N,
    data: TJobData[N],
    options?: PgBoss.SendOptions,
  ): Promise<void>;
}

/** A sender over the desk's database (the queue's schema is made by the migrations). */
export function createJobQueue(db: DbOrTx): TJobQueue {
  const boss = new PgBoss({ db: jobTransaction(db), schema: JOB_SCHEMA, migrate: false });
  return {
    async enqueue(tx, name, data, options = {}) {
      await boss.send(name, data as object, { ...options, db: jobTransaction(tx) });
    },
  };
}
