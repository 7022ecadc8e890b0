import { type ChildProcess, spawn } from "node:child_process";
import { comments, users } from "@factdesk/db";
import { useTestDb } from "@factdesk/db/testing";
import { eq } from "drizzle-orm";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { verifyAudit } from "../src/domain/audit";
import { repoRoot } from "../src/paths";
import { callerFor, makeClaim, makeUser, PASSWORD, testConfig, until } from "./factories";
import { freePort } from "./free-port";
import { startServer } from "./http-client";
import { TEST_AUDIT_KEY } from "./setup";

const t = useTestDb();
const onPostgres = inject("testDatabaseTemplate").engine === "postgres";

async function login(base: string, email: string) {
  const response = await fetch(`${base}/trpc/auth.login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`login: ${response.status}`);
  return (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
}

/** Six clients each writing comments until told to stop; every 200 is an acknowledged write. */
function writeLoad(base: string, cookies: string[], claimId: string) {
  const acknowledged: string[] = [];
  const statuses = new Map<number, number>();
  const missingRetryAfter: number[] = [];
  let stopped = false;
  const writers = cookies.map(async (cookie, writer) => {
    for (let n = 0; !stopped; n++) {
      const body = `writer ${writer} comment ${n}`;
      const response = await fetch(`${base}/trpc/claim.comment`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie },
        body: JSON.stringify({ claimId, body }),
      }).catch(() => null);
      const status = response?.status ?? 0;
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (status === 200) acknowledged.push(body);
      if (status === 503 && !response?.headers.get("retry-after")) missingRetryAfter.push(n);
      await response?.arrayBuffer().catch(() => null);
    }
  });
  return {
    acknowledged,
    statuses,
    missingRetryAfter,
    stop: async () => {
      stopped = true;
      await Promise.all(writers);
    },
  };
}

describe("admins changing each other at the same moment", () => {
  it("end with one change made and the other refused with a clear 4xx, never a deadlock or 500", async () => {
    for (let round = 0; round < 5; round++) {
      await t.handle.reset();
      const a = await makeUser(t.db, { role: "admin" });
      const b = await makeUser(t.db, { role: "admin" });
      const results = await Promise.allSettled([
        callerFor(t.db, a).user.setRole({ id: b.id, role: "editor" }),
        callerFor(t.db, b).user.setRole({ id: a.id, role: "editor" }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const refused = results.find((r) => r.status === "rejected");
      expect(refused?.reason).toMatchObject({
        code: "FORBIDDEN",
        message: expect.stringContaining("no longer an admin"),
      });
      expect(await t.db.$count(users, eq(users.role, "admin"))).toBe(1);
    }
  });
});

describe.skipIf(!onPostgres)("faults on a real PostgreSQL", () => {
  it("keeps serving when its backends are terminated under write load, losing no acknowledged write", async () => {
    const logged: string[] = [];
    const server = await startServer(t.handle, (message, error) =>
      logged.push(`${message} ${error instanceof Error ? `${error.message} ${String(error.cause)}` : ""}`),
    );
    try {
      const claim = await makeClaim(t.db);
      const people = await Promise.all(Array.from({ length: 6 }, () => makeUser(t.db)));
      const cookies = await Promise.all(people.map((person) => login(server.url, person.email)));
      const load = writeLoad(server.url, cookies, claim.id);

      const admin = new pg.Client({ connectionString: t.handle.url });
      await admin.connect();
      let terminated = 0;
      try {
        for (let round = 0; round < 8; round++) {
          await until(() => load.acknowledged.length > (round + 1) * 15);
          const { rows } = await admin.query(
            "select pg_terminate_backend(pid) as done from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()",
          );
          terminated += rows.filter((row) => row.done).length;
        }
      } finally {
        await admin.end();
        await load.stop();
      }

      expect(terminated).toBeGreaterThan(8);
      // Only successes and retry-later answers: no 500, no dropped connection.
      expect(
        [...load.statuses.keys()].filter((status) => status !== 200 && status !== 503),
        logged.join("\n"),
      ).toEqual([]);
      expect(load.missingRetryAfter).toEqual([]);
      // The same process still serves reads and writes.
      const after = await fetch(`${server.url}/trpc/claim.comment`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie: cookies[0] ?? "" },
        body: JSON.stringify({ claimId: claim.id, body: "after the faults" }),
      });
      expect(after.status).toBe(200);
      const stored = new Set((await t.db.select({ body: comments.body }).from(comments)).map((c) => c.body));
      expect(load.acknowledged.filter((body) => !stored.has(body))).toEqual([]);
      expect(await verifyAudit(t.db)).toMatchObject({ ok: true });
    } finally {
      await server.stop();
    }
  });

  it("loses no acknowledged write when the app is killed with SIGKILL under load, and starts again", async () => {
    const claim = await makeClaim(t.db);
    const people = await Promise.all(Array.from({ length: 6 }, () => makeUser(t.db)));
    const start = async () => {
      const port = await freePort();
      const child = spawn(process.execPath, ["--import", "tsx", "apps/api/src/main.ts"], {
        cwd: repoRoot,
        env: {
          ...process.env,
          DATABASE_URL: t.handle.url,
          PORT: String(port),
          HOST: "127.0.0.1",
          SEED_ON_EMPTY: "false",
          WEB_DIST: "/nonexistent",
          AUDIT_KEY: TEST_AUDIT_KEY,
          AUDIT_CHECKPOINT_FILE: testConfig.audit.checkpointFile,
        },
        stdio: "ignore",
      });
      const base = `http://127.0.0.1:${port}`;
      await until(async () => (await fetch(`${base}/readyz`).catch(() => null))?.status === 200, 60_000);
      return { child, base };
    };
    const exited = (child: ChildProcess) => new Promise((resolve) => child.once("exit", resolve));

    const first = await start();
    const cookies = await Promise.all(people.map((person) => login(first.base, person.email)));
    const load = writeLoad(first.base, cookies, claim.id);
    await until(() => load.acknowledged.length > 100);
    const gone = exited(first.child);
    first.child.kill("SIGKILL");
    await gone;
    await load.stop();

    const stored = new Set((await t.db.select({ body: comments.body }).from(comments)).map((c) => c.body));
    expect(load.acknowledged.filter((body) => !stored.has(body))).toEqual([]);
    expect(await verifyAudit(t.db)).toMatchObject({ ok: true });

    const second = await start();
    try {
      const response = await fetch(`${second.base}/trpc/claim.comment`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie: cookies[0] ?? "" },
        body: JSON.stringify({ claimId: claim.id, body: "after the restart" }),
      });
      expect(response.status).toBe(200);
    } finally {
      const done = exited(second.child);
      second.child.kill("SIGTERM");
      await done;
    }
  }, 120_000);
});
