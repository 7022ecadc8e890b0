/**
 * The floors of `npm run bench:scale`: minimal servers on the same stack doing the same work
 * as the app's paths, with nothing else (no sessions, authorisation, validation or audit
 * chain). Started by the bench as a child process; DATABASE_URL, PORT and STATIC_DIR come
 * from it.
 *
 *   GET  /raw/list, /raw/search?q=   Express + pg: the queue's first page, one hand-written query
 *   POST /raw/update                  Express + pg: the same update as claim.update + a plain audit insert
 *   GET  /min/trpc/list               a minimal tRPC + drizzle handler for the same page
 *   GET  /static/…                    express.static: a verdict page saved as a file
 */
import { articles, claims, users, verdicts } from "@factdesk/db";
import { initTRPC } from "@trpc/server";
import { createExpressMiddleware } from "@trpc/server/adapters/express";
import { eq, isNull, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/node-postgres";
import express from "express";
import pg from "pg";

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const db = drizzle({ client: pool, casing: "snake_case" });
const app = express();

const pageSql = (where: string) => `
  select c.id, c.text, c.status, c.priority, c.score, c.claimant, c.version, c.archived_at,
         c.created_at, c.updated_at, a.id as article_id, a.title, a.outlet, a.url,
         u.id as assignee_id, u.name as assignee, v.state as verdict_state
  from claims c
  left join articles a on a.id = c.article_id
  left join users u on u.id = c.assignee_id
  left join verdicts v on v.claim_id = c.id
  where c.archived_at is null ${where}
  order by c.priority desc nulls last, c.score desc nulls last, c.seq desc nulls last
  limit 51`;

app.get("/raw/list", async (_req, res) => {
  res.json((await pool.query(pageSql(""))).rows);
});
app.get("/raw/search", async (req, res) => {
  const q = String(req.query.q ?? "");
  res.json((await pool.query(pageSql("and c.search @@ websearch_to_tsquery('english', $1)"), [q])).rows);
});

app.post("/raw/update", express.json(), async (req, res) => {
  const { id, priority } = req.body as { id: string; priority: string };
  const client = await pool.connect();
  try {
    await client.query("begin");
    const { rows } = await client.query(
      "update claims set priority = $2, version = version + 1, updated_at = now() where id = $1 returning version",
      [id, priority],
    );
    await client.query(
      "insert into bench_audit_floor (entity_type, entity_id, action, data) values ('claim', $1, 'updated', $2)",
      [id, JSON.stringify({ priority })],
    );
    await client.query("commit");
    res.json(rows[0]);
  } catch (error) {
    await client.query("rollback");
    res.status(500).json({ error: String(error) });
  } finally {
    client.release();
  }
});

const t = initTRPC.create();
const minimal = t.router({
  list: t.procedure.query(() =>
    db
      .select({
        id: claims.id,
        text: claims.text,
        status: claims.status,
        priority: claims.priority,
        score: claims.score,
        claimant: claims.claimant,
        version: claims.version,
        createdAt: claims.createdAt,
        updatedAt: claims.updatedAt,
        article: { id: articles.id, title: articles.title, outlet: articles.outlet, url: articles.url },
        assignee: { id: users.id, name: users.name },
        verdictState: verdicts.state,
      })
      .from(claims)
      .leftJoin(articles, eq(articles.id, claims.articleId))
      .leftJoin(users, eq(users.id, claims.assigneeId))
      .leftJoin(verdicts, eq(verdicts.claimId, claims.id))
      .where(isNull(claims.archivedAt))
      // The queue index's exact order (as the app and the raw floor ask for it).
      .orderBy(
        sql`${claims.priority} desc nulls last`,
        sql`${claims.score} desc nulls last`,
        sql`${claims.seq} desc nulls last`,
      )
      .limit(51),
  ),
});
app.use("/min/trpc", createExpressMiddleware({ router: minimal }));

if (process.env.STATIC_DIR) app.use("/static", express.static(process.env.STATIC_DIR));

app.listen(Number(process.env.PORT), "127.0.0.1", () => console.log("floors ready"));
