import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { webhookDeliveries } from "@factdesk/db";
import { useTestDb } from "@factdesk/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorkers } from "../src/jobs/workers";
import {
  allowingHosts,
  callerFor,
  configureOrganisation,
  makeUser,
  publishVerdict,
  testConfig,
  until,
} from "./factories";

const t = useTestDb();
const SECRET = "a-long-shared-secret-for-tests";

/** A receiver that verifies signatures as a partner would, and fails the first two deliveries. */
let server: Server;
let url: string;
let requests = 0;
const received: { event: string; id: string; body: { data: Record<string, unknown> }; verified: boolean }[] =
  [];
beforeAll(async () => {
  server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      requests++;
      if (requests <= 2) return response.writeHead(503).end("try later");
      const [t, v1] = (request.headers["factdesk-signature"] as string)
        .split(",")
        .map((part) => part.slice(part.indexOf("=") + 1));
      const expected = createHmac("sha256", SECRET).update(`${t}.${body}`).digest("hex");
      const verified =
        Math.abs(Date.now() / 1000 - Number(t)) < 300 &&
        timingSafeEqual(Buffer.from(expected), Buffer.from(v1 ?? ""));
      received.push({
        event: request.headers["factdesk-event"] as string,
        id: request.headers["factdesk-delivery"] as string,
        body: JSON.parse(body),
        verified,
      });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("webhooks", () => {
  it("retries with backoff, signs every delivery and delivers each event exactly once", async () => {
    const admin = callerFor(t.db, await makeUser(t.db, { role: "admin" }), allowingHosts("127.0.0.1"));
    await admin.webhook.create({
      url,
      secret: SECRET,
      events: ["verdict.published", "verdict.corrected", "verdict.retracted"],
    });
    expect((await admin.webhook.list())[0]).toMatchObject({ url, secretHint: "…ests" });
    expect(JSON.stringify(await admin.webhook.list())).not.toContain(SECRET);

    const workers = await startWorkers(t.handle, { config: allowingHosts("127.0.0.1"), log: () => {} });
    const stop = () => workers.stop();
    try {
      const { verdict, asEditor } = await publishVerdict(t.db);
      await until(() => received.length === 1);
      expect(requests).toBe(3); // two refusals, then the delivery
      // The receiver answered; the worker records that in its own transaction just after.
      await until(async () => (await admin.webhook.deliveries({}))[0]?.status === "delivered");
      const log = await admin.webhook.deliveries({});
      expect(log[0]).toMatchObject({
        event: "verdict.published",
        status: "delivered",
        attempts: 3,
        lastStatusCode: 204,
      });

      await asEditor.verdict.retract({ id: verdict.id, version: verdict.version, reason: "Misquoted." });
      await until(() => received.length === 2);
      await new Promise((resolve) => setTimeout(resolve, 500)); // time for any duplicate to arrive
    } finally {
      await stop();
    }
    expect(received.map((r) => [r.event, r.verified])).toEqual([
      ["verdict.published", true],
      ["verdict.retracted", true],
    ]);
    expect(new Set(received.map((r) => r.id)).size).toBe(2);
    expect(received[0]?.body.data).toMatchObject({
      slug: "the-mek-was-founded-in-1965-not-1963",
      url: "http://localhost:3000/verdicts/the-mek-was-founded-in-1965-not-1963",
      claimReview: { "@type": "ClaimReview" },
    });
    expect(received[1]?.body.data).toMatchObject({ reason: "Misquoted." });
  });

  it("sends nothing for a change whose transaction rolled back", async () => {
    const admin = callerFor(t.db, await makeUser(t.db, { role: "admin" }), allowingHosts("127.0.0.1"));
    await admin.webhook.create({ url, secret: SECRET, events: ["verdict.published"] });
    // A publish refused inside its transaction (no organisation URL) queues no delivery.
    const { verdict, asChecker } = await publishVerdict(t.db);
    const queued = await t.db.$count(webhookDeliveries);
    const saved = await asChecker.verdict.save({
      claimId: verdict.claimId,
      baseRevision: 1,
      rating: "false",
      headline: "Another headline",
      summary: null,
      explanation: "Text.",
      sourceIds: [],
      correctionNote: "Reworded.",
    });
    const editor = callerFor(t.db, await makeUser(t.db, { role: "editor" }));
    let current = await asChecker.verdict.submit({ id: saved.verdict.id, version: saved.verdict.version });
    current = await editor.verdict.approve({ id: current.id, version: current.version });
    await configureOrganisation(t.db, { organisationUrl: null });
    await expect(editor.verdict.publish({ id: current.id, version: current.version })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
    });
    expect(await t.db.$count(webhookDeliveries)).toBe(queued);
  });

  it("refuses private and loopback targets when saved, and again when connecting", async () => {
    const admin = callerFor(t.db, await makeUser(t.db, { role: "admin" }));
    const port = (server.address() as AddressInfo).port;
    for (const target of [
      url,
      `http://[::1]:${port}/`,
      `http://localhost:${port}/`,
      "http://10.0.0.8/",
      "http://169.254.169.254/",
    ]) {
      await expect(
        admin.webhook.create({ url: target, secret: SECRET, events: ["verdict.published"] }),
        target,
      ).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message: expect.stringContaining("private or local address"),
      });
    }
    // Allowed when saved (an allow-list since changed): the worker still refuses to connect,
    // and the log shows the refusal, not the port's answer.
    const allowed = callerFor(t.db, await makeUser(t.db, { role: "admin" }), allowingHosts("127.0.0.1"));
    await allowed.webhook.create({ url, secret: SECRET, events: ["verdict.published"] });
    const before = requests;
    // The workers' own rules allow no local host.
    const workers = await startWorkers(t.handle, { config: testConfig, log: () => {} });
    const stop = () => workers.stop();
    try {
      await publishVerdict(t.db);
      await until(async () => (await t.db.select().from(webhookDeliveries))[0]?.attempts === 1);
    } finally {
      await stop();
    }
    const [delivery] = await t.db.select().from(webhookDeliveries);
    expect(delivery).toMatchObject({ status: "pending", lastStatusCode: null });
    expect(delivery?.lastError).toContain("private or local address");
    expect(requests).toBe(before);
  });

  it("refuses bad registrations with reasons", async () => {
    const admin = callerFor(t.db, await makeUser(t.db, { role: "admin" }), allowingHosts("127.0.0.1"));
    await expect(
      admin.webhook.create({ url: "ftp://x.example", secret: "short", events: [] }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/web address.*16 characters.*at least one event/s),
    });
  });
});
