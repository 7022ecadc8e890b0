import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { PLAN_EACH_TIME } from "../src";
import { useTestDb } from "../src/testing";

const t = useTestDb();
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

/** The statements this connection keeps prepared, read on the same connection in one transaction. */
const preparedOn = (run: (tx: typeof t.db) => Promise<unknown>) =>
  t.db.transaction(async (tx) => {
    await run(tx as unknown as typeof t.db);
    const result = (await tx.execute(sql`select statement from pg_prepared_statements`)) as unknown as {
      rows: { statement: string }[];
    };
    return result.rows.map((row) => row.statement);
  });

describe.skipIf(!onPostgres)("prepared statements on PostgreSQL", () => {
  it("keeps a query shape prepared, but plans a statement marked PLAN_EACH_TIME for its values every time", async () => {
    const statements = await preparedOn(async (tx) => {
      await tx.execute(sql`select ${1}::int as kept_shape`);
      await tx.execute(sql`${sql.raw(PLAN_EACH_TIME)} select ${1}::int as planned_each_time`);
    });
    expect(statements.some((text) => text.includes("kept_shape"))).toBe(true);
    expect(statements.some((text) => text.includes("planned_each_time"))).toBe(false);
  });
});
