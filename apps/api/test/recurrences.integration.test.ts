import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { events, notifications, recurrences, tips, webhookDeliveries } from "@factdesk/db";
import { useTestDb } from "@factdesk/db/testing";
import { and, eq, isNotNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordRecurrences, recordTipRecurrences } from "../src/domain/recurrences";
import { siteOf } from "../src/domain/settings";
import { tipTicket } from "../src/domain/tips";
import { createJobQueue } from "../src/jobs/queue";
import { runUntilIdle } from "../src/jobs/workers";
import { allowingHosts, callerFor, makeUser, publishVerdict } from "./factories";

const t = useTestDb();
const config = allowingHosts("127.0.0.1");

/** A partner's endpoint: counts what it is sent. */
let server: Server;
let url: string;
const received: { event: string; body: { data: Record<string, unknown> } }[] = [];
beforeAll(async () => {
  server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      received.push({ event: request.headers["factdesk-event"] as string, body: JSON.parse(body) });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const runJobs = () => runUntilIdle(t.handle, { config, log: () => {} });

describe("repeat-claim alerts", () => {
  it("raise one alert when a claim found false comes back, with a notification, a webhook and a queue view", async () => {
    const { verdict, checker, editor } = await publishVerdict(t.db, { rating: "false" });
    const admin = callerFor(t.db, await makeUser(t.db, { role: "admin" }), config);
    await admin.webhook.create({
      url,
      secret: "a-partner-secret-of-some-length",
      events: ["claim.recurred"],
    });
    const desk = callerFor(t.db, checker, config);

    const { articleId } = await desk.article.ingest({
      title: "Old story, new outlet",
      outlet: "The Daily Repeat",
      url: "https://repeat.example/story",
      text: "The MEK was founded in 1963, the paper claimed. The weather was fine.",
      sentenceIndexes: [0, 1],
    });
    await runJobs();

    const alerts = await t.db.select().from(recurrences);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.verdictId).toBe(verdict.id);
    const { items } = await desk.claim.list({ filter: { flags: ["recurring"] } });
    expect(items.map((item) => item.text)).toEqual(["The MEK was founded in 1963, the paper claimed."]);
    expect(items[0]?.recurring).toBe(true);

    // The verdict's author and the editors hear of it, naming where it reappeared.
    const told = await t.db.select().from(notifications).where(eq(notifications.kind, "recurred"));
    expect(told.map((n) => n.userId).sort()).toEqual(expect.arrayContaining([checker.id, editor.id].sort()));
    expect(told[0]?.data).toMatchObject({
      appearedIn: {
        kind: "article",
        id: articleId,
        outlet: "The Daily Repeat",
        url: "https://repeat.example/story",
      },
      repeats: {
        kind: "verdict",
        verdictId: verdict.id,
        headline: "The MEK was founded in 1965, not 1963",
        rating: "False",
      },
    });
    expect(await t.db.$count(events, eq(events.action, "recurred"))).toBe(1);

    // Exactly one delivery, received once.
    expect(await t.db.$count(webhookDeliveries, eq(webhookDeliveries.event, "claim.recurred"))).toBe(1);
    expect(received.filter((r) => r.event === "claim.recurred")).toHaveLength(1);
    expect(received[0]?.body.data).toMatchObject({
      text: "The MEK was founded in 1963, the paper claimed.",
      appearedIn: { outlet: "The Daily Repeat" },
      repeats: { kind: "verdict", url: expect.stringMatching(new RegExp(`/verdicts/${verdict.slug}$`)) },
    });

    // The job running again (a retry) raises nothing new.
    const claimIds = items.map((item) => item.id);
    const webhooks = { jobs: createJobQueue(t.db), retrySeconds: 1 };
    expect(await recordRecurrences(t.db, claimIds, webhooks, await siteOf(t.db, config.publicUrl))).toEqual(
      [],
    );
    expect(await t.db.$count(recurrences)).toBe(1);
    expect(await t.db.$count(webhookDeliveries, eq(webhookDeliveries.event, "claim.recurred"))).toBe(1);
  });

  it("come from the archive's false fact-checks too, and never from true ones", async () => {
    const editor = await makeUser(t.db, { role: "editor" });
    const desk = callerFor(t.db, editor, config);
    await desk.factCheck.import({
      format: "table",
      baseUrl: "https://checks.example/",
      content: `text\trating\turl\tdate
Covid vaccines contain microchips that track people.\tFalse\t/chips\t2021-01-02
Albania hosts about 3,000 members of the MEK at a camp near Durres.\tTrue\t/camp\t2021-03-05
`,
    });
    await runJobs();
    await desk.article.ingest({
      title: "Two repeats",
      text: "Covid vaccines contain microchips that track people, a post said. Albania hosts about 3,000 members of the MEK at a camp near Durres.",
      sentenceIndexes: [0, 1],
    });
    await runJobs();
    const { items } = await desk.claim.list({ filter: { flags: ["fact_checked"] } });
    expect(items).toHaveLength(2);
    const alerts = await t.db.select().from(recurrences);
    expect(alerts).toHaveLength(1);
    const flagged = await desk.claim.list({ filter: { flags: ["recurring"] } });
    expect(flagged.items.map((item) => item.text)).toEqual([
      "Covid vaccines contain microchips that track people, a post said.",
    ]);
  });

  it("come from readers' tips before triage, and a claim made of them is flagged without telling anyone twice", async () => {
    const { verdict, checker, editor } = await publishVerdict(t.db, { rating: "false" });
    const admin = callerFor(t.db, await makeUser(t.db, { role: "admin" }), config);
    await admin.webhook.create({
      url,
      secret: "a-partner-secret-of-some-length",
      events: ["claim.recurred"],
    });
    received.length = 0;
    const reader = callerFor(t.db, null, config);
    const ticket = () => tipTicket(Date.now() - 10_000);
    await reader.tip.submit({
      statement: "Someone forwarded me this: the MEK was founded in 1963. Is that right?",
      seenWhere: "a WhatsApp group",
      contact: "reader@example.org",
      consent: true,
      ticket: ticket(),
    });
    await reader.tip.submit({ statement: "Bananas are blue on Tuesdays.", ticket: ticket() });
    await runJobs();

    const alerts = await t.db.select().from(recurrences);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ claimId: null, verdictId: verdict.id });
    const [tip] = await t.db
      .select()
      .from(tips)
      .where(eq(tips.id, alerts[0]?.tipId as string));
    expect(tip?.seenWhere).toBe("a WhatsApp group");

    // The author and the editors are told where readers saw it; the webhook never carries what
    // the reader wrote or how to reach them.
    const told = await t.db.select().from(notifications).where(eq(notifications.kind, "recurred"));
    expect(told.map((n) => n.userId)).toEqual(expect.arrayContaining([checker.id, editor.id]));
    expect(told[0]).toMatchObject({
      claimId: null,
      data: {
        appearedIn: { kind: "reader tip", outlet: "a WhatsApp group" },
        repeats: { verdictId: verdict.id },
      },
    });
    const deliveries = received.filter((r) => r.event === "claim.recurred");
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]?.body.data).toMatchObject({ appearedIn: { kind: "reader tip" }, claimId: null });
    expect(JSON.stringify(deliveries[0]?.body)).not.toMatch(/forwarded|reader@example\.org/);
    expect(JSON.stringify(await t.db.select().from(events).where(eq(events.action, "recurred")))).not.toMatch(
      /forwarded|reader@example/,
    );

    // The triage screen says what the tip repeats.
    const desk = callerFor(t.db, editor, config);
    const [group] = await desk.tip.list({ state: "new" });
    const flagged = (await desk.tip.list({ state: "new" }))
      .flatMap((g) => g.tips)
      .find((one) => one.id === tip?.id);
    expect(group).toBeDefined();
    expect(flagged?.repeats).toEqual([
      expect.objectContaining({ rating: "False", url: `/verdicts/${verdict.slug}` }),
    ]);

    // A retried job raises nothing new.
    const webhooks = { jobs: createJobQueue(t.db), retrySeconds: 1 };
    const site = await siteOf(t.db, config.publicUrl);
    expect(await recordTipRecurrences(t.db, [tip?.id as string], webhooks, site)).toEqual([]);

    // The desk makes a claim of the tip: it is flagged in the queue, but nobody hears of it again.
    const { claimId } = await desk.tip.createClaim({
      tipIds: [tip?.id as string],
      text: "The MEK was founded in 1963.",
    });
    await runJobs();
    expect(
      await t.db.$count(recurrences, and(eq(recurrences.claimId, claimId), isNotNull(recurrences.verdictId))),
    ).toBe(1);
    const { items } = await desk.claim.list({ filter: { flags: ["recurring"] } });
    expect(items.map((item) => item.id)).toContain(claimId);
    expect(await t.db.$count(notifications, eq(notifications.kind, "recurred"))).toBe(told.length);
    expect(await t.db.$count(webhookDeliveries, eq(webhookDeliveries.event, "claim.recurred"))).toBe(1);

    // The dashboard counts the week's alerts by where they appeared.
    const { alerts: perWeek } = await desk.dashboard.get({});
    expect(perWeek.at(-1)).toMatchObject({ fromTips: 1, fromArticles: 1 });
  });

  it("come from readers' tips that restate an archived false fact-check", async () => {
    const editor = await makeUser(t.db, { role: "editor" });
    const desk = callerFor(t.db, editor, config);
    await desk.factCheck.import({
      format: "table",
      baseUrl: "https://checks.example/",
      content: `text\trating\turl\tdate
Covid vaccines contain microchips that track people.\tFalse\t/chips\t2021-01-02
`,
    });
    await runJobs();
    const reader = callerFor(t.db, null, config);
    await reader.tip.submit({
      statement: "My aunt says covid vaccines contain microchips that track people.",
      ticket: tipTicket(Date.now() - 10_000),
    });
    await runJobs();
    const alerts = await t.db.select().from(recurrences);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ claimId: null, verdictId: null, factCheckId: expect.any(String) });
  });
});
