import { randomBytes } from "node:crypto";
import pg from "pg";
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
};

const admin = new pg.Client({ connectionString: serverUrl });
const running: { stop: () => Promise<void> }[] = [];
let browser: Browser;
let a: Awaited<ReturnType<typeof startApp>>;
let b: Awaited<ReturnType<typeof startApp>>;

beforeAll(async () => {
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
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

    // Every matching job (five seed articles, one ingest) was done once, by one of the workers,
    // and each suggested link was suggested (and audited) once.
    const desk = new pg.Client({ connectionString: databaseUrl });
    await desk.connect();
    try {
      const matching = () =>
        desk.query("SELECT state, retry_count FROM pgboss.job WHERE name = 'match-claims'");
      // The job is marked completed a moment after its links are committed and shown.
      for (let tries = 0; tries < 100; tries++) {
        if ((await matching()).rows.every((job) => job.state === "completed")) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const jobs = await matching();
      expect(jobs.rows).toHaveLength(6);
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
});
