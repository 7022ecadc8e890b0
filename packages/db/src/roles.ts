import { sql } from "drizzle-orm";
import type { DbOrTx } from "./client";
import { JOB_SCHEMA } from "./jobs";

/**
 * Two roles: an owner that runs migrations, and the app's role that can only do what the
 * app does. Run by the owner after migrating (idempotent): the app may read and write the
 * desk's tables, but only read and append the history tables, and never change the schema.
 */
export async function grantAppRole(owner: DbOrTx, role: string) {
  const app = sql.identifier(role);
  await owner.execute(sql`GRANT USAGE ON SCHEMA public TO ${app}`);
  await owner.execute(sql`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${app}`);
  // History is appended, never rewritten, whoever the app is.
  await owner.execute(
    sql`REVOKE UPDATE, DELETE, TRUNCATE ON events, verdict_revisions, verdict_publications FROM ${app}`,
  );
  await owner.execute(sql`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${app}`);
  await owner.execute(sql`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO ${app}`);
  // The job queue: its rows, not its tables (queues are created by the owner at migration).
  const jobs = sql.identifier(JOB_SCHEMA);
  await owner.execute(sql`GRANT USAGE ON SCHEMA ${jobs} TO ${app}`);
  await owner.execute(sql`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${jobs} TO ${app}`);
}

/** Whether the connection's role is a superuser, who could bypass every guard. */
export async function connectedAsSuperuser(db: DbOrTx): Promise<boolean> {
  const result = (await db.execute(
    sql`select rolsuper as super from pg_roles where rolname = current_user`,
  )) as unknown as { rows: { super: boolean }[] };
  return result.rows[0]?.super ?? false;
}

/** The role a postgres:// address logs in as. */
export const roleOf = (url: string) => decodeURIComponent(new URL(url).username || "postgres");
