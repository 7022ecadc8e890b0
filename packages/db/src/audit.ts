import { sql } from "drizzle-orm";
import type { DbOrTx } from "./client";
import { events } from "./schema";

export type TAuditVerification =
  | { ok: true; events: number }
  | { ok: false; events: number; firstBrokenEventId: number; problem: string };

/** Walks the audit hash chain in the database and reports the first broken link. */
export async function verifyAuditChain(db: DbOrTx): Promise<TAuditVerification> {
  const count = await db.$count(events);
  const [broken] = await db
    .select({ id: sql<string>`id`, problem: sql<string>`problem` })
    .from(sql`audit_chain_first_break()`);
  return broken
    ? { ok: false, events: count, firstBrokenEventId: Number(broken.id), problem: broken.problem }
    : { ok: true, events: count };
}
