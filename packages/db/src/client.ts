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
    close: () => client.close(),
  };
}
