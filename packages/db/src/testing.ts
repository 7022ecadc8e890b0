import { randomBytes } from "node:crypto";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, inject } from "vitest";
import { createDb, type Db, type DbHandle } from "./client";

/**
 * Test databases: migrate once per run into a template, then give each test file its own
 * copy (a copied PGlite data directory, or CREATE DATABASE … TEMPLATE on PostgreSQL) and
 * empty it between tests. Opening a copy costs a fraction of migrating a new database.
 */
export type TTestTemplate =
  | { engine: "pglite"; root: string; templateDir: string }
  | { engine: "postgres"; serverUrl: string; prefix: string; template: string };

const databaseUrl = (serverUrl: string, database: string) => {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
};

async function withServer<T>(serverUrl: string, run: (client: pg.Client) => Promise<T>) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** For vitest globalSetup: TEST_DATABASE_URL (a server URL) selects PostgreSQL, else PGlite. */
export async function prepareTestTemplate(serverUrl?: string): Promise<TTestTemplate> {
  if (serverUrl) {
    const prefix = `factdesk_test_${randomBytes(4).toString("hex")}`;
    const template = `${prefix}_template`;
    await withServer(serverUrl, (c) => c.query(`CREATE DATABASE ${template}`));
    const handle = await createDb({ engine: "postgres", url: databaseUrl(serverUrl, template) });
    await handle.migrate();
    await handle.close();
    return { engine: "postgres", serverUrl, prefix, template };
  }
  const root = mkdtempSync(join(tmpdir(), "factdesk-test-"));
  const templateDir = join(root, "template");
  const handle = await createDb({ engine: "pglite", dataDir: templateDir });
  await handle.migrate();
  await handle.close();
  return { engine: "pglite", root, templateDir };
}

export async function dropTestTemplate(template: TTestTemplate): Promise<void> {
  if (template.engine === "pglite") return rmSync(template.root, { recursive: true, force: true });
  await withServer(template.serverUrl, async (c) => {
    const { rows } = await c.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE $1",
      [`${template.prefix}%`],
    );
    for (const { datname } of rows) await c.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  });
}

export interface TestDb extends DbHandle {
  /** Empties every table, the append-only ones included. */
  reset(): Promise<void>;
  /** PostgreSQL only: the database's address, for a second process (the app under test). */
  url?: string;
}

export async function openTestDb(template: TTestTemplate): Promise<TestDb> {
  const name = `${randomBytes(4).toString("hex")}`;
  let handle: DbHandle;
  let cleanup: () => Promise<void>;
  let url: string | undefined;
  if (template.engine === "pglite") {
    const dataDir = join(template.root, name);
    cpSync(template.templateDir, dataDir, { recursive: true });
    handle = await createDb({ engine: "pglite", dataDir });
    cleanup = async () => rmSync(dataDir, { recursive: true, force: true });
  } else {
    const database = `${template.prefix}_${name}`;
    await withServer(template.serverUrl, (c) =>
      c.query(`CREATE DATABASE ${database} TEMPLATE ${template.template}`),
    );
    url = databaseUrl(template.serverUrl, database);
    handle = await createDb({
      engine: "postgres",
      url,
      poolSize: 4,
      onIdleError: () => {}, // the database is dropped under idle connections at the end
    });
    cleanup = () =>
      withServer(template.serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`)).then(
        () => undefined,
      );
  }
  return {
    ...handle,
    ...(url ? { url } : {}),
    reset: () => resetDatabase(handle.db),
    close: async () => {
      await handle.close();
      await cleanup();
    },
  };
}

async function resetDatabase(db: Db) {
  await db.transaction(async (tx) => {
    // Replica mode skips triggers, including the append-only guard on the audit log.
    await tx.execute(sql`SET LOCAL session_replication_role = replica`);
    await tx.execute(sql`
      TRUNCATE users, sessions, articles, claims, sources, claim_links, verdicts,
        verdict_revisions, verdict_publications, verdict_slugs, comments, events, fact_checks, settings, notifications,
        claim_presence, webhooks, webhook_deliveries, rate_limits, claim_count_deltas, pgboss.job, pgboss.archive
        RESTART IDENTITY CASCADE`);
  });
}

declare module "vitest" {
  export interface ProvidedContext {
    testDatabaseTemplate: TTestTemplate;
  }
}

/**
 * In a test file: one database for the file, emptied before each test.
 * `const t = useTestDb(); … t.db`.
 */
export function useTestDb() {
  let testDb: TestDb | undefined;
  beforeAll(async () => {
    testDb = await openTestDb(inject("testDatabaseTemplate"));
  });
  beforeEach(async () => {
    await testDb?.reset();
  });
  afterAll(async () => {
    await testDb?.close();
  });
  const current = () => {
    if (!testDb) throw new Error("useTestDb: the database is not open yet (use it inside tests).");
    return testDb;
  };
  return {
    get db(): Db {
      return current().db;
    },
    get handle(): TestDb {
      return current();
    },
  };
}
