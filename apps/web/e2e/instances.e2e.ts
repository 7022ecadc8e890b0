import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import PgBoss from "pg-boss";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD, launchBrowser, startApp } from "./server";

/**
 * Past one machine: two API instances and two job workers on one PostgreSQL, as the
 * deployment guide describes. The instances run no workers of their own.
 */
const serverUrl = process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const database = `factdesk_e2e_${randomBytes(4).toString("hex")}`;
const databaseUrl = Object.assign(new URL(serverUrl), { pathname: `/${database}` }).toString();
const shared = {
  DATABASE_URL: databaseUrl,
  JOBS_IN_PROCESS: "false",
  AUDIT_KEY: randomBytes(32).toString("hex"),
  // The outlet of the monitoring test is served on this machine.
  FETCH_ALLOW_HOSTS: "127.0.0.1",
};

/** An outlet with an RSS feed of its articles, served on loopback; counts what is fetched. */
const articles: { slug: string; title: string; text: string }[] = [];
const fetched = new Map<string, number>();
let outlet: Server;
let outletUrl: string;
function startOutlet() {
  outlet = createServer((request, response) => {
    const path = request.url ?? "/";
    fetched.set(path, (fetched.get(path) ?? 0) + 1);
    if (path === "/feed.xml") {
      const items = articles
        .map(
          (a) =>
            `<item><title>${a.title}</title><link>${outletUrl}/a/${a.slug}</link><guid>${a.slug}</guid></item>`,
        )
        .join("");
      return void response
        .writeHead(200, { "content-type": "application/rss+xml" })
        .end(
          `<?xml version="1.0"?><rss version="2.0"><channel><title>Outlet</title>${items}</channel></rss>`,
        );
    }
    const article = articles.find((a) => path === `/a/${a.slug}`);
    if (!article) return void response.writeHead(404).end();
    response
      .writeHead(200, { "content-type": "text/html" })
      .end(
        `<html><head><title>${article.title}</title></head><body><article><h1>${article.title}</h1><p>${article.text}</p></article></body></html>`,
      );
  });
  return new Promise<void>((resolve) =>
    outlet.listen(0, "127.0.0.1", () => {
      outletUrl = `http://127.0.0.1:${(outlet.address() as AddressInfo).port}`;
      resolve();
    }),
  );
}

const admin = new pg.Client({ connectionString: serverUrl });
const running: { stop: () => Promise<void> }[] = [];
let browser: Browser;
let a: Awaited<ReturnType<typeof startApp>>;
let b: Awaited<ReturnType<typeof startApp>>;

beforeAll(async () => {
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  await startOutlet();
  a = await startApp({ env: shared }); // migrates and seeds; seeding queues the matching
  b = await startApp({ env: { ...shared, SEED_ON_EMPTY: "false" } });
  const workers = await Promise.all(
    [1, 2].map(() => startApp({ env: shared, command: ["cli.js", "worker"], ready: /workers are running/ })),
  );
  running.push(a, b, ...workers);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  for (const process of running) await process.stop();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.end();
  await new Promise<void>((resolve) => outlet?.close(() => resolve()));
});

