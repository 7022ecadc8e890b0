import { type DbHandle, JOB_SCHEMA, jobDatabase } from "@factdesk/db";
import PgBoss from "pg-boss";
import type { TConfig } from "../config";
import { emailAccountLink, emailNotifications } from "../domain/accounts";
import { refineArticleClaims } from "../domain/articles";
import { makeAssessmentPack } from "../domain/assessment-pack";
import { backupPlace, runBackupJob } from "../domain/backups";
import { embedFactChecks } from "../domain/fact-checks";
import { pollDueFeeds } from "../domain/monitoring";
import { compactClaimCounts } from "../domain/queue";
import { siteOf } from "../domain/settings";
import { archiveSource, checkPublishedSources } from "../domain/source-archive";
import { assessmentPackZip } from "../exports/assessment-pack";
import { mailerFor } from "../mailer";
import { deliverWebhookJob } from "./deliver-webhook";
import { matchArchive, matchClaims, matchTips } from "./match-claims";
import { createJobQueue, type TJobData } from "./queue";

export interface TWorkerOptions {
  /** Where webhook deliveries may go, and how soon a failed one is retried. */
  config: Pick<TConfig, "fetch" | "webhooks" | "publicUrl" | "claimThreshold" | "mail" | "backups" | "audit">;
  /** How often an idle worker asks for work (pg-boss's floor is half a second). */
  pollingIntervalSeconds?: number;
  log?: (message: string, error?: unknown) => void;
}

/**
 * The job workers, in the app's process by default or alone in `factdesk worker`: any number
 * of them may run against one database, and each job is fetched by exactly one (pg-boss uses
 * FOR UPDATE SKIP LOCKED); one whose worker died is handed out again when it expires.
 * `stop` lets running jobs finish (or returns them to the queue at its deadline).
 */
export async function startWorkers(
  database: DbHandle,
  { config, pollingIntervalSeconds = 0.5, log = console.error }: TWorkerOptions,
) {
  const boss = new PgBoss({
    db: jobDatabase(database),
    schema: JOB_SCHEMA,
    migrate: false,
    supervise: true,
    schedule: true,
  });
  // A lost database connection fails a poll, not the process: the next poll tries again.
  boss.on("error", (error) => log("jobs:", error));
  await boss.start();
  const jobs = createJobQueue(database.db);
  const webhooks = { jobs, retrySeconds: config.webhooks.retrySeconds };
  await boss.work<TJobData["refine-claims"]>(
    "refine-claims",
    { pollingIntervalSeconds, batchSize: 1 },
    async ([job]) => {
      if (job) await refineArticleClaims(database.db, jobs, job.data);
    },
  );
  await boss.work(
    "match-claims",
    { pollingIntervalSeconds, batchSize: 1 },
    matchClaims(database.db, { webhooks, publicUrl: config.publicUrl }),
  );
  await boss.work(
    "match-tips",
    { pollingIntervalSeconds, batchSize: 1 },
    matchTips(database.db, { webhooks, publicUrl: config.publicUrl }),
  );
  await boss.work("match-archive", { pollingIntervalSeconds, batchSize: 1 }, matchArchive(database.db));
  // pg-boss fires a schedule once per minute however many instances keep it.
  await boss.schedule("compact-claim-counts", "* * * * *");
  await boss.work(
    "deliver-webhook",
    { pollingIntervalSeconds, batchSize: 1 },
    deliverWebhookJob(database.db, {
      retrySeconds: config.webhooks.retrySeconds,
      fetchRules: config.fetch,
    }),
  );
  await boss.work("compact-claim-counts", { pollingIntervalSeconds: 5 }, () =>
    compactClaimCounts(database.db),
  );
  await boss.work<{ sourceId: string }>(
    "archive-source",
    { pollingIntervalSeconds, batchSize: 1 },
    async ([job]) => {
      if (job) await archiveSource(database.db, job.data.sourceId, config.fetch);
    },
  );
  // Outlets' feeds: due ones polled every minute (each on its own interval, failing ones backing off).
  await boss.schedule("poll-feeds", "* * * * *");
  await boss.work("poll-feeds", { pollingIntervalSeconds: 5 }, async () => {
    await pollDueFeeds(database.db, webhooks.jobs, { rules: config.fetch, threshold: config.claimThreshold });
  });
  // Link rot: published verdicts' sources fetched again daily, an hourly batch at a time.
  await boss.schedule("check-sources", "17 * * * *");
  await boss.work("check-sources", { pollingIntervalSeconds: 5 }, async () => {
    await checkPublishedSources(database.db, config.fetch);
  });
  await boss.work<TJobData["assessment-pack"]>(
    "assessment-pack",
    { pollingIntervalSeconds },
    async ([job]) => {
      if (job)
        await makeAssessmentPack(
          database.db,
          job.data.packId,
          await siteOf(database.db, config.publicUrl),
          assessmentPackZip,
        );
    },
  );
  // E-mail: one-time links at once; notifications each minute, digests daily at 07:00 UTC.
  await boss.work<TJobData["email-account-link"]>(
    "email-account-link",
    { pollingIntervalSeconds },
    async ([job]) => {
      if (!job) return;
      const mailer = mailerFor(config);
      if (!mailer) throw new Error("E-mail is not set up (SMTP_URL): the link cannot be sent.");
      await emailAccountLink(database.db, mailer, await siteOf(database.db, config.publicUrl), job.data);
    },
  );
  const mailer = mailerFor(config);
  if (mailer) {
    await boss.schedule("email-notifications", "* * * * *");
    await boss.schedule("email-digests", "0 7 * * *");
    for (const [name, mode] of [
      ["email-notifications", "immediately"],
      ["email-digests", "daily"],
    ] as const)
      await boss.work(name, { pollingIntervalSeconds: 5 }, async () => {
        await emailNotifications(database.db, mailer, await siteOf(database.db, config.publicUrl), mode);
      });
  }
  // Fact-checks imported before vectors existed, or whose import job gave up, get theirs.
  await boss.schedule("embed-archive", "*/5 * * * *");
  await boss.work("embed-archive", { pollingIntervalSeconds: 5 }, async () => {
    await embedFactChecks(database.db);
  });
  // Backups: the schedule is checked every quarter hour; admins' requests are made at once.
  await boss.schedule("backup", "*/15 * * * *", { backupId: null });
  await boss.work<TJobData["backup"]>("backup", { pollingIntervalSeconds }, async ([job]) => {
    await runBackupJob(database, backupPlace(config), job?.data.backupId ?? null);
  });
  let running = true;
  return {
    running: () => running,
    stop: async () => {
      running = false;
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}

/** Jobs that are due or running (a retry waiting out its backoff is not). */
async function jobsDue(database: DbHandle) {
  const { rows } = await database.query({
    text: `select count(*)::int as due from ${JOB_SCHEMA}.job
      where state = 'active' or (state in ('created', 'retry') and start_after <= now())`,
    values: [],
  });
  return (rows[0] as { due: number }).due;
}

/** Runs the workers until no job is due, then stops them: `factdesk worker --until-idle`. */
export async function runUntilIdle(database: DbHandle, options: TWorkerOptions) {
  const workers = await startWorkers(database, options);
  try {
    while ((await jobsDue(database)) > 0) await new Promise((resolve) => setTimeout(resolve, 100));
  } finally {
    await workers.stop();
  }
}
