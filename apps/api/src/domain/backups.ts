import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { backupSchedule, backups, type DbHandle, type DbOrTx, users } from "@factdesk/db";
import { DomainError, type TActor, type TBackupScheduleInput } from "@factdesk/schema";
import { and, desc, eq, isNotNull, isNull, lt, min, sql } from "drizzle-orm";
import { writeBackup } from "../backups";
import type { TConfig } from "../config";
import type { TJobQueue } from "../jobs/queue";
import { recordEvent } from "./audit";

// Scheduled and requested backups: the schedule (admins), the record of each backup made,
// the job that makes one, and what the System page says about them.

/** The backup schedule's identity in the audit log (the table holds one row). */
const SCHEDULE_ENTITY_ID = "00000000-0000-4000-8000-000000000003";
const HOUR = 3_600_000;
/** A backup is overdue an hour after it was due (a scheduled check runs every 15 minutes). */
const GRACE_MS = HOUR;
/** A backup still "running" after this long died with its process. */
const STALE_MS = 6 * HOUR;
const FILE_NAME = /^factdesk-\d{8}-\d{6}Z(-\d+)?\.jsonl\.gz$/;

export type TBackupPlace = { dir: string; checkpointFile: string };
export const backupPlace = (config: Pick<TConfig, "backups" | "audit">): TBackupPlace => ({
  dir: config.backups.dir,
  checkpointFile: config.audit.checkpointFile,
});

export async function getBackupSchedule(db: DbOrTx) {
  const [row] = await db.select().from(backupSchedule).where(eq(backupSchedule.id, 1));
  return { everyHours: row?.everyHours ?? 24, keep: row?.keep ?? 7, version: row?.version ?? 0 };
}

/** Saves the schedule if nobody else did since the version the admin saw; audited with before and after. */
export async function updateBackupSchedule(db: DbOrTx, actor: TActor, input: TBackupScheduleInput) {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(backupSchedule).where(eq(backupSchedule.id, 1)).for("update");
    const seen = current?.version ?? 0;
    if (seen !== input.version)
      throw new DomainError(
        "CONFLICT",
        `Someone changed the backup schedule since you opened it (you saw version ${input.version}, it is now at ${seen}). Review it and try again.`,
        { current: await getBackupSchedule(tx) },
      );
    const row = { everyHours: input.everyHours, keep: input.keep, version: seen + 1, updatedBy: actor.id };
    await tx
      .insert(backupSchedule)
      .values({ id: 1, ...row })
      .onConflictDoUpdate({ target: backupSchedule.id, set: row });
    await recordEvent(tx, {
      actorId: actor.id,
      entityType: "settings",
      entityId: SCHEDULE_ENTITY_ID,
      action: "backup_schedule_updated",
      data: {
        from: { everyHours: current?.everyHours ?? 24, keep: current?.keep ?? 7 },
        to: { everyHours: input.everyHours, keep: input.keep },
      },
    });
    return { everyHours: input.everyHours, keep: input.keep, version: seen + 1 };
  });
}

/** The backup being made, if any (one at a time). */
const running = (db: DbOrTx, now: Date) =>
  db
    .select()
    .from(backups)
    .where(
      and(
        isNull(backups.finishedAt),
        isNull(backups.error),
        sql`${backups.startedAt} > ${new Date(now.getTime() - STALE_MS)}`,
      ),
    )
    .limit(1);

