import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { gunzipSync } from "node:zlib";
import pg from "pg";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { playJourney } from "./journey-flow";
import { DEMO_PASSWORD, launchBrowser, startApp } from "./server";

/**
 * Operations on a desk made by the browser journey: its logs hold no secret, its metrics tell
 * what happened, and its backup (made by the System page's "Back up now" while it runs on the
 * embedded database) restores into a fresh PostgreSQL as the same desk: the same public pages
 * and the same `audit:verify` answer.
 */
const run = promisify(execFile);
const dist = new URL("../../api/dist/", import.meta.url).pathname;
const serverUrl = process.env.TEST_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const database = `factdesk_e2e_restore_${randomBytes(4).toString("hex")}`;
const restoredUrl = Object.assign(new URL(serverUrl), { pathname: `/${database}` }).toString();
const METRICS_TOKEN = "metrics-token-for-the-operations-test";
const work = mkdtempSync(join(tmpdir(), "factdesk-e2e-ops-"));
const shared = {
  AUDIT_KEY: randomBytes(32).toString("hex"),
  METRICS_TOKEN,
  BACKUP_DIR: join(work, "backups"),
  // Checkpoints every 3 s, so the backup holds one of the chain's final head.
  AUDIT_CHECKPOINT_MINUTES: "0.05",
};

const originalData = join(work, "pglite");
const originalCheckpoints = join(work, "original-checkpoints.jsonl");
const restoredCheckpoints = join(work, "restored-checkpoints.jsonl");

let browser: Browser;
let original: Awaited<ReturnType<typeof startApp>>;
const admin = async (url: string) => {
  const page = await (await browser.newContext({ bypassCSP: true })).newPage();
  await page.goto(`${url}/app/login`);
  await page.getByLabel("Email").fill("admin@factdesk.test");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.getByRole("heading", { name: "Review queue" }).waitFor();
  return page;
};

beforeAll(async () => {
  [original, browser] = await Promise.all([
    startApp({ env: { ...shared, DATA_DIR: originalData, AUDIT_CHECKPOINT_FILE: originalCheckpoints } }),
    launchBrowser(),
  ]);
  const server = new pg.Client({ connectionString: serverUrl });
  await server.connect();
  await server.query(`create database ${database}`);
  await server.end();
});

afterAll(async () => {
  await browser?.close();
  await original?.stop();
  const server = new pg.Client({ connectionString: serverUrl });
  await server.connect();
  await server.query(`drop database if exists ${database} with (force)`);
  await server.end();
  rmSync(work, { recursive: true, force: true });
});

/**
 * What readers and feed readers get, with the instances' addresses written the same (the
 * desk's organisation address, which the seed took from the first instance, is data and
 * travels with the backup).
 */
async function publicSide(url: string, slug: string, origins: string[]) {
  const pages: Record<string, string> = {};
  for (const path of [
    "/",
    slug,
    "/verdicts?rating=false",
    "/feed.xml",
    "/feed.json",
    "/claimreview.json",
    "/methodology",
  ]) {
    const response = await fetch(`${url}${path}`);
    const body = origins.reduce(
      (text, origin) => text.replaceAll(origin, "https://desk.example"),
      await response.text(),
    );
    pages[path] = `${response.status} ${body}`;
  }
  return pages;
}

const auditVerify = (env: Record<string, string>) =>
  run(process.execPath, [join(dist, "audit-cli.js")], { env: { ...process.env, ...shared, ...env } }).then(
    ({ stdout }) => stdout.trim(),
    (error: { stdout: string; stderr: string }) => `failed: ${error.stdout}${error.stderr}`,
  );

