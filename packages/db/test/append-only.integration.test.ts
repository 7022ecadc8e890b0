import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  appendEvents,
  auditKey,
  events,
  takeCheckpoint,
  users,
  verdictRevisions,
  verdicts,
  verifyAuditChain,
} from "../src";
import { claims } from "../src/schema";
import { useTestDb } from "../src/testing";

const t = useTestDb();

const key = auditKey("a-test-key-of-at-least-thirty-two-characters");

const errorText = async (run: () => Promise<unknown>) => {
  try {
    await run();
  } catch (error) {
    // Drizzle wraps the driver error; the database's own message is on the cause.
    const cause = (error as { cause?: { message?: string } }).cause;
    return `${(error as Error).message} ${cause?.message ?? ""}`;
  }
  return "no error";
};

describe("append-only history", () => {
  it("refuses UPDATE, DELETE and TRUNCATE on events, and keeps the row unchanged", async () => {
    await appendEvents(t.db, key, [
      { entityType: "claim", entityId: crypto.randomUUID(), action: "created" },
    ]);
    const [event] = await t.db.select().from(events);
    if (!event) throw new Error("insert returned nothing");

    expect(
      await errorText(() => t.db.update(events).set({ action: "forged" }).where(eq(events.id, event.id))),
    ).toMatch(/events is append-only: UPDATE is not allowed/);
    expect(await errorText(() => t.db.delete(events).where(eq(events.id, event.id)))).toMatch(
      /events is append-only: DELETE is not allowed/,
    );
    expect(await errorText(() => t.db.execute(sql`TRUNCATE events`))).toMatch(
      /events is append-only: TRUNCATE is not allowed/,
    );

    const rows = await t.db.select().from(events);
    expect(rows).toEqual([event]);
  });

  it("refuses to rewrite a verdict revision", async () => {
    const [user] = await t.db
      .insert(users)
      .values({ email: "a@x.test", name: "A", role: "fact_checker", passwordHash: "x" })
      .returning();
    const [claim] = await t.db
      .insert(claims)
      .values({ text: "The MEK was founded in 1965.", normalizedText: "the mek was founded in 1965." })
      .returning();
    if (!user || !claim) throw new Error("insert returned nothing");
    const [verdict] = await t.db
      .insert(verdicts)
      .values({ claimId: claim.id, authorId: user.id })
      .returning();
    if (!verdict) throw new Error("insert returned nothing");
    const [revision] = await t.db
      .insert(verdictRevisions)
      .values({ verdictId: verdict.id, number: 1, authorId: user.id, rating: "false" })
      .returning();
    if (!revision) throw new Error("insert returned nothing");

    expect(
      await errorText(() =>
        t.db.update(verdictRevisions).set({ rating: "true" }).where(eq(verdictRevisions.id, revision.id)),
      ),
    ).toMatch(/verdict_revisions is append-only/);
    const [after] = await t.db.select().from(verdictRevisions);
    expect(after?.rating).toBe("false");
  });

  it("indexes claim text for full-text and trigram search", async () => {
    await t.db.insert(claims).values([
      { text: "The MEK was founded in 1965.", normalizedText: "the mek was founded in 1965." },
      { text: "Albania hosts 3,000 members.", normalizedText: "albania hosts 3,000 members." },
    ]);
    const fullText = await t.db
      .select({ text: claims.text })
      .from(claims)
      .where(sql`${claims.search} @@ plainto_tsquery('english', 'founding')`);
    expect(fullText.map((r) => r.text)).toEqual(["The MEK was founded in 1965."]);
    const trigram = await t.db
      .select({ text: claims.text })
      .from(claims)
      .where(sql`similarity(${claims.normalizedText}, 'the mek was founded in 1963.') > 0.5`);
    expect(trigram).toHaveLength(1);
  });
});

