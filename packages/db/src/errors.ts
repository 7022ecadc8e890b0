/**
 * What a database failure means for the request that met it. PostgreSQL rolls back a
 * transaction that was chosen as a deadlock victim or failed serialisation, so running it
 * again is safe; a lost connection may or may not have committed, so only reads are re-run.
 */
export type TDatabaseFailure = "rolled_back" | "connection_lost";

const rolledBack = new Set(["40001", "40P01"]); // serialization_failure, deadlock_detected
// admin_shutdown, crash_shutdown, cannot_connect_now, and the connection_exception class.
const connectionLost = new Set(["57P01", "57P02", "57P03", "08000", "08001", "08003", "08004", "08006"]);
const connectionMessages =
  /Connection terminated|connection error|ECONNRESET|ECONNREFUSED|EPIPE|Client was closed|terminating connection/i;

/** The kind of transient failure `error` (or any error in its `cause` chain) is, or null. */
export function transientDatabaseFailure(error: unknown): TDatabaseFailure | null {
  for (let current = error, depth = 0; current instanceof Error && depth < 10; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && rolledBack.has(code)) return "rolled_back";
    if (typeof code === "string" && connectionLost.has(code)) return "connection_lost";
    if (connectionMessages.test(current.message) && !(current as { query?: unknown }).query)
      return "connection_lost";
    current = current.cause;
  }
  return null;
}

/** The one row an `insert … returning` gave back (an insert without a conflict clause always gives it). */
export function insertedRow<T>(rows: T[], what: string): T {
  const [row] = rows;
  if (!row) throw new Error(`The ${what} insert returned no row.`);
  return row;
}
