import { type SQL, sql } from "drizzle-orm";
import PgBoss from "pg-boss";
import type { DbHandle, DbOrTx } from "./client";

/**
 * The job queue's storage: pg-boss's own schema (`pgboss`) in the desk's database, so a
 * job is enqueued in the same transaction as the rows it works on and several API instances
 * and workers share one queue. Queues are tables pg-boss creates per name, which is DDL: they
 * are made here, at migration time, by the owner, never by the app's role.
 */
export const JOB_SCHEMA = "pgboss";

/** Every queue the desk runs, with its retry policy (a job is retried with backoff). */
export const jobQueues = {
  /** The sentence encoder's second look at an ingested article's unsure sentences. */
  "refine-claims": { retryLimit: 5, retryDelay: 5, retryBackoff: true, expireInSeconds: 600 },
  /** Suggests duplicate / contradiction / related links for newly stored claims. */
  "match-claims": { retryLimit: 5, retryDelay: 5, retryBackoff: true, expireInSeconds: 300 },
  /** Raises an alert when a reader's tip repeats something found false or misleading. */
  "match-tips": { retryLimit: 5, retryDelay: 5, retryBackoff: true, expireInSeconds: 300 },
  /** Marks the queue's claims that newly imported fact-checks cover ("Already fact-checked"). */
  "match-archive": { retryLimit: 5, retryDelay: 5, retryBackoff: true, expireInSeconds: 600 },
  /** Gives archived fact-checks still without one their sentence vector, every five minutes. */
  "embed-archive": { retryLimit: 0, expireInSeconds: 900 },
  /** Keeps a snapshot of a newly added source's address. */
  "archive-source": { retryLimit: 3, retryDelay: 30, retryBackoff: true, expireInSeconds: 120 },
  /** Checks the sources of published verdicts for dead or changed links, hourly. */
  "check-sources": { retryLimit: 0, expireInSeconds: 1800 },
  /** Polls the outlets' feeds that are due, every minute. */
  "poll-feeds": { retryLimit: 0, expireInSeconds: 900 },
  /** Folds the queue's running counts together (claim_count_deltas), every minute. */
  "compact-claim-counts": { retryLimit: 0, expireInSeconds: 60 },
  /** Makes an IFCN / EFCSN assessment pack an admin asked for. */
  "assessment-pack": { retryLimit: 2, retryDelay: 30, retryBackoff: true, expireInSeconds: 900 },
  /** E-mails a one-time link: a password reset or an invitation. */
  "email-account-link": { retryLimit: 5, retryDelay: 30, retryBackoff: true, expireInSeconds: 120 },
  /** E-mails the notifications people want at once, every minute. */
  "email-notifications": { retryLimit: 0, expireInSeconds: 300 },
  /** E-mails the daily digests, once a day. */
  "email-digests": { retryLimit: 2, retryDelay: 300, expireInSeconds: 1800 },
  /** Backs the desk up: an admin's request, or the quarter-hourly check of the schedule. */
  backup: { retryLimit: 0, expireInSeconds: 3600 },
  /** Posts one webhook delivery to its endpoint. */
  "deliver-webhook": { retryLimit: 7, retryDelay: 30, retryBackoff: true, expireInSeconds: 60 },
} as const satisfies Record<string, Omit<PgBoss.Queue, "name">>;
export type TJobName = keyof typeof jobQueues;

/** pg-boss's database port over one of ours: parameterised queries, or a script without. */
export const jobDatabase = (handle: Pick<DbHandle, "query">): PgBoss.Db => ({
  executeSql: (text, values) => handle.query({ text, values: values ?? [] }) as Promise<{ rows: never[] }>,
});

/**
 * The same port over an open drizzle transaction, so a job is sent atomically with the
 * change that asks for it ($1 … $n placeholders become drizzle parameters).
 */
export const jobTransaction = (tx: DbOrTx): PgBoss.Db => ({
  executeSql: async (text, values = []) => {
    const parts = text.split(/\$(\d+)/);
    const chunks: SQL[] = parts.map((part, i) =>
      i % 2 === 0 ? sql.raw(part) : sql`${sql.param(values[Number(part) - 1])}`,
    );
    return (await tx.execute(sql.join(chunks))) as unknown as { rows: never[] };
  },
});

/** Creates or upgrades the queue's schema and its queues; idempotent, run with the migrations. */
export async function migrateJobQueue(handle: Pick<DbHandle, "query">) {
  const boss = new PgBoss({
    db: jobDatabase(handle),
    schema: JOB_SCHEMA,
    migrate: true,
    supervise: false,
    schedule: false,
  });
  boss.on("error", () => {}); // errors reach us through start() and createQueue()
  await boss.start();
  try {
    for (const [name, options] of Object.entries(jobQueues)) {
      const queue = { name, ...options };
      if (await boss.getQueue(name)) await boss.updateQueue(name, queue);
      else await boss.createQueue(name, queue);
    }
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}
