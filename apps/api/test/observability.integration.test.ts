import { useTestDb } from "@factdesk/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config";
import { tipTicket } from "../src/domain/tips";
import { createLogger } from "../src/observability";
import { makeUser, PASSWORD, testConfig } from "./factories";
import { browserClient, startServer } from "./http-client";
import { TEST_AUDIT_KEY } from "./setup";

const t = useTestDb();
const TOKEN = "a-metrics-token-for-the-test";
const lines: string[] = [];
const logger = createLogger("info", { write: (line: string) => void lines.push(line) });
let app: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  const config = loadConfig({ WEB_DIST: "/nonexistent", AUDIT_KEY: TEST_AUDIT_KEY, METRICS_TOKEN: TOKEN });
  app = await startServer(t.handle, undefined, config, { logger });
});
afterAll(() => app.stop());

describe("logs and metrics", () => {
  it("log one JSON line per request with its id, user, route, status and duration, and no secret", async () => {
    const user = await makeUser(t.db, { name: "Lara Logs" });
    const { client, jar } = browserClient(app.url);
    await client.auth.login.mutate({ email: user.email, password: PASSWORD });
    const session = jar.cookie.split("=")[1] ?? "";
    expect(session.length).toBeGreaterThan(20);
    await client.claim.list.query({});
    await expect(client.claim.get.query({ id: "not-an-id" })).rejects.toBeDefined();
    // A reader's tip with a contact address, and its tracking page.
    const sent = await fetch(`${app.url}/api/tips`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-request-id": "reader-request-0001" },
      body: JSON.stringify({
        statement: "A statement worth checking.",
        contact: "secret-reader@example.org",
        consent: true,
        ticket: tipTicket(Date.now() - 10_000),
      }),
    });
    expect(sent.status).toBe(201);
    expect(sent.headers.get("x-request-id")).toBe("reader-request-0001");
    const { code } = (await sent.json()) as { code: string };
    const tracking = await fetch(`${app.url}/tips/${code}?sent=1`);
    const trackingId = tracking.headers.get("x-request-id");
    expect(trackingId).toMatch(/^[0-9a-f-]{36}$/);

    const logged = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const requests = logged.filter((line) => line.req);
    const login = requests.find((line) => line.route === "auth.login");
    expect(login).toMatchObject({ res: { status: 200 }, req: { method: "POST" } });
    expect(typeof login?.responseTime).toBe("number");
    expect(requests.find((line) => line.route === "claim.list")).toMatchObject({ user: user.id });
    expect(requests.find((line) => line.route === "claim.get")).toMatchObject({
      res: { status: 400 },
      level: 40,
    });
    expect(requests.find((line) => (line.req as { id: string }).id === "reader-request-0001")).toMatchObject({
      route: "/api/tips",
      res: { status: 201 },
    });
    expect(requests.find((line) => (line.req as { id: string }).id === trackingId)).toMatchObject({
      route: "/tips/:code",
    });
    const everything = lines.join("\n");
    for (const secret of [PASSWORD, session, "secret-reader@example.org", code])
      expect(everything).not.toContain(secret);
  });

  it("serve Prometheus metrics to whoever shows the token", async () => {
    await fetch(`${app.url}/verdicts`);
    // Someone guessing a password meets the login throttle.
    const guesser = browserClient(app.url).client;
    for (let i = 0; i < 11; i++)
      await guesser.auth.login
        .mutate({ email: "nobody@factdesk.test", password: `guess ${i}` })
        .catch(() => {});
    // Made-up addresses count as one series, however many there are.
    for (const path of ["/no-such-page-1", "/no-such-page-2", "/api/v1/nothing"])
      await fetch(`${app.url}${path}`);
    // A batch counts once per procedure; names that are not procedures are one series.
    await fetch(`${app.url}/trpc/auth.me,published.list,made.up?batch=1&input={}`);
    expect((await fetch(`${app.url}/metrics`)).status).toBe(401);
    expect(
      (await fetch(`${app.url}/metrics`, { headers: { authorization: "Bearer wrong-token-of-some-length" } }))
        .status,
    ).toBe(401);
    const metrics = await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(metrics.status).toBe(200);
    const text = await metrics.text();
    expect(text).toMatch(
      /factdesk_http_request_duration_seconds_count\{route="\/verdicts",status="200"\} \d+/,
    );
    expect(text).toContain("factdesk_process_resident_memory_bytes");
    expect(text).toMatch(/route="\(not found\)",status="404"\} [3-9]/);
    expect(text).not.toContain("no-such-page");
    expect(text).not.toContain("made.up");
    expect(text).not.toMatch(/route="[^"]*,[^"]*"/);
    expect(text).toContain("# TYPE factdesk_jobs_waiting gauge");
    expect(text).toContain("factdesk_webhook_deliveries_failed 0");
    expect(text).toContain("# TYPE factdesk_live_streams gauge");
    expect(text).toContain("factdesk_backup_last_success_timestamp_seconds 0");
    expect(text).toContain("factdesk_backup_interval_seconds 86400");
    expect(text).toMatch(/factdesk_throttled_requests_total\{route="auth.login"\} [1-9]/);
    // Without a token set, there are no metrics at all.
    const closed = await startServer(t.handle, undefined, testConfig);
    try {
      expect(
        (await fetch(`${closed.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).status,
      ).toBe(404);
    } finally {
      await closed.stop();
    }
  });
});
