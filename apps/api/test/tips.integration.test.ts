import { events, tips } from "@factdesk/db";
import { useTestDb } from "@factdesk/db/testing";
import type { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tipTicket } from "../src/domain/tips";
import { callerFor, makeUser, publishVerdict } from "./factories";
import { startServer } from "./http-client";

const t = useTestDb();
let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  // Behind a proxy on loopback, as the tests' readers come from many addresses.
  server = await startServer(t.handle, undefined, {
    publicUrl: new URL("https://checks.example/"),
    trustProxy: "loopback",
  });
});
afterAll(() => server.stop());

/** A form as a reader would have had it open for a while (the time check wants a few seconds). */
const heldTicket = () => tipTicket(Date.now() - 10_000);
const hostile = 'Vaccines contain <script>alert("tip")</script> microchips that track you.';

const postForm = (fields: Record<string, string>, address = "203.0.113.1") =>
  fetch(`${server.url}/tips`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": address },
    body: new URLSearchParams(fields).toString(),
    redirect: "manual",
  });

describe("reader tips", () => {
  it("are sent from a plain HTML form and followed on a page that never shows them", async () => {
    const form = await fetch(`${server.url}/tips`);
    expect(form.status).toBe(200);
    expect(form.headers.get("cache-control")).toBe("no-store");
    const { document } = parseHTML(await form.text());
    const ticket = document.querySelector('input[name="ticket"]')?.getAttribute("value") ?? "";
    expect(ticket).toMatch(/^\d+\./);
    expect(document.querySelector("form.tip-form")?.getAttribute("method")).toBe("post");
    expect(document.querySelectorAll("script")).toHaveLength(0);

    // Sent the moment the form arrived: a script, not a person.
    const tooSoon = await postForm({ statement: hostile, ticket });
    expect(tooSoon.status).toBe(400);
    const again = await tooSoon.text();
    expect(again).toContain("wait a few seconds");
    // What the reader typed comes back as text, never as markup.
    expect(again).not.toContain("<script>alert");
    expect(again).toContain("&lt;script&gt;");
    expect(await t.db.$count(tips)).toBe(0);

    const sent = await postForm({
      statement: hostile,
      url: "https://social.example/post/1",
      seenWhere: "A WhatsApp group",
      contact: "reader@example.org",
      consent: "yes",
      ticket: heldTicket(),
    });
    expect(sent.status).toBe(303);
    const location = sent.headers.get("location") ?? "";
    expect(location).toMatch(/^\/tips\/[A-Za-z0-9_-]{22}\?sent=1$/);
    const tracking = await fetch(`${server.url}${location}`);
    expect(tracking.status).toBe(200);
    expect(tracking.headers.get("cache-control")).toBe("no-store");
    expect(tracking.headers.get("referrer-policy")).toBe("no-referrer");
    const page = await tracking.text();
    expect(page).toContain("Thank you: your tip has arrived");
    expect(page).toContain("Received (now)");
    for (const secret of ["microchips", "WhatsApp", "reader@example.org", "social.example"])
      expect(page).not.toContain(secret);

    const [stored] = await t.db.select().from(tips);
    expect(stored).toMatchObject({
      statement: hostile,
      contact: "reader@example.org",
      seenWhere: "A WhatsApp group",
    });
    expect(stored?.consentText).toMatch(/never publish/);
    // The audit log records that a tip came, not what it said.
    const [event] = await t.db.select().from(events).where(eq(events.entityType, "tip"));
    expect(JSON.stringify(event)).not.toContain("microchips");
    expect(JSON.stringify(event)).not.toContain("reader@example.org");

    expect((await fetch(`${server.url}/tips/not-a-real-code-at-all`)).status).toBe(404);
    expect((await fetch(`${server.url}/tips/${"A".repeat(22)}`)).status).toBe(404);
  });

  it("refuse robots, oversized text, contact without consent and floods, storing nothing", async () => {
    const before = await t.db.$count(tips);
    const address = "198.51.100.7";
    const honeypot = await postForm(
      { statement: "A claim.", website: "http://spam.example", ticket: heldTicket() },
      address,
    );
    expect(honeypot.status).toBe(400);
    const oversized = await postForm({ statement: "x".repeat(5001), ticket: heldTicket() }, address);
    expect(oversized.status).toBe(400);
    expect(await oversized.text()).toContain("5,000 characters");
    const forged = await postForm(
      { statement: "A claim.", ticket: `${Date.now() - 10_000}.forged` },
      address,
    );
    expect(forged.status).toBe(400);
    const noConsent = await postForm(
      { statement: "A claim.", contact: "me@example.org", ticket: heldTicket() },
      address,
    );
    expect(noConsent.status).toBe(400);
    expect(await noConsent.text()).toContain("Tick the box");
    const nul = await postForm({ statement: "A\0claim.", ticket: heldTicket() }, address);
    expect(nul.status).toBe(400);
    const huge = await fetch(`${server.url}/tips`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": address },
      body: `statement=${"y".repeat(100_000)}`,
    });
    expect(huge.status).toBe(413);
    expect(await t.db.$count(tips)).toBe(before);

    // Ten tips an address per quarter hour (the refused ones above drew on it too).
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++)
      statuses.push(
        (await postForm({ statement: `Claim number ${i}.`, ticket: heldTicket() }, address)).status,
      );
    expect(statuses.filter((s) => s === 303).length).toBeLessThan(8);
    const limited = await postForm({ statement: "One more.", ticket: heldTicket() }, address);
    expect(limited.status).toBe(429);
    expect(await limited.text()).toContain("Too many tips from your address");
    // Another reader is not held back by this one.
    expect((await postForm({ statement: "Mine.", ticket: heldTicket() }, "192.0.2.44")).status).toBe(303);
  });

  it("come through the JSON API with a ticket, with typed errors", async () => {
    const { ticket, consent } = (await (await fetch(`${server.url}/api/tips/ticket`)).json()) as {
      ticket: string;
      consent: string;
    };
    expect(consent).toMatch(/never publish/);
    const post = (body: object) =>
      fetch(`${server.url}/api/tips`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": "192.0.2.10" },
        body: JSON.stringify(body),
      });
    const early = await post({ statement: "The moon is made of cheese.", ticket });
    expect(early.status).toBe(400);
    expect(await early.json()).toMatchObject({ error: { code: "BAD_REQUEST" } });
    const created = await post({ statement: "The moon is made of cheese.", ticket: heldTicket() });
    expect(created.status).toBe(201);
    const { code, trackingUrl } = (await created.json()) as { code: string; trackingUrl: string };
    expect(trackingUrl).toBe(`https://checks.example/tips/${code}`);
    const empty = await post({ statement: "  ", ticket: heldTicket() });
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { error: { message: string } }).error.message).toContain("required");
  });

  it("are grouped for triage, made into one claim, declined with a reason, and published with the verdict", async () => {
    const checker = await makeUser(t.db, { name: "Tina Triage" });
    const desk = callerFor(t.db, checker);
    const reader = callerFor(t.db, null);
    const send = (statement: string) => reader.tip.submit({ statement, ticket: heldTicket() });
    const [a, b, c] = [
      await send("The new bridge in Lyon cost 900 million euros to build."),
      await send("Someone says the Lyon bridge cost 900 million euros to build!"),
      await send("A celebrity said the Eiffel Tower will be sold for scrap."),
    ];
    await expect(reader.tip.list({})).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    } satisfies Partial<TRPCError>);

    const groups = await desk.tip.list({});
    const bridge = groups.find((group) => group.tips.some((tip) => tip.statement.includes("Lyon")));
    expect(bridge?.tips.map((tip) => tip.statement).sort()).toEqual([
      "Someone says the Lyon bridge cost 900 million euros to build!",
      "The new bridge in Lyon cost 900 million euros to build.",
    ]);
    expect(groups[0]).toBe(bridge);
    const status = (code: string) => reader.tip.status({ code });
    expect((await status(a.code)).progress).toBe("received");

    await desk.tip.triage({ tipIds: bridge?.tips.map((tip) => tip.id) ?? [] });
    expect((await status(a.code)).progress).toBe("in_triage");
    const bridgeIds = bridge?.tips.map((tip) => tip.id) ?? [];
    const { claimId } = await desk.tip.createClaim({
      tipIds: bridgeIds,
      text: "The new bridge in Lyon cost 900 million euros.",
    });
    expect((await status(a.code)).progress).toBe("being_checked");
    expect((await status(b.code)).progress).toBe("being_checked");
    const claim = await desk.claim.get({ id: claimId });
    expect(claim.claim.text).toBe("The new bridge in Lyon cost 900 million euros.");
    // The queue shows how many readers asked, and filters by it.
    const asked = await desk.claim.list({ filter: { flags: ["asked_by_readers"] } });
    expect(asked.items.map((item) => [item.id, item.readers])).toEqual([[claimId, 2]]);
    // Acting on tips someone already decided is refused, not repeated.
    await expect(desk.tip.decline({ tipIds: bridgeIds, reason: "Duplicate" })).rejects.toMatchObject({
      code: "CONFLICT",
    });

    const eiffel = groups.find((group) => group.tips.some((tip) => tip.statement.includes("Eiffel")));
    await desk.tip.decline({
      tipIds: eiffel?.tips.map((tip) => tip.id) ?? [],
      reason: "This is a joke that nobody believes; we check claims people act on.",
    });
    expect(await status(c.code)).toMatchObject({
      progress: "declined",
      declinedReason: "This is a joke that nobody believes; we check claims people act on.",
    });
    await expect(desk.tip.decline({ tipIds: [], reason: "x" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });

    // A tip attached to a claim whose verdict is published is published too, with the link.
    const { verdict, claim: published } = await publishVerdict(t.db);
    const d = await send("The MEK was founded in 1963, my uncle says.");
    const [dTip] = await t.db.select({ id: tips.id }).from(tips).where(eq(tips.code, d.code));
    await desk.tip.attach({ tipIds: [dTip?.id ?? ""], claimId: published.id });
    const followed = await status(d.code);
    expect(followed.progress).toBe("published");
    expect(followed.verdictUrl).toMatch(new RegExp(`/verdicts/${verdict.slug}$`));
    // The dashboard counts them: this week's tips, and the published check a reader asked for.
    const { readerTips } = await desk.dashboard.get({});
    expect(readerTips.at(-1)).toMatchObject({
      tipsReceived: 4,
      publishedFromTips: 1,
      published: 1,
      percentFromTips: 100,
    });
    expect(readerTips.at(-1)?.medianDaysTipToVerdict).toBeGreaterThanOrEqual(0);
    const page = await (await fetch(`${server.url}/tips/${d.code}`)).text();
    expect(page).toContain(`href="https://checks.example/verdicts/${verdict.slug}"`);
    expect(page).not.toContain("my uncle");
  });
});