describe("operating a desk made by the browser journey", () => {
  it("logs no secret, counts what happened, and restores from its backup into PostgreSQL as the same desk", async () => {
    await playJourney(
      { url: original.url, browser },
      {
        viewport: { width: 1280, height: 800 },
        screenshots: join(work, "shots/"),
      },
    );
    // A reader's tip with a contact address (kept from every log line).
    const { ticket } = (await (await fetch(`${original.url}/api/tips/ticket`)).json()) as { ticket: string };
    await new Promise((resolve) => setTimeout(resolve, 3100)); // the form's minimum time to fill in
    const tip = await fetch(`${original.url}/api/tips`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        statement: "The bridge cost twice what the council says.",
        contact: "reader-ops@example.org",
        consent: true,
        ticket,
      }),
    });
    expect(tip.status).toBe(201);
    const { code } = (await tip.json()) as { code: string };

    // Backed up from the System page while the desk runs.
    const page = await admin(original.url);
    const cookies = await page.context().cookies();
    await new Promise((resolve) => setTimeout(resolve, 4000)); // a checkpoint of the last change
    await page.goto(`${original.url}/app/admin/system`);
    await page.getByRole("button", { name: "Back up now" }).click();
    // The backup asked for (a scheduled one may have been made earlier, of a smaller desk).
    const made = page
      .getByRole("table", { name: "Recent backups" })
      .getByRole("row")
      .filter({ hasText: "asked for" })
      .getByText(/factdesk-\d{8}-\d{6}Z(-\d+)?\.jsonl\.gz/);
    await made.waitFor({ timeout: 60_000 });
    const file = (await made.textContent())?.trim();
    expect(readdirSync(shared.BACKUP_DIR)).toContain(file);
    expect(file).toBeDefined();
    // From the command line too, while the app holds the embedded database: the app writes it.
    const byCli = join(work, "by-cli.jsonl.gz");
    const cli = await run(process.execPath, [join(dist, "cli.js"), "backup", byCli], {
      env: { ...process.env, ...shared, DATABASE_URL: "", DATA_DIR: originalData },
    });
    expect(JSON.parse(cli.stdout)).toMatchObject({ file: byCli, by: "the running app" });
    expect(gunzipSync(readFileSync(byCli)).toString("utf8")).toMatch(/^\["factdesk-backup",/);

    // Metrics after the journey.
    const metrics = await (
      await fetch(`${original.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
    ).text();
    for (const series of [
      /factdesk_http_request_duration_seconds_count\{route="auth.login",status="200"\} [1-9]/,
      /factdesk_http_request_duration_seconds_count\{route="verdict.publish",status="200"\} 1/,
      /factdesk_http_request_duration_seconds_count\{route="\/verdicts\/:slug",status="200"\} [1-9]/,
      /factdesk_http_request_duration_seconds_count\{route="\/api\/tips",status="201"\} 1/,
      /factdesk_backup_last_success_timestamp_seconds \d{10}/,
      /factdesk_backup_interval_seconds 86400/,
      /factdesk_jobs_waiting|# TYPE factdesk_jobs_waiting gauge/,
      /factdesk_live_streams [0-9]/,
      /factdesk_process_resident_memory_bytes \d+/,
    ])
      expect(metrics).toMatch(series);

    const slug = await firstVerdictPath(original.url);
    const before = await publicSide(original.url, slug, [original.url]);
    expect(await original.signal("SIGTERM")).toBe(0);

    // No secret in any log line of the journey.
    const logs = original.output();
    expect(logs).toContain('"route":"verdict.publish"');
    const secrets = [DEMO_PASSWORD, shared.AUDIT_KEY, METRICS_TOKEN, "reader-ops@example.org", code];
    for (const secret of [...secrets, ...cookies.map((cookie) => cookie.value)])
      expect(logs).not.toContain(secret);

    // Restored into a fresh PostgreSQL with the CLI, then served by a new instance.
    const verifyOriginal = await auditVerify({
      DATA_DIR: originalData,
      AUDIT_CHECKPOINT_FILE: originalCheckpoints,
    });
    expect(verifyOriginal).toMatch(
      /^Audit chain intact: [1-9]\d* events verified against [1-9]\d* signed checkpoints\.$/,
    );
    const restore = await run(
      process.execPath,
      [join(dist, "cli.js"), "restore", join(shared.BACKUP_DIR, file ?? "")],
      {
        env: {
          ...process.env,
          ...shared,
          DATABASE_URL: restoredUrl,
          AUDIT_CHECKPOINT_FILE: restoredCheckpoints,
        },
      },
    );
    expect(JSON.parse(restore.stdout)).toMatchObject({ from: "pglite", rows: expect.any(Number) });
    const restored = await startApp({
      env: {
        ...shared,
        DATABASE_URL: restoredUrl,
        AUDIT_CHECKPOINT_FILE: restoredCheckpoints,
        SEED_ON_EMPTY: "false",
      },
    });
    try {
      expect(await publicSide(restored.url, slug, [original.url, restored.url])).toEqual(before);
      // The same answer from the audit check, the events and checkpoints counted alike.
      expect(
        await auditVerify({ DATABASE_URL: restoredUrl, AUDIT_CHECKPOINT_FILE: restoredCheckpoints }),
      ).toBe(verifyOriginal);
      // Sessions are not restored: the journey's sign-in does not open the restored desk.
      const me = await fetch(`${restored.url}/trpc/auth.me`, {
        headers: { cookie: cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; ") },
      });
      expect(await me.text()).toContain('"data":null');
    } finally {
      await restored.stop();
    }
  });
});

async function firstVerdictPath(url: string) {
  const list = await (await fetch(`${url}/feed.json`)).json();
  return new URL((list as { items: { url: string }[] }).items[0]?.url ?? "").pathname;
}
