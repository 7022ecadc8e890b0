import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { auditKey, backups, createDb, type DbHandle, sessions, users } from "@factdesk/db";
import { useTestDb } from "@factdesk/db/testing";
import { count, eq, sql } from "drizzle-orm";
import pg from "pg";
import { afterEach, describe, expect, inject, it } from "vitest";
import { writeCheckpoint } from "../src/audit-checkpoints";
import { pgDumpConfigured, restoreBackup, writeBackup } from "../src/backups";
import type { TConfig } from "../src/config";
import { verifyAudit } from "../src/domain/audit";
import { login } from "../src/domain/auth";
import { backupStatus, requestBackup, runBackupJob, updateBackupSchedule } from "../src/domain/backups";
import { attachMediaFile, mediaOriginal } from "../src/domain/media";
import { callerFor, makeUser, PASSWORD, publishVerdict, testConfig } from "./factories";
import { startServer } from "./http-client";
import { jpegSample } from "./media-samples";
import { TEST_AUDIT_KEY } from "./setup";

const t = useTestDb();
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const scratch = () => {
  const dir = mkdtempSync(join(tmpdir(), "factdesk-backup-test-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
};

/** A new, empty database of the engine under test, and the configuration that points at it. */
async function emptyDatabase(checkpointFile: string): Promise<TConfig> {
  const template = inject("testDatabaseTemplate");
  const audit = { ...testConfig.audit, checkpointFile };
  if (template.engine === "pglite")
    return { ...testConfig, audit, database: { engine: "pglite", dataDir: join(scratch(), "pglite") } };
  const name = `${template.prefix}_restore_${randomBytes(3).toString("hex")}`;
  const server = new pg.Client({ connectionString: template.serverUrl });
  await server.connect();
  await server.query(`create database ${name}`);
  await server.end();
  cleanups.push(async () => {
    const c = new pg.Client({ connectionString: template.serverUrl });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  });
  const url = new URL(template.serverUrl);
  url.pathname = `/${name}`;
  return { ...testConfig, audit, database: { engine: "postgres", url: url.toString() } } as TConfig;
}

const open = async (config: TConfig) => {
  const handle = await createDb(config.database);
  cleanups.push(() => handle.close());
  return handle;
};

/** What a reader and a feed reader get from the desk. */
async function publicSide(database: DbHandle, slug: string, more: string[] = []) {
  const server = await startServer(database);
  try {
    const paths = ["/", `/verdicts/${slug}`, "/feed.xml", "/feed.json", "/claimreview.json", ...more];
    return Object.fromEntries(
      await Promise.all(
        paths.map(async (path) => {
          const response = await fetch(`${server.url}${path}`);
          return [path, `${response.status} ${await response.text()}`] as const;
        }),
      ),
    );
  } finally {
    await server.stop();
  }
}

describe("backup and restore", () => {
  const onPostgres = inject("testDatabaseTemplate").engine === "postgres";
  it.each([
    "factdesk",
    // PostgreSQL's own archive, for operators who keep backups with its tools.
    ...(onPostgres ? ["pg_dump"] : []),
  ])(
    "gives the same desk in an empty database (%s format): public pages, the audit chain and its checkpoints; not the sessions",
    async (format) => {
      const { verdict, checker } = await publishVerdict(t.db);
      const other = await publishVerdict(t.db, {
        claimText: "The camp held 3,000 people.",
        headline: "No, about 2,000",
      });
      await other.asEditor.verdict.retract({
        id: other.verdict.id,
        version: other.verdict.version,
        reason: "The count was wrong.",
      });
      // Uploaded media are part of the desk: the photo, and the copy readers get.
      let mediaId = "";
      const pictured = await publishVerdict(t.db, {
        claimText: "This photo shows the camp in 2016.",
        headline: "The photo is from 2012",
        mediaRating: "missing_context",
        beforeSubmit: async (claimId, caller) => {
          const me = (await caller.auth.me()) as { id: string; role: "fact_checker" };
          const media = await attachMediaFile(t.db, me, {
            claimId,
            bytes: jpegSample().withMetadata,
            fileName: "camp.jpg",
          });
          mediaId = media.id;
        },
      });
      await login(t.db, { email: checker.email, password: PASSWORD }, { ttlMs: 60_000 });
      const dir = scratch();
      const checkpointFile = join(dir, "checkpoints.jsonl");
      await writeCheckpoint(t.db, auditKey(TEST_AUDIT_KEY), checkpointFile);
      const file = join(dir, "desk.backup");
      const source = {
        ...testConfig,
        audit: { ...testConfig.audit, checkpointFile },
        database: { engine: "postgres", url: t.handle.url ?? "" },
      } as TConfig;

      const made =
        format === "pg_dump"
          ? await pgDumpConfigured(source, file)
          : await writeBackup(t.handle, file, { checkpointFile });
      expect(made.checkpoints).toBe(1);
      expect(existsSync(`${file}.partial`)).toBe(false);

      const target = await emptyDatabase(join(dir, "restored-checkpoints.jsonl"));
      const restored = await restoreBackup(target, file);
      expect(restored).toMatchObject({ format, checkpoints: 1 });
      if ("rows" in made) expect(restored).toMatchObject({ rows: made.rows, tables: made.tables });
      expect(readFileSync(target.audit.checkpointFile, "utf8")).toBe(readFileSync(checkpointFile, "utf8"));

      const copy = await open(target);
      expect(
        await verifyAudit(copy.db, JSON.parse(`[${readFileSync(checkpointFile, "utf8").trim()}]`)),
      ).toMatchObject({
        ok: true,
        checkpoints: 1,
      });
      expect((await copy.db.select({ n: count() }).from(sessions))[0]?.n).toBe(0);
      expect((await t.db.select({ n: count() }).from(sessions))[0]?.n).toBe(1);
      const slug = verdict.slug ?? "";
      expect(await publicSide(copy, slug)).toEqual(await publicSide(t.handle, slug));
      const withMedia = [`/media/${mediaId}`];
      const pictures = await publicSide(copy, pictured.verdict.slug ?? "", withMedia);
      expect(pictures[withMedia[0] ?? ""]).toMatch(/^200 /);
      expect(pictures).toEqual(await publicSide(t.handle, pictured.verdict.slug ?? "", withMedia));
      expect(await mediaOriginal(copy.db, mediaId)).toEqual(await mediaOriginal(t.db, mediaId));

      // The restored desk carries on: new audited changes chain on, ids do not collide.
      const asChecker = callerFor(
        copy.db,
        (await copy.db.select().from(users).where(eq(users.id, checker.id)))[0] ?? checker,
      );
      await asChecker.claim.comment({ claimId: verdict.claimId, body: "Still holds after the move." });
      expect(await verifyAudit(copy.db)).toMatchObject({ ok: true });
    },
  );

  it("refuses a database that holds a desk, a file that is not a backup, and one cut off, changing nothing", async () => {
    await makeUser(t.db, { name: "Only One" });
    const dir = scratch();
    const file = join(dir, "desk.jsonl.gz");
    await writeBackup(t.handle, file, { checkpointFile: join(dir, "none.jsonl") });

    const target = await emptyDatabase(join(dir, "c.jsonl"));
    await restoreBackup(target, file);
    await expect(restoreBackup(target, file)).rejects.toThrow(
      "Restore into an empty database: this one already holds a desk.",
    );

    const notBackup = join(dir, "notes.gz");
    writeFileSync(notBackup, gzipSync("hello\n"));
    const fresh = await emptyDatabase(join(dir, "d.jsonl"));
    await expect(restoreBackup(fresh, notBackup)).rejects.toThrow("This is not a Factdesk backup");

    const lines = gunzipSync(readFileSync(file)).toString("utf8").trimEnd().split("\n");
    const cut = join(dir, "cut.jsonl.gz");
    writeFileSync(cut, gzipSync(`${lines.slice(0, -1).join("\n")}\n`));
    await expect(restoreBackup(fresh, cut)).rejects.toThrow("The backup ends early");
    const database = await open(fresh);
    expect((await database.db.select({ n: count() }).from(users))[0]?.n).toBe(0);
    await database.close();
    cleanups.pop();
    // Nothing half-loaded: the whole file restores into the same database afterwards.
    await expect(restoreBackup(fresh, file)).resolves.toMatchObject({ tables: expect.any(Number) });
  });

  it("restores a backup made by an earlier release and brings it up to date", async () => {
    const dir = scratch();
    const old = await createDb({ engine: "pglite", dataDir: join(dir, "old") });
    await old.migrate({ upTo: 32 });
    await old.db.execute(
      sql`insert into users (email, name, role, password_hash) values ('old@x.test', 'Old', 'admin', 'x')`,
    );
    const file = join(dir, "old.jsonl.gz");
    await writeBackup(old, file, { checkpointFile: join(dir, "none.jsonl") });
    await old.close();

    const target = await emptyDatabase(join(dir, "c.jsonl"));
    const restored = await restoreBackup(target, file);
    expect(restored).toMatchObject({ format: "factdesk", header: { migrations: { count: 32 } } });
    const database = await open(target);
    expect(await database.migrationsBehind()).toBe(0);
    expect((await database.db.select({ email: users.email }).from(users))[0]?.email).toBe("old@x.test");
  });
});

describe("scheduled backups", () => {
  it("backs up when due, keeps the newest N, says when one is overdue, and makes one at a time", async () => {
    const admin = await makeUser(t.db, { role: "admin" });
    const dir = scratch();
    const place = { dir: join(dir, "backups"), checkpointFile: join(dir, "none.jsonl") };
    const hour = 3_600_000;
    const start = new Date();
    await updateBackupSchedule(t.db, admin, { everyHours: 6, keep: 2, version: 0 });

    // The first quarter-hourly check backs up at once; the next ones wait out the interval.
    expect(await runBackupJob(t.handle, place, null, start)).toMatchObject({ rows: expect.any(Number) });
    expect(await runBackupJob(t.handle, place, null, new Date(start.getTime() + hour))).toBeNull();
    for (const hours of [7, 14, 21])
      await runBackupJob(t.handle, place, null, new Date(start.getTime() + hours * hour));
    expect(readdirSync(place.dir).sort()).toHaveLength(2);
    const status = await backupStatus(t.db, place, new Date(start.getTime() + 22 * hour));
    expect(status).toMatchObject({ overdue: false, schedule: { everyHours: 6, keep: 2 }, running: null });
    expect(status.recent.filter((b) => b.prunedAt)).toHaveLength(2);
    expect(status.lastSuccess?.file && readdirSync(place.dir)).toContain(status.lastSuccess?.file);

    // Six hours and the hour's grace after the last backup, with none since, it is overdue.
    expect((await backupStatus(t.db, place, new Date(start.getTime() + 28.5 * hour))).overdue).toBe(true);

    // An admin's "Back up now" is one backup at a time.
    const sent: unknown[] = [];
    const jobs = { enqueue: async (_tx: unknown, _name: unknown, data: unknown) => void sent.push(data) };
    const { id } = await requestBackup(t.db, jobs, admin);
    await expect(requestBackup(t.db, jobs, admin)).rejects.toThrow("A backup is being made already");
    expect(sent).toEqual([{ backupId: id }]);
    await runBackupJob(t.handle, place, id ?? null);
    const [done] = await t.db
      .select()
      .from(backups)
      .where(eq(backups.id, id ?? ""));
    expect(done).toMatchObject({ trigger: "manual", requestedBy: admin.id, error: null });
    expect(done?.finishedAt).toBeInstanceOf(Date);
  });

  it("refuses a stale schedule edit and checks its bounds", async () => {
    const admin = await makeUser(t.db, { role: "admin" });
    const asAdmin = callerFor(t.db, admin);
    await asAdmin.system.updateBackupSchedule({ everyHours: 12, keep: 3, version: 0 });
    await expect(
      asAdmin.system.updateBackupSchedule({ everyHours: 1, keep: 3, version: 0 }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(
      asAdmin.system.updateBackupSchedule({ everyHours: 1, keep: 0, version: 1 }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("Keep at least one backup."),
    });
    expect((await asAdmin.system.status()).backups.schedule).toEqual({ everyHours: 12, keep: 3, version: 1 });
  });
});