describe("audit hash chain", () => {
  const append = async (action: string, count = 1) => {
    await t.db.transaction((tx) =>
      appendEvents(
        tx,
        key,
        Array.from({ length: count }, () => ({
          entityType: "claim" as const,
          entityId: crypto.randomUUID(),
          action,
        })),
      ),
    );
    return t.db.select().from(events).orderBy(events.id);
  };
  const asSuperuser = (statement: ReturnType<typeof sql>) =>
    t.db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL session_replication_role = replica`);
      await tx.execute(statement);
    });

  it("links every event to the one before with a keyed hash, including rows inserted together", async () => {
    await append("created", 5);
    const rows = await append("status_changed");
    expect(rows).toHaveLength(6);
    // Each event links to the one before it on its chain; a transaction's events share one.
    const heads = new Map<number, string | null>();
    for (const row of rows) {
      expect(row.prevHash).toBe(heads.get(row.chain) ?? null);
      heads.set(row.chain, row.hash);
    }
    expect(new Set(rows.slice(0, 5).map((row) => row.chain)).size).toBe(1);
    expect(rows.every((row) => row.hash?.startsWith("hmac-sha256:"))).toBe(true);
    expect(await verifyAuditChain(t.db, { key })).toEqual({ ok: true, events: 6, checkpoints: 0 });
    // Another key does not verify it.
    expect(
      await verifyAuditChain(t.db, { key: auditKey("another-key-of-at-least-thirty-two-chars") }),
    ).toMatchObject({
      ok: false,
      firstBrokenEventId: rows[0]?.id,
    });
  });

  it("keeps every chain whole under concurrent writers, who spread over the chains", async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => append(`a${i}`)));
    expect(await verifyAuditChain(t.db, { key })).toMatchObject({ ok: true, events: 20 });
    const chains = new Set((await t.db.select({ chain: events.chain }).from(events)).map((e) => e.chain));
    expect(chains.size).toBeGreaterThan(1);
  });

  it("refuses an event written without the key, or not linked to the head", async () => {
    const [first] = await append("created");
    expect(
      await errorText(() =>
        t.db.insert(events).values({ entityType: "claim", entityId: crypto.randomUUID(), action: "sneaked" }),
      ),
    ).toMatch(/written by Factdesk with their keyed hash/);
    expect(
      await errorText(() =>
        t.db.insert(events).values({
          entityType: "claim",
          entityId: crypto.randomUUID(),
          action: "forked",
          chain: first?.chain ?? 0,
          prevHash: null,
          hash: "hmac-sha256:0000",
        }),
      ),
    ).toMatch(/must link to the head of its chain/);
  });

  it("detects what a superuser does: an altered event with the hashes after it recomputed", async () => {
    const rows = await append("created", 4);
    const [second, third] = [rows[1], rows[2]];
    if (!second || !third) throw new Error("not inserted");

    // The attack the unkeyed chain missed: rewrite an event and recompute every hash after
    // it with the database's own hash function.
    await asSuperuser(sql`UPDATE events SET action = 'forged' WHERE id = ${second.id}`);
    const from = sql.raw(String(second.id)); // a DO block takes no parameters
    await asSuperuser(sql`
      DO $$ DECLARE e events; previous text; BEGIN
        SELECT hash INTO previous FROM events WHERE id < ${from} ORDER BY id DESC LIMIT 1;
        FOR e IN SELECT * FROM events WHERE id >= ${from} ORDER BY id LOOP
          e.prev_hash := previous; e.hash := event_hash(e);
          UPDATE events SET prev_hash = e.prev_hash, hash = e.hash WHERE id = e.id;
          previous := e.hash;
        END LOOP; END $$`);
    expect(await verifyAuditChain(t.db, { key })).toMatchObject({
      ok: false,
      firstBrokenEventId: second.id,
      problem: expect.stringMatching(/not keyed although events before it are/),
    });
  });

  it("detects events cut off the end, given a signed checkpoint kept outside the database", async () => {
    await append("created", 3);
    const checkpoint = await takeCheckpoint(t.db, key);
    if (!checkpoint) throw new Error("no checkpoint");
    const rows = await append("status_changed", 2);
    expect(await verifyAuditChain(t.db, { key, checkpoints: [checkpoint] })).toMatchObject({
      ok: true,
      checkpoints: 1,
    });

    // Deleting the newest events leaves an intact-looking chain: only the checkpoint tells.
    await asSuperuser(sql`DELETE FROM events WHERE id >= ${rows[2]?.id ?? 0}`);
    expect(await verifyAuditChain(t.db, { key })).toMatchObject({ ok: true });
    expect(await verifyAuditChain(t.db, { key, checkpoints: [checkpoint] })).toMatchObject({
      ok: false,
      firstBrokenEventId: checkpoint.eventId,
      problem: expect.stringMatching(/cut off the end/),
    });
    // With several chains, cutting the end of one that is not the newest is found too.
    for (let i = 0; i < 12; i++) await append(`more${i}`);
    const all = await t.db.select().from(events).orderBy(events.id);
    const latest = await takeCheckpoint(t.db, key);
    if (!latest) throw new Error("no checkpoint");
    const newestChain = all.at(-1)?.chain;
    const otherHead = all.filter((e) => e.chain !== newestChain).at(-1);
    if (!otherHead) throw new Error("all on one chain");
    expect(latest.heads?.map(([id]) => id)).toContain(otherHead.id);
    await asSuperuser(sql`DELETE FROM events WHERE id = ${otherHead.id}`);
    expect(await verifyAuditChain(t.db, { key })).toMatchObject({ ok: true });
    expect(await verifyAuditChain(t.db, { key, checkpoints: [latest] })).toMatchObject({
      ok: false,
      firstBrokenEventId: otherHead.id,
      problem: expect.stringMatching(/cut off the end/),
    });
    // A checkpoint forged without the key is refused.
    const forged = { ...checkpoint, eventId: 1 };
    expect(await verifyAuditChain(t.db, { key, checkpoints: [forged] })).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/signature does not match/),
    });
  });
});
