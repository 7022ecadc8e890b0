import { parseTsvector } from "@factdesk/claims";
import { createDb } from "@factdesk/db";
import { sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { candidateQuery } from "./src/domain/matching";

const h = await createDb({
  engine: "postgres",
  url: `postgres://postgres@127.0.0.1:5432/${process.argv[2]}`,
});
const r = (await h.db.execute(
  sql`select id, text, search::text as lex from claims tablesample system(1) limit 3`,
)) as any;
const freqRows = (await h.db.execute(
  sql`select most_common_elems::text::text[] as words, most_common_elem_freqs as freqs from pg_stats where tablename='claims' and attname='search'`,
)) as any;
const row = freqRows.rows[0];
const freq = new Map<string, number>((row?.words ?? []).map((w: string, i: number) => [w, row.freqs[i]]));
console.log("freq entries", freq.size);
for (const c of r.rows) {
  const q = candidateQuery(c.text, [...parseTsvector(c.lex).tf.keys()], freq)!;
  const d = new PgDialect();
  const built = d.sqlToQuery(
    sql`explain (analyze, buffers) select id from (select id, text, search from claims where search @@ (${q}) and id <> ${c.id} and archived_at is null limit 400) hits order by ts_rank(search, (${q})) desc limit 30`,
  );
  console.log(c.text);
  const res = await h.query({ text: built.sql, values: built.params });
  console.log((res.rows as any[]).map((x) => x["QUERY PLAN"]).join("\n"));
}
await h.close();
