/**
 * Server time of the review queue at newsroom scale: 10,000 claims on a real PostgreSQL
 * server, each view paged through `claim.list` (validation, procedure, SQL) as the browser
 * asks for it. Times are medians of repeated runs, reported next to a baseline measured in
 * the same run (one plain 50-row index scan of `claims`), because shared machines are noisy.
 *
 *   npm run bench                          against postgres://postgres@127.0.0.1:5432/postgres
 *   BENCH_DATABASE_URL=postgres://… npm run bench
 *
 * It creates its own database and drops it afterwards.
 */
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { cleanArticle, splitSentences } from "@factdesk/claims";
import { appendEvents, articles, auditKey, claimLinks, claims, users, verdicts } from "@factdesk/db";
import { dropTestTemplate, openTestDb, prepareTestTemplate } from "@factdesk/db/testing";
import { claimPriorities, claimStatuses, type TClaimListInput, verdictStates } from "@factdesk/schema";
import { sql } from "drizzle-orm";
import { loadConfig } from "../src/config";
import { useAuditKey } from "../src/domain/audit";
import { repoRoot } from "../src/paths";
import { createContextInner } from "../src/trpc/init";
import { createCaller } from "../src/trpc/router";

// A throwaway key: the bench audits like the app, in a database it then drops.
const benchKey = auditKey(randomBytes(32).toString("hex"));
useAuditKey(benchKey);

const serverUrl = process.env.BENCH_DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const CLAIMS = 10_000;
const RUNS = 25;
const TARGET_MS = 50;

// A deterministic generator, so every run measures the same data.
let state = 42;
const random = () => {
  state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
  return state / 2 ** 31;
};
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

async function seed(db: Awaited<ReturnType<typeof openTestDb>>["db"]) {
  const people = await db
    .insert(users)
    .values(
      Array.from({ length: 12 }, (_, i) => ({
        email: `checker${i}@bench.test`,
        name: `Checker ${i}`,
        role: i < 3 ? ("editor" as const) : ("fact_checker" as const),
        passwordHash: "not-a-hash",
      })),
    )
    .returning();
  const outlets = ["Example Times", "Daily Record", "The Courier", "Metro Wire", "Civic Post", null];
  const sources = await db
    .insert(articles)
    .values(
      Array.from({ length: 200 }, (_, i) => ({
        title: `Article ${i}`,
        body: "…",
        outlet: pick(outlets),
        contentHash: `bench-${i}`,
      })),
    )
    .returning();
  // Real sentences from the seed articles, so full-text search has real words to find.
  const sentences = readdirSync(join(repoRoot, "seeds"))
    .filter((f) => f.endsWith(".txt"))
    .flatMap((f) => splitSentences(cleanArticle(readFileSync(join(repoRoot, "seeds", f), "utf8")).text))
    .map((s) => s.text)
    .filter((s) => s.length > 30);
  const now = Date.now();
  const rows = Array.from({ length: CLAIMS }, (_, i) => {
    const text = `${pick(sentences)} (${i})`;
    return {
      text,
      normalizedText: text.toLowerCase(),
      articleId: pick(sources).id,
      score: Math.round(random() * 1000) / 1000,
      status: pick(claimStatuses),
      priority: pick(claimPriorities),
      assigneeId: random() < 0.3 ? null : pick(people).id,
      archivedAt: random() < 0.05 ? new Date(now) : null,
      createdAt: new Date(now - Math.floor(random() * 90 * 86_400_000)),
    };
  });
  const made: { id: string }[] = [];
  for (let i = 0; i < rows.length; i += 1000)
    made.push(
      ...(await db
        .insert(claims)
        .values(rows.slice(i, i + 1000))
        .returning({ id: claims.id })),
    );

  const pairs = new Map<
    string,
    { claimAId: string; claimBId: string; kind: "duplicate" | "contradiction" | "related"; score: number }
  >();
  while (pairs.size < 2000) {
    const [a, b] = [pick(made).id, pick(made).id].sort();
    if (!a || !b || a === b) continue;
    pairs.set(`${a}${b}`, {
      claimAId: a,
      claimBId: b,
      kind: pick(["duplicate", "contradiction", "related"] as const),
      score: random(),
    });
  }
  await db.insert(claimLinks).values([...pairs.values()]);
  const judged = new Set<string>();
  while (judged.size < 1500) judged.add(pick(made).id);
  await db.insert(verdicts).values(
    [...judged].map((claimId) => {
      const state = pick(verdictStates);
      const published = state === "published" || state === "retracted";
      return {
        claimId,
        state,
        authorId: pick(people).id,
        publishedAt: published ? new Date(now - Math.floor(random() * 80 * 86_400_000)) : null,
      };
    }),
  );
  // The audit trail of each claim's way to its status, which the dashboard's backlog replays.
  const moves = made.flatMap(({ id }, i) => {
    const row = rows[i];
    if (!row || row.status === "unverified") return [];
    const at = (days: number) => new Date(Math.min(now, row.createdAt.getTime() + days * 86_400_000));
    const steps = row.status === "disputed" ? ["sourced", "disputed"] : ["sourced"];
    return steps.map((to, step) => ({
      entityType: "claim" as const,
      entityId: id,
      action: "status_changed",
      from: step === 0 ? "unverified" : "sourced",
      to,
      data: { claimId: id },
      createdAt: at(2 + step * 3),
    }));
  });
  await db.transaction((tx) => appendEvents(tx, benchKey, moves));
  await db.execute(sql`ANALYZE`);
  return { me: people[5] ?? people[0], outlet: "Example Times", statusChanges: moves.length };
}