/** Starts a backup record unless one is being made (serialised, so two requests make one backup). */
async function startBackup(
  db: DbOrTx,
  trigger: "scheduled" | "manual",
  requestedBy: string | null,
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(727003)`);
    const [busy] = await running(tx, now);
    if (busy) return { busy };
    const [started] = await tx.insert(backups).values({ trigger, requestedBy, startedAt: now }).returning();
    if (!started) throw new Error("The backup record was not stored.");
    return { started };
  });
}

/** An admin's "Back up now": recorded at once (the page shows it being made), made by a job. */
export async function requestBackup(db: DbOrTx, jobs: TJobQueue, actor: TActor) {
  const { busy, started } = await startBackup(db, "manual", actor.id);
  if (busy)
    throw new DomainError(
      "CONFLICT",
      `A backup is being made already (started ${busy.startedAt.toISOString()}).`,
    );
  await jobs.enqueue(db, "backup", { backupId: started?.id ?? null });
  return { id: started?.id };
}

/**
 * The backup job: makes the requested backup, or (the quarter-hourly check, no id) one when
 * the schedule says it is due; then removes the oldest files past the number to keep.
 */
export async function runBackupJob(
  database: DbHandle,
  place: TBackupPlace,
  backupId: string | null,
  now = new Date(),
) {
  const db = database.db;
  // Records of backups whose process died are closed, so they neither block nor count.
  await db
    .update(backups)
    .set({ error: "Did not finish (the process stopped)." })
    .where(
      and(
        isNull(backups.finishedAt),
        isNull(backups.error),
        lt(backups.startedAt, new Date(now.getTime() - STALE_MS)),
      ),
    );
  let id = backupId;
  if (!id) {
    const schedule = await getBackupSchedule(db);
    const last = await lastSuccessful(db);
    const due =
      schedule.everyHours > 0 &&
      (!last?.finishedAt || now.getTime() - last.finishedAt.getTime() >= schedule.everyHours * HOUR);
    if (!due) return null;
    const { started } = await startBackup(db, "scheduled", null, now);
    if (!started) return null;
    id = started.id;
  }
  const file = uniqueName(place.dir, now);
  const began = performance.now();
  try {
    const made = await writeBackup(database, join(place.dir, file), { checkpointFile: place.checkpointFile });
    const finishedAt = new Date(now.getTime() + (performance.now() - began));
    await db
      .update(backups)
      .set({ finishedAt, file, bytes: made.bytes, rows: made.rows })
      .where(eq(backups.id, id));
    await prune(db, place.dir);
    return made;
  } catch (error) {
    await db
      .update(backups)
      .set({ error: error instanceof Error ? error.message.slice(0, 500) : String(error) })
      .where(eq(backups.id, id));
    throw error;
  }
}

/** factdesk-YYYYMMDD-HHMMSSZ.jsonl.gz, with a counter when that second's name is taken. */
function uniqueName(dir: string, now: Date) {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace("T", "-")
    .replace(/\.\d+Z$/, "Z");
  let taken: Set<string>;
  try {
    taken = new Set(readdirSync(dir));
  } catch {
    taken = new Set();
  }
  for (let n = 0; ; n++) {
    const name = `factdesk-${stamp}${n ? `-${n}` : ""}.jsonl.gz`;
    if (!taken.has(name) && !taken.has(`${name}.partial`)) return name;
  }
}

/** Removes the files of successful backups beyond the newest `keep` (only files the desk made). */
async function prune(db: DbOrTx, dir: string) {
  const { keep } = await getBackupSchedule(db);
  const old = await db
    .select({ id: backups.id, file: backups.file })
    .from(backups)
    .where(and(isNotNull(backups.finishedAt), isNull(backups.prunedAt)))
    .orderBy(desc(backups.finishedAt))
    .offset(keep);
  for (const backup of old) {
    if (backup.file && FILE_NAME.test(backup.file)) rmSync(join(dir, backup.file), { force: true });
    await db.update(backups).set({ prunedAt: new Date() }).where(eq(backups.id, backup.id));
  }
}

async function lastSuccessful(db: DbOrTx) {
  const [last] = await db
    .select()
    .from(backups)
    .where(isNotNull(backups.finishedAt))
    .orderBy(desc(backups.finishedAt))
    .limit(1);
  return last;
}

/**
 * What the System page shows: the schedule, the folder, the last good backup, the one being
 * made, the recent ones, when the next is due, and whether it is overdue (the schedule is on
 * and no backup succeeded within its interval and an hour, on a desk older than that).
 */
export async function backupStatus(db: DbOrTx, place: TBackupPlace, now = new Date()) {
  const schedule = await getBackupSchedule(db);
  const last = await lastSuccessful(db);
  const [inProgress] = await running(db, now);
  const recent = await db
    .select({
      id: backups.id,
      trigger: backups.trigger,
      startedAt: backups.startedAt,
      finishedAt: backups.finishedAt,
      file: backups.file,
      bytes: backups.bytes,
      error: backups.error,
      prunedAt: backups.prunedAt,
    })
    .from(backups)
    .orderBy(desc(backups.startedAt))
    .limit(10);
  const [desk] = await db.select({ since: min(users.createdAt) }).from(users);
  const interval = schedule.everyHours * HOUR;
  const since = last?.finishedAt ?? desk?.since ?? now;
  const nextDueAt = schedule.everyHours > 0 ? new Date(since.getTime() + (last ? interval : 0)) : null;
  const overdue = schedule.everyHours > 0 && now.getTime() - since.getTime() > interval + GRACE_MS;
  return {
    schedule,
    folder: place.dir,
    lastSuccess: last
      ? {
          finishedAt: last.finishedAt,
          file: last.file,
          bytes: last.bytes,
          rows: last.rows,
          trigger: last.trigger,
        }
      : null,
    running: inProgress ? { startedAt: inProgress.startedAt, trigger: inProgress.trigger } : null,
    recent,
    nextDueAt,
    overdue,
  };
}
