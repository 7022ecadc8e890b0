import type { DbOrTx } from "@factdesk/db";
import { DomainError, words } from "@factdesk/schema";
import { and, eq, type SQL, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";

/** A table whose rows carry an optimistic-concurrency `version`. */
type VersionedTable = PgTable & { id: PgColumn; version: PgColumn };

/**
 * Reads a row for update and checks that it is still the version the user saw.
 * NOT_FOUND when it does not exist; CONFLICT, with the current row, when it changed since.
 */
export async function lockVersion<T extends VersionedTable>(
  tx: DbOrTx,
  table: T,
  id: string,
  version: number,
  noun: string,
): Promise<T["$inferSelect"]> {
  const [row] = (await tx
    .select()
    .from(table as PgTable)
    .where(eq(table.id, id))
    .for("update")) as T["$inferSelect"][];
  assertVersion(row, version, noun);
  return row;
}

/** NOT_FOUND when the row does not exist; CONFLICT, with the current row, when it is not at `version`. */
function assertVersion<R>(row: R | undefined, version: number, noun: string): asserts row is R {
  if (!row) throw new DomainError("NOT_FOUND", words("version.notFound", { noun }));
  const current = (row as unknown as { version: number }).version;
  if (current !== version) {
    throw new DomainError("CONFLICT", words("version.changed", { noun, version, current }), { current: row });
  }
}

/**
 * After a guarded write changed nothing: why not. The row is gone (NOT_FOUND) or at another
 * version (CONFLICT, with the current row), as lockVersion would have said before the write.
 */
export async function refuseStaleWrite<T extends VersionedTable>(
  tx: DbOrTx,
  table: T,
  id: string,
  version: number,
  noun: string,
): Promise<never> {
  const [row] = (await tx
    .select()
    .from(table as PgTable)
    .where(eq(table.id, id))) as T["$inferSelect"][];
  assertVersion(row, version, noun);
  // At the version but unchanged: a concurrent writer won and was undone meanwhile.
  throw new DomainError("CONFLICT", words("version.race", { noun }));
}

/**
 * Writes `set` and bumps the version, only if the row is still at `version` (and `extra`
 * holds). Zero rows means someone else won the race: CONFLICT.
 */
export async function updateVersion<T extends VersionedTable>(
  tx: DbOrTx,
  table: T,
  id: string,
  version: number,
  set: Partial<T["$inferInsert"]>,
  noun: string,
  extra?: SQL,
): Promise<T["$inferSelect"]> {
  const [row] = (await tx
    .update(table as PgTable)
    .set({ ...set, version: sql`${table.version} + 1` } as never)
    .where(and(eq(table.id, id), eq(table.version, version), extra))
    .returning()) as T["$inferSelect"][];
  if (!row) throw new DomainError("CONFLICT", words("version.race", { noun }));
  return row;
}
