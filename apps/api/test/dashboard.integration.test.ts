import { appendEvents, articles, auditKey, claims, ratings } from "@factdesk/db";
import { useTestDb } from "@factdesk/db/testing";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { callerFor, makeClaim, makeSource, makeUser, publishVerdict } from "./factories";
import { TEST_AUDIT_KEY } from "./setup";

const t = useTestDb();

describe("the dashboard", () => {
  it("computes backlog, time to verdict, output by rating, workload and outlets in SQL", async () => {
    const { claim: published } = await publishVerdict(t.db);
    const checker = await makeUser(t.db, { name: "Casey" });
    const [times] = await t.db
      .insert(articles)
      .values({ title: "T", body: "x", outlet: "Example Times", contentHash: "times" })
      .returning();
    const disputed = await makeClaim(t.db, {
      text: "Disputed",
      articleId: times?.id ?? null,
      assigneeId: checker.id,
    });
    await makeSource(t.db, disputed.id, checker.id, { stance: "refutes" });
    await callerFor(t.db, checker).claim.transition({ id: disputed.id, to: "disputed", version: 1 });
    await makeClaim(t.db, { text: "Open", assigneeId: checker.id });
    // A claim created eight weeks ago and never touched is in every week's backlog since.
    await makeClaim(t.db, { text: "Old", createdAt: new Date(Date.now() - 8 * 7 * 86_400_000) });
    // Created a day before its verdict: the median counts from the claim's creation.
    await t.db
      .update(claims)
      .set({ createdAt: new Date(Date.now() - 86_400_000) })
      .where(eq(claims.id, published.id));

    const data = await callerFor(t.db, checker).dashboard.get({ weeks: 12 });
    expect(data.weeks).toHaveLength(12);
    const thisWeek = data.backlog.at(-1);
    expect(thisWeek).toMatchObject({ unverified: 2, sourced: 1, disputed: 1 });
    expect(data.backlog.at(-9)).toMatchObject({ unverified: 1, sourced: 0, disputed: 0 });
    expect(data.backlog.at(0)).toMatchObject({ unverified: 0 });

    expect(data.timeToVerdict).toEqual([{ week: data.weeks.at(-1), medianDays: 1, published: 1 }]);
    const [falseRating] = await t.db.select().from(ratings).where(eq(ratings.key, "false"));
    expect(data.ratings).toEqual([{ label: "False", colour: falseRating?.colour }]);
    expect(data.publishedByRating.at(-1)).toMatchObject({ False: 1 });
    expect(data.workload).toEqual([{ name: "Casey", unverified: 1, sourced: 0, disputed: 1 }]);
    expect(data.disputedByOutlet).toEqual([{ outlet: "Example Times", disputed: 1 }]);
  });

  it("stops counting a verdict as published once it is retracted", async () => {
    const { verdict, asEditor } = await publishVerdict(t.db);
    const before = await asEditor.dashboard.get({ weeks: 4 });
    expect(before.publishedByRating.at(-1)).toMatchObject({ False: 1 });
    await asEditor.verdict.retract({ id: verdict.id, version: verdict.version, reason: "Wrong claim." });
    const after = await asEditor.dashboard.get({ weeks: 4 });
    expect(after.ratings).toEqual([]);
    expect(after.timeToVerdict).toEqual([]);
  });

  it("replays a claim's way through the statuses week by week, until it was archived", async () => {
    const claim = await makeClaim(t.db, { text: "Replayed", createdAt: inWeek(5) });
    // History from past weeks, chained and signed as the app writes it.
    await appendEvents(t.db, auditKey(TEST_AUDIT_KEY), [
      statusChange(claim.id, "unverified", "sourced", 4),
      statusChange(claim.id, "sourced", "disputed", 2),
    ]);
    await t.db
      .update(claims)
      .set({ status: "disputed", archivedAt: inWeek(1) })
      .where(eq(claims.id, claim.id));

    const { backlog } = await callerFor(t.db, await makeUser(t.db)).dashboard.get({ weeks: 8 });
    const statusAt = (weeksAgo: number) => {
      const counts = backlog.at(-1 - weeksAgo) ?? {};
      return Object.entries(counts).find(([key, count]) => key !== "week" && count === 1)?.[0] ?? null;
    };
    expect([6, 5, 4, 3, 2, 1, 0].map(statusAt)).toEqual([
      null, // not yet created
      "unverified",
      "sourced",
      "sourced",
      "disputed",
      null, // archived during this week
      null,
    ]);
  });

  it("counts a claim untouched within the weeks as it stands in every one of them", async () => {
    const older = await makeClaim(t.db, { text: "Sourced long ago", createdAt: inWeek(12) });
    await appendEvents(t.db, auditKey(TEST_AUDIT_KEY), [statusChange(older.id, "unverified", "sourced", 10)]);
    await t.db.update(claims).set({ status: "sourced" }).where(eq(claims.id, older.id));
    const gone = await makeClaim(t.db, { text: "Archived long ago", createdAt: inWeek(12) });
    await t.db
      .update(claims)
      .set({ archivedAt: inWeek(11) })
      .where(eq(claims.id, gone.id));

    const { backlog } = await callerFor(t.db, await makeUser(t.db)).dashboard.get({ weeks: 8 });
    expect(backlog).toHaveLength(8);
    for (const counts of backlog) expect(counts).toMatchObject({ unverified: 0, sourced: 1, disputed: 0 });
  });
});

/** A day into the week `weeksAgo` weeks before this one (UTC weeks begin on Monday). */
function inWeek(weeksAgo: number) {
  const now = new Date();
  const monday = Date.UTC(
    now.getUTCFullYear(),
    now.getUTCMonth(),
    now.getUTCDate() - ((now.getUTCDay() + 6) % 7),
  );
  return new Date(monday - weeksAgo * 7 * 86_400_000 + 86_400_000);
}

const statusChange = (claimId: string, from: string, to: string, weeksAgo: number) => ({
  entityType: "claim" as const,
  entityId: claimId,
  action: "status_changed",
  from,
  to,
  data: { claimId },
  createdAt: inWeek(weeksAgo),
});
