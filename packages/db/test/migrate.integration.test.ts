import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { createDb } from "../src/client";
import { jobQueues } from "../src/jobs";

const template = inject("testDatabaseTemplate");

describe.skipIf(template.engine !== "postgres")("migrations", () => {
  it("run once when several instances start on an empty database together", async () => {
    if (template.engine !== "postgres") return;
    const name = `${template.prefix}_m${randomBytes(3).toString("hex")}`;
    const admin = new pg.Client({ connectionString: template.serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = Object.assign(new URL(template.serverUrl), { pathname: `/${name}` }).toString();
    const instances = await Promise.all([1, 2, 3].map(() => createDb({ engine: "postgres", url })));
    try {
      await Promise.all(instances.map((instance) => instance.migrate()));
      const journal = JSON.parse(
        readFileSync(new URL("../drizzle/meta/_journal.json", import.meta.url), "utf8"),
      ) as { entries: unknown[] };
      const applied = await instances[0]?.query({
        text: "select count(*)::int as n from drizzle.__drizzle_migrations",
        values: [],
      });
      expect(applied?.rows[0]).toEqual({ n: journal.entries.length });
      const queues = await instances[0]?.query({
        text: "select name from pgboss.queue order by name",
        values: [],
      });
      // Every queue the desk runs, made once.
      expect(queues?.rows.map((row) => (row as { name: string }).name)).toEqual(
        Object.keys(jobQueues).sort(),
      );
    } finally {
      for (const instance of instances) await instance.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
