import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { events, users, verdictRevisions, verdicts, verifyAuditChain } from "../src";
import { claims } from "../src/schema";
import { useTestDb } from "../src/testing";

const t = useTestDb();

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
    const [event] = await t.db
      .insert(events)
      .values({ entityType: "claim", entityId: crypto.randomUUID(), action: "created" })
      .returning();
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
  const append = (action: string, count = 1) =>
    t.db
      .insert(events)
      .values(
        Array.from({ length: count }, () => ({
          entityType: "claim" as const,
          entityId: crypto.randomUUID(),
          action,
        })),
      )
      .returning();

  it("links every event to the one before, including rows inserted together", async () => {
    await append("created", 5);
    await append("status_changed");
    const rows = await t.db.select().from(events).orderBy(events.id);
    expect(rows).toHaveLength(6);
    expect(rows[0]?.prevHash).toBeNull();
    for (let i = 1; i < rows.length; i++) expect(rows[i]?.prevHash).toBe(rows[i - 1]?.hash);
    expect(new Set(rows.map((r) => r.hash)).size).toBe(6);
    expect(await verifyAuditChain(t.db)).toEqual({ ok: true, events: 6 });
  });

  it("keeps one chain under concurrent writers", async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.db.transaction(async (tx) => {
          await tx
            .insert(events)
            .values({ entityType: "claim", entityId: crypto.randomUUID(), action: `a${i}` });
        }),
      ),
    );
    expect(await verifyAuditChain(t.db)).toEqual({ ok: true, events: 20 });
  });

  it("finds an altered event and a removed one, as a superuser bypassing the guard would leave them", async () => {
    const rows = await append("created", 4);
    const [second, third] = [rows[1], rows[2]];
    if (!second || !third) throw new Error("not inserted");
    const asSuperuser = (statement: ReturnType<typeof sql>) =>
      t.db.transaction(async (tx) => {
        await tx.execute(sql`SET LOCAL session_replication_role = replica`);
        await tx.execute(statement);
      });

    await asSuperuser(sql`UPDATE events SET action = 'forged' WHERE id = ${third.id}`);
    expect(await verifyAuditChain(t.db)).toMatchObject({
      ok: false,
      firstBrokenEventId: third.id,
      problem: expect.stringMatching(/altered/),
    });

    await asSuperuser(sql`UPDATE events SET action = 'created' WHERE id = ${third.id}`);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
    await asSuperuser(sql`DELETE FROM events WHERE id = ${second.id}`);
    expect(await verifyAuditChain(t.db)).toMatchObject({
      ok: false,
      firstBrokenEventId: third.id,
      problem: expect.stringMatching(/removed/),
    });
  });
});
