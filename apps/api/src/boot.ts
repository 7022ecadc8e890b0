import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import {
  auditKey,
  connectedAsSuperuser,
  createDb,
  type DbHandle,
  grantAppRole,
  roleOf,
  type TAuditKey,
} from "@factdesk/db";
import type { TConfig } from "./config";
import { useAuditKey } from "./domain/audit";

type TLog = (message: string) => void;

/** Made by the build (`npm run build`): where a new embedded database starts from, if present. */
const PGLITE_TEMPLATE = fileURLToPath(new URL("../dist/pglite-template.tar.gz", import.meta.url));

/**
 * Opens the configured database for any entry point (the app, the CLI, seeding, audit
 * checks): migrates it as the owner role when one is configured and grants the app's role
 * what it needs, warns about a superuser connection, and sets the audit key.
 */
export async function openDatabase(
  config: TConfig,
  log: TLog = console.warn,
): Promise<{ database: DbHandle; auditKey: TAuditKey }> {
  const key = loadAuditKey(config.audit, log);
  useAuditKey(key);
  const target = config.database;
  if (target.engine === "pglite") mkdirSync(target.dataDir, { recursive: true });
  if (target.engine === "postgres" && target.ownerUrl) {
    const owner = await createDb({ engine: "postgres", url: target.ownerUrl, poolSize: 1 });
    try {
      await owner.migrate();
      await grantAppRole(owner.db, roleOf(target.url));
    } finally {
      await owner.close();
    }
  }
  const database = await createDb(
    target.engine === "pglite" ? { ...target, template: PGLITE_TEMPLATE } : target,
  );
  if (target.engine === "pglite" || !target.ownerUrl) await database.migrate();
  if (target.engine === "postgres" && (await connectedAsSuperuser(database.db)))
    log(
      "Warning: the app is connected to PostgreSQL as a superuser, who can bypass the audit log's guards. Give it its own role and run migrations as the owner (DATABASE_OWNER_URL); see the README's two-role set-up.",
    );
  return { database, auditKey: key };
}

/** The read replica for public reads (DATABASE_READ_URL), if any; it follows the primary, unmigrated. */
export async function openReadReplica(config: TConfig): Promise<DbHandle | undefined> {
  const target = config.database;
  if (target.engine !== "postgres" || !target.readUrl) return undefined;
  return createDb({ engine: "postgres", url: target.readUrl });
}

/** AUDIT_KEY, else the key file beside the data, made once with a random key. */
function loadAuditKey({ key, keyFile }: TConfig["audit"], log: TLog): TAuditKey {
  if (key) return auditKey(key);
  if (!existsSync(keyFile)) {
    mkdirSync(dirname(keyFile), { recursive: true });
    try {
      writeFileSync(keyFile, randomBytes(32).toString("hex"), { mode: 0o600, flag: "wx" });
      log(
        `No AUDIT_KEY set: the audit chain is keyed with a new key in ${keyFile}. Keep a copy away from the database, or set AUDIT_KEY.`,
      );
    } catch (error) {
      // Another process made it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  return auditKey(readFileSync(keyFile, "utf8").trim());
}
