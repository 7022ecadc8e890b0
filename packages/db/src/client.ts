import { createHash } from "node:crypto";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { sql } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import { sendNoticesAfterCommit } from "./after-commit";
import { migrateJobQueue } from "./jobs";
import * as schema from "./schema";

/** One drizzle API, whichever engine is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Domain functions take either a database or an open transaction. */
export type DbOrTx = Db | Tx;

export type TDbConfig =
  | {
      engine: "postgres";
      url: string;
      poolSize?: number;
      /** An idle connection failed (server restart, admin kill); the pool replaces it. */
      onIdleError?: (error: Error) => void;
    }
  /**
   * No dataDir: in memory, gone when closed. `template`: a tarball of a migrated empty
   * database (`writePgliteTemplate`) that a new dataDir starts from instead of initdb.
   */
  | { engine: "pglite"; dataDir?: string; template?: string };

export interface DbHandle {
  db: Db;
  engine: TDbConfig["engine"];
  /** Applies this code's migrations (or only the first `upTo`, for a restore) and the job queue's schema. */
  migrate(options?: { upTo?: number }): Promise<void>;
  /** Resolves when the database answers a query; throws otherwise. */
  ping(): Promise<void>;
  /** Migrations this code has that the database has not applied (0 when it is up to date). */
  migrationsBehind(): Promise<number>;
  /**
   * A plain parameterised query, in node-postgres's shape, for libraries that speak it (rate
   * limits, the job queue); without values it may be a script of several statements.
   */
  query(q: { text: string; values?: unknown[] }): Promise<{ rows: unknown[] }>;
  /** The PostgreSQL pool's connections (absent on the embedded database, which has one). */
  poolStats?(): { total: number; idle: number; waiting: number };
  /** LISTEN on a channel; the returned function stops listening. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

// Migrations sit beside the package source, or beside the API bundle that copies them.
const migrationsFolder = [new URL("../drizzle", import.meta.url), new URL("./drizzle", import.meta.url)]
  .map((url) => fileURLToPath(url))
  .find((dir) => existsSync(`${dir}/meta/_journal.json`));

const ping = (db: Db) => async () => void (await db.execute(sql`select 1`));

export type TMigrationLevel = { count: number; last: number | null };

type TJournal = { entries: { tag: string; when: number }[] };
/** The code's migrations journal; read once, it does not change under a running process. */
let journal: TJournal | undefined;
export const migrationsJournal = (): TJournal =>
  (journal ??= JSON.parse(
    readFileSync(`${requireMigrations().migrationsFolder}/meta/_journal.json`, "utf8"),
  ));

/** What drizzle keeps in drizzle.__drizzle_migrations: one row per applied migration. */
export async function migrationLevel(db: DbOrTx): Promise<TMigrationLevel> {
  const rows = async (query: ReturnType<typeof sql>) =>
    ((await db.execute(query)) as unknown as { rows: Record<string, unknown>[] }).rows;
  const [table] = await rows(sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`);
  // A database never migrated has no such table (and a query naming it would not even parse).
  if (!table?.present) return { count: 0, last: null };
  const [level] = await rows(
    sql`select count(*)::int as n, max(created_at)::text as last from drizzle.__drizzle_migrations`,
  );
  return { count: Number(level?.n ?? 0), last: level?.last == null ? null : Number(level.last) };
}

const migrationsBehind = (db: Db) => async () =>
  Math.max(0, migrationsJournal().entries.length - (await migrationLevel(db)).count);

const requireMigrations = () => {
  if (!migrationsFolder) throw new Error("Database migrations folder not found.");
  return { migrationsFolder };
};

/**
 * The migrations folder, or a copy of it holding only the first `upTo` (a restore brings a
 * database to the level its backup was made at before loading it); `done` removes the copy.
 */
function migrationsUpTo(upTo: number | undefined) {
  const { migrationsFolder: folder } = requireMigrations();
  const full = migrationsJournal();
  const { entries } = full;
  if (upTo === undefined || upTo >= entries.length) return { migrationsFolder: folder, done: () => {} };
  const copy = mkdtempSync(join(tmpdir(), "factdesk-migrations-"));
  cpSync(folder, copy, { recursive: true });
  writeFileSync(
    join(copy, "meta", "_journal.json"),
    JSON.stringify({ ...full, entries: entries.slice(0, upTo) }),
  );
  return { migrationsFolder: copy, done: () => rmSync(copy, { recursive: true, force: true }) };
}

/**
 * A pool that survives lost connections. The pool listens for errors on idle clients only,
 * and an 'error' event nobody listens to crashes the process: a checked-out client whose
 * backend is terminated gives its slot back at once (and is discarded) instead. That also
 * stops the leak of drizzle's transaction(), which never releases a client whose BEGIN failed;
 * release is made idempotent so its own later release is harmless.
 */
class SelfHealingPool extends pg.Pool {
  override connect(): Promise<pg.PoolClient>;
  override connect(callback: Parameters<pg.Pool["connect"]>[0] & object): void;
  // biome-ignore lint/suspicious/noConfusingVoidType: the implementation of pg.Pool's own overloads (a callback gets no promise)
  override connect(callback?: Parameters<pg.Pool["connect"]>[0]): Promise<pg.PoolClient> | void {
    if (callback) return super.connect(callback);
    return super.connect().then((client) => {
      const release = client.release;
      let released = false;
      const onError = (error: Error) => client.release(error);
      client.release = (error?: Error | boolean) => {
        if (released) return;
        released = true;
        client.removeListener("error", onError);
        release.call(client, error);
      };
      client.on("error", onError);
      return client;
    });
  }
}

export async function createDb(config: TDbConfig): Promise<DbHandle> {
  if (config.engine === "postgres") {
    const pool = new SelfHealingPool({ connectionString: config.url, max: config.poolSize ?? 10 });
    pool.on(
      "error",
      config.onIdleError ?? ((error: Error) => console.error("PostgreSQL connection lost:", error.message)),
    );
    // pg-pool hands a client to a promise's waiter a microtask after taking its idle listener
    // away; an error parsed from the same packet in between would have no listener and crash
    // the process. The failure reaches whoever uses the client through its queries anyway.
    pool.on("connect", (client) => {
      client.on("error", () => {});
      keepStatementsPrepared(client);
    });
    const db = sendNoticesAfterCommit(drizzlePg({ client: pool, schema, casing: "snake_case" }));
    return {
      db,
      engine: "postgres",
      migrate: (options) =>
        // Several instances may start at once: one migrates while the others wait, then find
        // nothing left to do.
        whileLocked(config.url, async () => {
          const folder = migrationsUpTo(options?.upTo);
          try {
            await migratePg(db, folder);
          } finally {
            folder.done();
          }
          await migrateJobQueue({ query: ({ text, values }) => pool.query(text, values) });
        }),
      ping: ping(db),
      migrationsBehind: migrationsBehind(db),
      query: ({ text, values }) => pool.query(text, values),
      poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
      listen: (channel, onPayload) => listenPostgres(config, channel, onPayload),
      close: () => pool.end(),
    };
  }
  const release = config.dataDir ? holdDataDir(config.dataDir) : () => {};
  const open = (start: { loadDataDir?: Blob }) =>
    PGlite.create(config.dataDir ?? "memory://", { extensions: { pg_trgm }, ...start });
  const isNew = Boolean(config.dataDir) && !existsSync(config.dataDir as string);
  const start = startingPoint(config);
  const client = await open(start)
    .catch((error: unknown) => {
      // A template this PGlite cannot start from: the directory it half-filled goes, and a
      // new database is made the slow way (never a directory that was there before).
      if (!start.loadDataDir || !isNew || !config.dataDir) throw error;
      rmSync(config.dataDir, { recursive: true, force: true });
      return open({});
    })
    .catch((error: unknown) => {
      release();
      throw error;
    });
  return pgliteHandle(client, release);
}

function pgliteHandle(client: PGlite, release: () => void): DbHandle {
  const db = sendNoticesAfterCommit(drizzlePglite({ client, schema, casing: "snake_case" }));
  // A script without parameters may hold several statements, as it may on a pg connection.
  const query: DbHandle["query"] = async ({ text, values }) =>
    values?.length ? client.query(text, values) : { rows: (await client.exec(text)).at(-1)?.rows ?? [] };
  return {
    db,
    engine: "pglite",
    migrate: async (options) => {
      const folder = migrationsUpTo(options?.upTo);
      try {
        await migratePglite(db, folder);
      } finally {
        folder.done();
      }
      await migrateJobQueue({ query });
    },
    ping: ping(db),
    migrationsBehind: migrationsBehind(db),
    query,
    listen: async (channel, onPayload) => {
      const stop = await client.listen(channel, onPayload);
      return async () => {
        if (!client.closed) await stop();
      };
    },
    close: async () => {
      await client.close();
      release();
    },
  };
}

/**
 * A new data directory starts from the template when there is one: about a second and a half
 * to unpack, where initdb and the migrations take five (a first start's wait).
 */
function startingPoint({ dataDir, template }: { dataDir?: string; template?: string }): {
  loadDataDir?: Blob;
} {
  if (!dataDir || !template || existsSync(join(dataDir, "PG_VERSION")) || !existsSync(template)) return {};
  try {
    // Unpacking checks the whole file against gzip's checksum: a damaged template is passed
    // over here rather than half-loaded.
    return { loadDataDir: new Blob([gunzipSync(readFileSync(template))]) };
  } catch {
    return {};
  }
}

/** Writes the template a new embedded database starts from: this code's schema, no rows. */
export async function writePgliteTemplate(file: string) {
  const client = await PGlite.create("memory://", { extensions: { pg_trgm } });
  try {
    await pgliteHandle(client, () => {}).migrate();
    // Written whole, then renamed into place: a build cut short never leaves half a template.
    writeFileSync(`${file}.partial`, Buffer.from(await (await client.dumpDataDir("gzip")).arrayBuffer()));
    renameSync(`${file}.partial`, file);
  } finally {
    await client.close();
  }
}

/**
 * The embedded database belongs to one process at a time (two would corrupt it): a lock
 * file beside the data directory names its holder, and another process is refused while
 * that one lives. The returned function lets go.
 */
function holdDataDir(dataDir: string) {
  const lock = `${dataDir.replace(/\/+$/, "")}.lock`;
  try {
    const holder = Number(readFileSync(lock, "utf8"));
    if (holder && holder !== process.pid && processIsAlive(holder))
      throw new Error(
        `The embedded database in ${dataDir} is in use by process ${holder} (the app, or another factdesk command). Stop that first; on PostgreSQL several processes can share a desk.`,
      );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  mkdirSync(dirname(lock), { recursive: true });
  writeFileSync(lock, String(process.pid));
  return () => rmSync(lock, { force: true });
}

function processIsAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** How many statements one connection keeps prepared; past that, queries are parsed each time. */
const PREPARED_PER_CONNECTION = 500;

/**
 * Begins a statement whose plan depends on its values, not only its shape (an OR of
 * full-text arms that match a handful of rows or a hundred thousand): such a statement is
 * never named, so PostgreSQL plans it for its values every time instead of switching to a
 * generic plan that guesses every arm's selectivity (and, under a LIMIT, may scan the table).
 */
export const PLAN_EACH_TIME = "/* plan each time */";

/**
 * Names every parameterised statement by a hash of its text, so a connection parses and
 * plans each query shape once and afterwards only binds values: the hot paths (a queue page,
 * a session, an audited write) skip sending and parsing kilobytes of SQL on every request.
 * Scripts without parameters (several statements) stay unnamed, as they must.
 */
function keepStatementsPrepared(client: pg.PoolClient) {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const names = new Set<string>();
  client.query = ((config: unknown, values?: unknown, ...rest: unknown[]) => {
    const statement = config as { text?: unknown; name?: unknown; values?: unknown } | null;
    const params = values ?? statement?.values;
    if (
      typeof statement === "object" &&
      typeof statement?.text === "string" &&
      !statement.name &&
      Array.isArray(params) &&
      params.length > 0 &&
      !statement.text.startsWith(PLAN_EACH_TIME)
    ) {
      const name = `fd_${createHash("sha1").update(statement.text).digest("base64url")}`;
      if (names.has(name) || names.size < PREPARED_PER_CONNECTION) {
        names.add(name);
        return query({ ...statement, name }, values, ...rest);
      }
    }
    return query(config, values, ...rest);
  }) as typeof client.query;
}

const MIGRATION_LOCK = 727002;

/** Runs `work` holding the migration lock, on a connection of its own (the pool may have one). */
async function whileLocked(url: string, work: () => Promise<void>) {
  const lock = new pg.Client({ connectionString: url });
  await lock.connect();
  try {
    await lock.query("select pg_advisory_lock($1)", [MIGRATION_LOCK]);
    await work();
  } finally {
    await lock.end(); // ending the session releases its lock
  }
}

/**
 * A dedicated connection for LISTEN (a pooled one would be handed to other queries).
 * It reconnects after a failure, so a database restart does not silence live updates.
 */
async function listenPostgres(
  config: Extract<TDbConfig, { engine: "postgres" }>,
  channel: string,
  onPayload: (payload: string) => void,
): Promise<() => Promise<void>> {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`Invalid channel name: ${channel}`);
  let stopped = false;
  let client: pg.Client | undefined;
  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString: config.url });
    next.on("notification", (message) => {
      if (message.channel === channel) onPayload(message.payload ?? "");
    });
    next.on("error", (error) => config.onIdleError?.(error));
    next.on("end", () => {
      if (!stopped)
        setTimeout(() => void connect().catch((error) => config.onIdleError?.(error)), 1000).unref();
    });
    await next.connect();
    await next.query(`LISTEN ${channel}`);
    client = next;
  };
  await connect();
  return async () => {
    stopped = true;
    await client?.end();
  };
}
