import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { articles, claims, feedItems, feeds, recurrences, webhookDeliveries } from "@factdesk/db";
import { useTestDb } from "@factdesk/db/testing";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pollDueFeeds } from "../src/domain/monitoring";
import { createJobQueue } from "../src/jobs/queue";
import { runUntilIdle } from "../src/jobs/workers";
import { allowingHosts, callerFor, makeUser, publishVerdict } from "./factories";

const t = useTestDb();
const config = allowingHosts("127.0.0.1");

/** An outlet: its RSS feed (with an ETag) and its articles; the test publishes new items. */
const items: { slug: string; title: string; body: string }[] = [];
const conditional: (string | undefined)[] = [];
let outlet: Server;
let base: string;
const etag = () => `"v${items.length}"`;
beforeAll(async () => {
  outlet = createServer((request, response) => {
    if (request.url === "/feed.xml") {
      conditional.push(request.headers["if-none-match"] as string | undefined);
      if (request.headers["if-none-match"] === etag()) return response.writeHead(304).end();
      const entries = items
        .map(
          (item) =>
            `<item><title>${item.title}</title><link>${base}/${item.slug}</link><guid>${item.slug}</guid></item>`,
        )
        .join("");
      return response
        .writeHead(200, { "content-type": "application/rss+xml", etag: etag() })
        .end(
          `<?xml version="1.0"?><rss version="2.0"><channel><title>Outlet</title>${entries}</channel></rss>`,
        );
    }
    if (request.url === "/broken.xml") return response.writeHead(500).end("down");
    const item = items.find((candidate) => request.url === `/${candidate.slug}`);
    if (!item) return response.writeHead(404).end();
    response
      .writeHead(200, { "content-type": "text/html" })
      .end(
        `<html><head><title>${item.title}</title></head><body><article><h1>${item.title}</h1>${item.body}</article></body></html>`,
      );
  });
  await new Promise<void>((resolve) => outlet.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(outlet.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => outlet.close(() => resolve())));

/** Two workers polling at once, as two processes would. */
const pollTwice = async () => {
  await t.db.update(feeds).set({ nextPollAt: sql`now()` });
  const jobs = createJobQueue(t.db);
  const options = { rules: config.fetch, threshold: 0 };
  return (await Promise.all([pollDueFeeds(t.db, jobs, options), pollDueFeeds(t.db, jobs, options)])).flat();
};

describe("outlet monitoring", () => {
  it("ingests each new item exactly once, asks conditionally, and alerts once on a repeated false claim", async () => {
    await publishVerdict(t.db, { rating: "false" });
    const editor = callerFor(t.db, await makeUser(t.db, { role: "editor" }), config);
    const admin = callerFor(t.db, await makeUser(t.db, { role: "admin" }), config);
    await admin.webhook.create({
      url: `${base}/hooks`,
      secret: "a-partner-secret-of-some-length",
      events: ["claim.recurred"],
    });
    await editor.feed.add({ url: `${base}/feed.xml`, title: "Outlet", intervalMinutes: 15 });
    await expect(editor.feed.add({ url: `${base}/feed.xml` })).rejects.toMatchObject({ code: "CONFLICT" });

    items.push({
      slug: "budget",
      title: "The budget",
      body: "<p>The council approved a budget of 40 million euros on Monday.</p><p>It was the largest in a decade.</p>",
    });
    const first = await pollTwice();
    expect(first).toEqual([{ feedId: expect.any(String), ok: true, ingested: 1 }]);
    expect(await t.db.$count(articles, eq(articles.title, "The budget"))).toBe(1);
    expect(await t.db.$count(feedItems)).toBe(1);

    // Unchanged: the outlet answers 304 to the validator it gave, and nothing is fetched again.
    expect(await pollTwice()).toEqual([{ feedId: expect.any(String), ok: true, ingested: 0 }]);
    expect(conditional.at(-1)).toBe('"v1"');

    // A new item repeating the claim found false: ingested once, and one alert, one delivery.
    items.push({
      slug: "history",
      title: "A history",
      body: "<p>The MEK was founded in 1963.</p><p>Its leaders live abroad today.</p>",
    });
    const second = await pollTwice();
    expect(second.filter((result) => result.ok && result.ingested === 1)).toHaveLength(1);
    expect(await t.db.$count(feedItems)).toBe(2);
    expect(await t.db.$count(claims, eq(claims.text, "The MEK was founded in 1963."))).toBe(2);
    await runUntilIdle(t.handle, { config, log: () => {} });
    expect(await t.db.$count(recurrences)).toBe(1);
    expect(await t.db.$count(webhookDeliveries, eq(webhookDeliveries.event, "claim.recurred"))).toBe(1);

    const [listed] = await editor.feed.list();
    expect(listed).toMatchObject({ url: `${base}/feed.xml`, failing: false, items: 2, ingested: 2 });
  });

  it("shows a failing feed as failing and retries it later, never dropping it", async () => {
    const editor = callerFor(t.db, await makeUser(t.db, { role: "editor" }), config);
    await editor.feed.add({ url: `${base}/broken.xml`, intervalMinutes: 10 });
    const [result] = await pollTwice();
    expect(result).toMatchObject({ ok: false, error: "The feed answered 500." });
    await pollTwice();
    const [feed] = await t.db.select().from(feeds);
    expect(feed?.failures).toBe(2);
    // Backoff: the second failure waits twice the interval.
    const wait = ((feed?.nextPollAt.getTime() ?? 0) - Date.now()) / 60_000;
    expect(wait).toBeGreaterThan(18);
    expect(wait).toBeLessThan(21);
    const [listed] = await editor.feed.list();
    expect(listed).toMatchObject({ failing: true, lastError: "The feed answered 500." });
    await expect(
      callerFor(t.db, await makeUser(t.db), config).feed.add({ url: `${base}/x.xml` }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
  });
});
