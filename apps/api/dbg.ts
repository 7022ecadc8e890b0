import { createDb } from "@factdesk/db";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import * as schema from "../../packages/db/src/schema";
import { listClaims } from "./src/domain/queue";

const url = "postgres://postgres@127.0.0.1:5432/factdesk_bench_80b4cd59";
const pool = new pg.Pool({ connectionString: url });
const queries: { sql: string; params: unknown[] }[] = [];
const db = drizzle({
  client: pool,
  schema,
  casing: "snake_case",
  logger: { logQuery: (sql, params) => queries.push({ sql, params }) },
});
const {
  rows: [me],
} = await pool.query("select id, role from users where email = 'person5@bench.test'");
await listClaims(db as any, me, {});
for (const q of queries) {
  const plan = await pool.query(`explain (analyze, buffers, summary) ${q.sql}`, q.params as any[]);
  console.log(
    q.sql.slice(0, 200),
    "\n",
    plan.rows
      .map((r: any) => r["QUERY PLAN"])
      .filter((l: string) => /Planning Time|Execution Time|SubPlan|Hash|Seq Scan/.test(l))
      .join("\n"),
  );
}
await pool.end();