function median(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function time(run: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

const template = await prepareTestTemplate(serverUrl).catch((error: Error) => {
  console.log(`PostgreSQL not reachable at ${serverUrl} (${error.message}): benchmark skipped.`);
  process.exit(0);
});
const handle = await openTestDb(template);
try {
  const started = performance.now();
  const { me, outlet, statusChanges } = await seed(handle.db);
  console.log(
    `Seeded ${CLAIMS.toLocaleString("en")} claims in ${((performance.now() - started) / 1000).toFixed(1)} s.\n`,
  );
  const caller = createCaller(
    createContextInner({ db: handle.db, config: loadConfig({}), user: me ?? null }),
  );

  const baseline = await time(() =>
    handle.db.execute(sql`select id, text from claims order by seq desc limit 50`),
  );
  const views: [string, TClaimListInput & object][] = [
    ["whole queue, priority then score", {}],
    ["by check-worthiness", { sort: "score" }],
    ["newest", { sort: "newest" }],
    ["oldest", { sort: "oldest" }],
    ["last activity", { sort: "activity" }],
    ["unverified and unassigned", { filter: { status: ["unverified"], assignee: "unassigned" } }],
    ["mine, high or urgent", { filter: { assignee: "me", priority: ["high", "urgent"] } }],
    ["score 0.7 to 1, no verdict yet", { filter: { scoreMin: 0.7, verdict: ["none"] } }],
    ["has a contradiction", { filter: { flags: ["contradiction"] } }],
    [
      "outlet and created in the last 30 days",
      { filter: { outlet, createdFrom: new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10) } },
    ],
    ['search "Albania"', { filter: { q: "Albania" } }],
    ['search "MEK terrorist" by newest', { filter: { q: "MEK terrorist" }, sort: "newest" }],
  ];

  const results: [string, number][] = [];
  for (const [name, view] of views) {
    // Page 1, and page 10 through the cursors (deep paging must not slow down).
    let cursor: string | null | undefined = null;
    for (let page = 1; page < 10 && (page === 1 || cursor); page++)
      cursor = (await caller.claim.list({ ...view, cursor })).nextCursor;
    const first = await time(() => caller.claim.list(view));
    results.push([`${name}: page 1`, first]);
    if (cursor) results.push([`${name}: page 10`, await time(() => caller.claim.list({ ...view, cursor }))]);
  }
  results.push(["counts per status, whole queue", await time(() => caller.claim.counts({}))]);
  results.push([
    'counts per status, search "Albania"',
    await time(() => caller.claim.counts({ q: "Albania" })),
  ]);
  // Not a queue page (no 50 ms aim): the whole dashboard, its backlog replayed from the audit log.
  const dashboard = await time(() => caller.dashboard.get({}));

  console.log(
    `| view (${CLAIMS.toLocaleString("en")} claims, PostgreSQL, median of ${RUNS}) | server time | × baseline |`,
  );
  console.log("|---|---|---|");
  console.log(
    `| baseline: one 50-row index scan of claims, no filters or joins | ${baseline.toFixed(1)} ms | 1.0 |`,
  );
  for (const [name, ms] of results)
    console.log(
      `| ${name} | ${ms.toFixed(1)} ms${ms > TARGET_MS ? " (over the 50 ms aim)" : ""} | ${(ms / baseline).toFixed(1)} |`,
    );
  console.log(
    `| dashboard, last 12 weeks, every chart (${statusChanges.toLocaleString("en")} status changes in the audit log) | ${dashboard.toFixed(1)} ms | ${(dashboard / baseline).toFixed(1)} |`,
  );

  // Audited writes: claim.update through the procedure (lock, version check, keyed audit
  // event, NOTIFY) next to its floor in the same run, the same update and a plain insert into
  // a copy of the audit table without the chain.
  const target = (
    await handle.db.select({ id: claims.id, version: claims.version }).from(claims).limit(1)
  )[0];
  if (!target) throw new Error("no claim to update");
  await handle.db.execute(sql`create table audit_floor (like events including defaults)`);
  let version = target.version;
  let flip = false;
  const audited = await time(async () => {
    flip = !flip;
    version = (await caller.claim.update({ id: target.id, version, priority: flip ? "high" : "low" }))
      .version;
  });
  const floor = await time(() =>
    handle.db.transaction(async (tx) => {
      flip = !flip;
      await tx.execute(
        sql`update claims set priority = ${flip ? "high" : "low"}, version = version + 1 where id = ${target.id}`,
      );
      await tx.execute(
        sql`insert into audit_floor (entity_type, entity_id, action, data) values ('claim', ${target.id}, 'updated', '{}')`,
      );
    }),
  );
  console.log(`\n| audited write (median of ${RUNS}) | server time | × floor |`);
  console.log("|---|---|---|");
  console.log(
    `| floor: the same update and a plain audit insert, one transaction | ${floor.toFixed(1)} ms | 1.0 |`,
  );
  console.log(
    `| claim.update through the procedure | ${audited.toFixed(1)} ms | ${(audited / floor).toFixed(1)} |`,
  );

  const worst = Math.max(...results.map(([, ms]) => ms));
  console.log(`\nSlowest page: ${worst.toFixed(1)} ms (aim: under ${TARGET_MS} ms per page).`);
} finally {
  await handle.close();
  await dropTestTemplate(template);
}
