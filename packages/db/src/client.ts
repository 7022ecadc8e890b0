import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { sql } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
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
  /** No dataDir: in memory, gone when closed. */
  | { engine: "pglite"; dataDir?: string };

export interface DbHandle {
  db: Db;
  engine: TDbConfig["engine"];
  migrate(): Promise<void>;
  /** Resolves when the database answers a query; throws otherwise. */
  ping(): Promise<void>;
  /** LISTEN on a channel; the returned function stops listening. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

// Migrations sit beside the package source, or beside the API bundle that copies them.
const migrationsFolder = [new URL("../drizzle", import.meta.url), new URL("./drizzle", import.meta.url)]
  .map((url) => fileURLToPath(url))
  .find((dir) => existsSync(`${dir}/meta/_journal.json`));

const ping = (db: Db) => async () => void (await db.execute(sql`select 1`));

const requireMigrations = () => {
  if (!migrationsFolder) throw new Error("Database migrations folder not found.");
  return { migrationsFolder };
};

export async function createDb(config: TDbConfig): Promise<DbHandle> {
  if (config.engine === "postgres") {
    const pool = new pg.Pool({ connectionString: config.url, max: config.poolSize ?? 10 });
    // Without a listener, an idle client's error would crash the process.
    pool.on(
      "error",
      config.onIdleError ?? ((error) => console.error("PostgreSQL idle connection:", error.message)),
    );
    const db = drizzlePg({ client: pool, schema, casing: "snake_case" });
    return {
      db,
      engine: "postgres",
      migrate: () => migratePg(db, requireMigrations()),
      ping: ping(db),
      listen: (channel, onPayload) => listenPostgres(config, channel, onPayload),
      close: () => pool.end(),
    };
  }
  const client = await PGlite.create(config.dataDir ?? "memory://", { extensions: { pg_trgm } });
  const db = drizzlePglite({ client, schema, casing: "snake_case" });
  return {
    db,
    engine: "pglite",
    migrate: () => migratePglite(db, requireMigrations()),
    ping: ping(db),
    listen: async (channel, onPayload) => {
      const stop = await client.listen(channel, onPayload);
      return async () => {
        if (!client.closed) await stop();
      };
    },
    close: () => client.close(),
  };
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
