import { randomBytes } from "node:crypto";
import { createDb, type DbHandle, events } from "@factdesk/db";
import { useTestDb } from "@factdesk/db/testing";
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { openDatabase } from "../src/boot";
import { loadConfig } from "../src/config";
import { runUntilIdle } from "../src/jobs/workers";
import { callerFor, makeUser, testConfig } from "./factories";
import { TEST_AUDIT_KEY } from "./setup";

/**
 * The two-role set-up on a real PostgreSQL: the owner (here the test's superuser) migrates
 * and grants; the app's own role can do what the app does and nothing that rewrites history.
 */
const t = useTestDb();
const onPostgres = inject("testDatabaseTemplate").engine === "postgres";
const role = `factdesk_app_${randomBytes(4).toString("hex")}`;
const password = randomBytes(12).toString("hex");
const appUrl = () => {
  const url = new URL(t.handle.url ?? "");
  url.username = role;
  url.password = password;
  return url.toString();
};

const opened: DbHandle[] = [];
afterAll(async () => {
  for (const handle of opened) await handle.close();
  if (!onPostgres) return;
  const admin = new pg.Client({ connectionString: t.handle.url });
  await admin.connect();
  await admin.query(`DROP OWNED BY ${role}`);
  await admin.query(`DROP ROLE IF EXISTS ${role}`);
  await admin.end();
});

const failure = (run: () => Promise<unknown>) =>
  run().then(
    () => "no error",
    (error: { cause?: { message?: string }; message: string }) => error.cause?.message ?? error.message,
  );

describe.skipIf(!onPostgres)("two database roles", () => {
  it("migrates as the owner, serves as the app role, and the app role cannot rewrite history", async () => {
    await t.db.execute(sql.raw(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'`));
    const warnings: string[] = [];
    const config = loadConfig({
      DATABASE_URL: appUrl(),
      DATABASE_OWNER_URL: t.handle.url,
      AUDIT_KEY: TEST_AUDIT_KEY,
      AUDIT_CHECKPOINT_FILE: testConfig.audit.checkpointFile,
      WEB_DIST: "/nonexistent",
    });
    const { database } = await openDatabase(config, (message) => warnings.push(message));
    opened.push(database);
    expect(warnings).toEqual([]);

    // The app works as its own role: users, claims, audited changes, archive statistics.
    const admin = await makeUser(t.db, { role: "admin" });
    const asAdmin = callerFor(database.db, admin, config);
    const app = database.db;
    await asAdmin.user.create({
      email: "new@factdesk.test",
      name: "New",
      role: "editor",
      password: "a long enough password",
    });
    await asAdmin.factCheck.import({
      format: "table",
      content:
        "text,rating,url,date\nThe MEK was founded in 1963,False,https://checks.example/1,2020-01-01\n",
    });
    // Ingest queues matching, and the workers fetch, run and complete it, as the app's role.
    const ingested = await asAdmin.article.ingest({
      title: "Two claims",
      text: "The MEK was founded in 1965 by students in Tehran. It moved its camp to Albania in 2013.",
      sentenceIndexes: [0, 1],
    });
    expect(ingested.claimCount).toBe(2);
    await runUntilIdle(database, { config: testConfig, log: () => {} });
    const done = await database.query({
      text: "select state from pgboss.job where name = 'match-claims'",
      values: [],
    });
    expect(done.rows).toEqual([{ state: "completed" }]);
    expect(await failure(() => app.execute(sql`CREATE TABLE pgboss.sneaky (id int)`))).toMatch(
      /permission denied/,
    );
    expect(await asAdmin.audit.verify()).toMatchObject({ ok: true });

    // But not rewrite history, bypass the guards, or change the schema.
    expect(await failure(() => app.update(events).set({ action: "forged" }))).toMatch(/permission denied/);
    expect(await failure(() => app.delete(events))).toMatch(/permission denied/);
    expect(
      await failure(() =>
        app.transaction(async (tx) => {
          await tx.execute(sql`SET LOCAL session_replication_role = replica`);
        }),
      ),
    ).toMatch(/permission denied/);
    expect(await failure(() => app.execute(sql`CREATE TABLE sneaky (id int)`))).toMatch(/permission denied/);
    expect(await failure(() => app.execute(sql`DROP TRIGGER events_no_update_delete ON events`))).toMatch(
      /must be owner/,
    );
  });

  it("warns at start when the app connects as a superuser", async () => {
    const warnings: string[] = [];
    const { database } = await openDatabase(
      {
        ...testConfig,
        database: { engine: "postgres", url: t.handle.url ?? "", ownerUrl: undefined, readUrl: undefined },
      },
      (message) => warnings.push(message),
    );
    opened.push(database);
    expect(warnings.join("\n")).toMatch(/connected to PostgreSQL as a superuser/);
  });
});

describe("the embedded database", () => {
  it("opens without a role set-up", async () => {
    const handle = await createDb({ engine: "pglite" });
    opened.push(handle);
    await handle.migrate();
    expect(await handle.db.$count(events)).toBe(0);
  });
});