/** A tRPC call over HTTP with a session cookie, as another person's browser would make it. */
async function loggedInCaller(base: string, email: string) {
  const login = await fetch(`${base}/trpc/auth.login`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  const cookie = login.headers.get("set-cookie")?.split(";")[0] ?? "";
  return async (path: string, input: unknown) => {
    const response = await fetch(`${base}/trpc/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: base, cookie },
      body: JSON.stringify(input),
    });
    const body = (await response.json()) as { result?: { data: unknown }; error?: unknown };
    if (!response.ok) throw new Error(`${path}: ${JSON.stringify(body.error)}`);
    return body.result?.data as Record<string, unknown>;
  };
}

describe("several API instances and workers on one PostgreSQL", () => {
  it("shows a change made through one instance live in a browser on the other, and does each job once", async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${b.url}/app/login`);
    await page.getByLabel("Email").fill("editor@factdesk.test");
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Log in" }).click();
    await page.getByRole("heading", { name: "Review queue" }).waitFor();
    await page.getByLabel("Search claims").fill("MEK founded 1965 students");
    await page.getByRole("link", { name: /founded by students at Tehran University in 1965/ }).click();
    const sources = page.getByRole("region", { name: "Sources" });
    await sources.waitFor();
    const claimId = new URL(page.url()).pathname.split("/").at(-1) ?? "";

    // A colleague on instance A adds a source: the page on instance B shows it without a reload.
    const onA = await loggedInCaller(a.url, "checker@factdesk.test");
    await onA("source.add", {
      claimId,
      url: "https://www.britannica.com/topic/Mujahideen-e-Khalq",
      title: "Britannica on the founding of the MEK",
      excerpt: "founded in 1965",
      stance: "supports",
    });
    await sources.getByText("Britannica on the founding of the MEK").first().waitFor({ timeout: 10_000 });

    // An article ingested through A is matched by a worker; the contradiction appears on B.
    await onA("article.ingest", {
      title: "A new account",
      text: "The MEK was founded by students at Tehran University in 1961, historians now say.",
      sentenceIndexes: [0],
    });
    const links = page.getByRole("region", { name: "Similar and contradicting claims" });
    await links.getByText("1961 vs 1965").waitFor({ timeout: 20_000 });

    // Every job of the five seed articles and the one ingest (the encoder's second look at
    // each article, the matching of what it stored and of what the encoder added) was done
    // once, by one of the workers, and each suggested link was suggested (and audited) once.
    const desk = new pg.Client({ connectionString: databaseUrl });
    await desk.connect();
    try {
      const matching = () =>
        desk.query(
          "SELECT name, state, retry_count FROM pgboss.job WHERE name IN ('match-claims', 'refine-claims')",
        );
      // The job is marked completed a moment after its links are committed and shown.
      for (let tries = 0; tries < 100; tries++) {
        if ((await matching()).rows.every((job) => job.state === "completed")) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const jobs = await matching();
      expect(jobs.rows.filter((job) => job.name === "refine-claims")).toHaveLength(6);
      expect(jobs.rows.filter((job) => job.name === "match-claims").length).toBeGreaterThanOrEqual(6);
      expect(jobs.rows.every((job) => job.state === "completed" && job.retry_count === 0)).toBe(true);
      const suggested = await desk.query(
        "SELECT count(*)::int AS events, count(DISTINCT entity_id)::int AS links FROM events WHERE action = 'link_suggested'",
      );
      const stored = await desk.query("SELECT count(*)::int AS links FROM claim_links");
      expect(suggested.rows[0]).toEqual({ events: stored.rows[0].links, links: stored.rows[0].links });
    } finally {
      await desk.end();
    }
  });

  it("ingests each item of a watched feed exactly once when two worker processes poll it at the same moment", async () => {
    const onA = await loggedInCaller(a.url, "editor@factdesk.test");
    articles.push(
      {
        slug: "budget",
        title: "The budget",
        text: "The council approved a budget of 40 million euros on Monday.",
      },
      {
        slug: "port",
        title: "The port",
        text: "The port handled 12 million containers in 2025, the authority said.",
      },
    );
    await onA("feed.add", { url: `${outletUrl}/feed.xml`, title: "Outlet", intervalMinutes: 60 });

    const desk = new pg.Client({ connectionString: databaseUrl });
    await desk.connect();
    const boss = new PgBoss({
      connectionString: databaseUrl,
      schema: "pgboss",
      migrate: false,
      supervise: false,
      schedule: false,
    });
    boss.on("error", () => {});
    await boss.start();
    try {
      /** The feed made due, and a poll job sent to each worker process at once. */
      const pollFromBoth = async () => {
        await desk.query("UPDATE feeds SET next_poll_at = now()");
        const ids = await Promise.all([boss.send("poll-feeds", {}), boss.send("poll-feeds", {})]);
        for (let tries = 0; tries < 300; tries++) {
          const { rows } = await desk.query("SELECT state FROM pgboss.job WHERE id = ANY($1::uuid[])", [ids]);
          if (rows.length === 2 && rows.every((job) => job.state === "completed")) return;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        throw new Error("The poll jobs did not complete.");
      };
      const ingested = async () =>
        (
          await desk.query(
            `SELECT count(*)::int AS articles, count(DISTINCT a.content_hash)::int AS distinct_articles,
              (SELECT count(*)::int FROM feed_items) AS items,
              (SELECT count(*)::int FROM claims c JOIN articles x ON x.id = c.article_id WHERE x.url LIKE $1) AS claims,
              (SELECT count(DISTINCT c.text)::int FROM claims c JOIN articles x ON x.id = c.article_id WHERE x.url LIKE $1) AS distinct_claims
            FROM articles a WHERE a.url LIKE $1`,
            [`${outletUrl}/%`],
          )
        ).rows[0];

      await pollFromBoth();
      expect(await ingested()).toMatchObject({ articles: 2, distinct_articles: 2, items: 2 });
      const first = await ingested();
      expect(first.claims).toBeGreaterThan(0);
      expect(first.claims).toBe(first.distinct_claims);

      // A new item: only it is fetched, once, whichever worker took the poll.
      articles.push({
        slug: "bridge",
        title: "The bridge",
        text: "The bridge opened in 1998 and cost 300 million euros.",
      });
      await pollFromBoth();
      const second = await ingested();
      expect(second).toMatchObject({ articles: 3, distinct_articles: 3, items: 3 });
      expect(second.claims).toBe(second.distinct_claims);
      expect(fetched.get("/a/budget")).toBe(1);
      expect(fetched.get("/a/bridge")).toBe(1);
    } finally {
      await boss.stop({ graceful: false, wait: true });
      await desk.end();
    }
  });
});
