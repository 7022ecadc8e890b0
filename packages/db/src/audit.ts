import { sql } from "drizzle-orm";
import type { DbOrTx } from "./client";
import { events } from "./schema";

export type TAuditVerification =
  | { ok: true; events: number }
  | { ok: false; events: number; firstBrokenEventId: number; problem: string };

/** Walks the audit hash chain in the database and reports the first broken link. */
export async function verifyAuditChain(db: DbOrTx): Promise<TAuditVerification> {
  const count = await db.$count(events);
  const result = await db.execute<{ id: string | number; problem: string }>(
    sql`select id, problem from audit_chain_first_break()`,
  );
  const broken = result.rows[0];
  return broken
    ? { ok: false, events: count, firstBrokenEventId: Number(broken.id), problem: broken.problem }
    : { ok: true, events: count };
}
