import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { createDb, writePgliteTemplate } from "../src/client";
import { jobQueues } from "../src/jobs";

// The tests here use the embedded database alone: a pass on PostgreSQL would repeat them unchanged.
const onPostgresPass = Boolean(process.env.TEST_DATABASE_URL);

const dir = mkdtempSync(join(tmpdir(), "factdesk-template-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(onPostgresPass)("the embedded database's template", () => {
  it("starts a new data directory migrated, with the job queues, and is ignored once it exists", async () => {
    const template = join(dir, "template.tar.gz");
    await writePgliteTemplate(template);
    const dataDir = join(dir, "data");

    const first = await createDb({ engine: "pglite", dataDir, template });
    expect(await first.migrationsBehind()).toBe(0);
    const queues = await first.query({ text: "select count(*)::int as n from pgboss.queue", values: [] });
    expect(queues.rows[0]).toEqual({ n: Object.keys(jobQueues).length });
    await first.query({ text: "create table kept (x int); insert into kept values (1)", values: [] });
    await first.close();

    // Opened again (the template still there): the data is the directory's own.
    const again = await createDb({ engine: "pglite", dataDir, template });
    expect((await again.query({ text: "select x from kept", values: [] })).rows).toEqual([{ x: 1 }]);
    await again.close();
  });

  it("falls back to a new database when there is no template", async () => {
    const dataDir = join(dir, "plain");
    const db = await createDb({ engine: "pglite", dataDir, template: join(dir, "missing.tar.gz") });
    expect(await db.migrationsBehind()).toBeGreaterThan(0);
    await db.migrate();
    expect(await db.migrationsBehind()).toBe(0);
    await db.close();
    expect(existsSync(join(dataDir, "PG_VERSION"))).toBe(true);
  });
});

describe.skipIf(onPostgresPass)("a damaged template", () => {
  it.each([
    ["not a tarball", Buffer.from("not a tarball at all")],
    ["cut short", null],
    ["whole, but not a database", gzipSync(Buffer.from("a well-packed file that is not a data directory"))],
  ])("(%s) is passed over: a new data directory is made the slow way", async (kind, bytes) => {
    const name = kind.replace(/\W+/g, "-");
    const good = join(dir, "good.tar.gz");
    if (!existsSync(good)) await writePgliteTemplate(good);
    const template = join(dir, `damaged-${name}.tar.gz`);
    writeFileSync(template, bytes ?? readFileSync(good).subarray(0, 100_000));
    const dataDir = join(dir, `from-damaged-${name}`);
    const db = await createDb({ engine: "pglite", dataDir, template });
    await db.migrate();
    expect(await db.migrationsBehind()).toBe(0);
    await db.query({ text: "create table kept (x int); insert into kept values (1)", values: [] });
    await db.close();
    const again = await createDb({ engine: "pglite", dataDir, template });
    expect((await again.query({ text: "select x from kept", values: [] })).rows).toEqual([{ x: 1 }]);
    await again.close();
  });
});
