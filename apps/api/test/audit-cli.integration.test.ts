import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { createDb, events } from "@factdesk/db";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const cli = new URL("../src/audit-cli.ts", import.meta.url).pathname;

/** `npm run audit:verify` as an operator runs it, against an embedded database on disk. */
const verify = (dataDir: string) =>
  run(process.execPath, ["--import", "tsx", cli], {
    env: { ...process.env, DATABASE_URL: "", DATA_DIR: dataDir },
  }).then(
    ({ stdout }) => ({ code: 0, output: stdout }),
    (error: { code: number; stderr: string }) => ({ code: error.code, output: error.stderr }),
  );

describe("npm run audit:verify", () => {
  it("passes an intact chain and names the first event a superuser tampered with", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "factdesk-audit-"));
    try {
      const database = await createDb({ engine: "pglite", dataDir });
      await database.migrate();
      const rows = await database.db
        .insert(events)
        .values(
          ["created", "status_changed", "status_changed"].map((action) => ({
            entityType: "claim" as const,
            entityId: crypto.randomUUID(),
            action,
          })),
        )
        .returning();
      await database.close();
      expect(await verify(dataDir)).toEqual({ code: 0, output: "Audit chain intact: 3 events verified.\n" });

      const tampered = rows[1];
      if (!tampered) throw new Error("no rows");
      const again = await createDb({ engine: "pglite", dataDir });
      await again.db.transaction(async (tx) => {
        await tx.execute(sql`SET LOCAL session_replication_role = replica`);
        await tx.update(events).set({ to: "sourced-by-nobody" }).where(eq(events.id, tampered.id));
      });
      await again.close();

      const result = await verify(dataDir);
      expect(result.code).toBe(1);
      expect(result.output).toMatch(
        new RegExp(`Audit chain broken at event ${tampered.id}: its content does not match its hash`),
      );
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
