import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { appendEvents, auditKey, createDb, events } from "@factdesk/db";
import { asc, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { TEST_AUDIT_KEY } from "./setup";

// The tests here use the embedded database alone: a pass on PostgreSQL would repeat them unchanged.
const onPostgresPass = Boolean(process.env.TEST_DATABASE_URL);

const run = promisify(execFile);
const cli = new URL("../src/audit-cli.ts", import.meta.url).pathname;

/** `npm run audit:verify` (or `audit:checkpoint`) as an operator runs it, on an embedded database on disk. */
const audit = (dataDir: string, ...args: string[]) =>
  run(process.execPath, ["--import", "tsx", cli, ...args], {
    env: {
      ...process.env,
      DATABASE_URL: "",
      DATA_DIR: dataDir,
      AUDIT_KEY: TEST_AUDIT_KEY,
      AUDIT_CHECKPOINT_FILE: join(dataDir, "checkpoints.jsonl"),
    },
  }).then(
    ({ stdout }) => ({ code: 0, output: stdout }),
    (error: { code: number; stderr: string }) => ({ code: error.code, output: error.stderr }),
  );

const asSuperuser = async (dataDir: string, statement: ReturnType<typeof sql>) => {
  const database = await createDb({ engine: "pglite", dataDir });
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL session_replication_role = replica`);
    await tx.execute(statement);
  });
  await database.close();
};

describe.skipIf(onPostgresPass)("npm run audit:verify", () => {
  it("passes an intact chain, names the first event tampered with, and with checkpoints sees events cut off", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "factdesk-audit-"));
    try {
      const database = await createDb({ engine: "pglite", dataDir });
      await database.migrate();
      const write = (actions: string[]) =>
        appendEvents(
          database.db,
          auditKey(TEST_AUDIT_KEY),
          actions.map((action) => ({ entityType: "claim" as const, entityId: crypto.randomUUID(), action })),
        );
      await write(["created", "status_changed", "status_changed"]);
      await database.close();
      expect(await audit(dataDir)).toEqual({
        code: 0,
        output: "Audit chain intact: 3 events verified against 0 signed checkpoints.\n",
      });
      expect(await audit(dataDir, "checkpoint")).toMatchObject({
        code: 0,
        output: expect.stringContaining("Checkpoint of event 3"),
      });

      const again = await createDb({ engine: "pglite", dataDir });
      await appendEvents(again.db, auditKey(TEST_AUDIT_KEY), [
        { entityType: "claim", entityId: crypto.randomUUID(), action: "archived" },
      ]);
      const rows = await again.db.select().from(events).orderBy(asc(events.id));
      await again.close();
      expect(await audit(dataDir)).toMatchObject({
        code: 0,
        output: expect.stringContaining("4 events verified against 1"),
      });

      // The newest events removed: the chain alone looks whole, the checkpoint does not.
      await asSuperuser(dataDir, sql`DELETE FROM events WHERE id >= 3`);
      const cut = await audit(dataDir);
      expect(cut.code).toBe(1);
      expect(cut.output).toMatch(/Audit chain broken at event 3: .*cut off the end/);

      const tampered = rows[1];
      if (!tampered) throw new Error("no rows");
      await asSuperuser(dataDir, sql`UPDATE events SET "to" = 'sourced-by-nobody' WHERE id = ${tampered.id}`);
      const result = await audit(dataDir, "--checkpoints", join(dataDir, "none.jsonl"));
      expect(result.code).toBe(1);
      expect(result.output).toMatch(
        new RegExp(`Audit chain broken at event ${tampered.id}: its content does not match its hash`),
      );
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
