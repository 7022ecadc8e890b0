import { articles, claimCountDeltas, claimLinks, claims } from "@factdesk/db";
import { useTestDb } from "@factdesk/db/testing";
import {
  claimSorts,
  HIGHLIGHT_END,
  HIGHLIGHT_START,
  type TClaimListInput,
  ZClaimListInput,
} from "@factdesk/schema";
import { TRPCError } from "@trpc/server";
import { desc, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { compactClaimCounts, pageIdsQuery } from "../src/domain/queue";
import { callerFor, makeArticle, makeClaim, makeSource, makeUser, publishVerdict } from "./factories";

const t = useTestDb();

type TCaller = ReturnType<typeof callerFor>;

/** Every page of a view, following the cursors. */
async function readAll(caller: TCaller, view: TClaimListInput & object, limit = 3) {
  const ids: string[] = [];
  const items = [];
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<TCaller["claim"]["list"]>> = await caller.claim.list({
      ...view,
      limit,
      cursor,
    });
    items.push(...page.items);
    ids.push(...page.items.map((item) => item.id));
    cursor = page.nextCursor;
  } while (cursor);
  return { ids, items };
}

const pair = (a: string, b: string) => (a < b ? { claimAId: a, claimBId: b } : { claimAId: b, claimBId: a });

describe("the review queue", () => {
  it("pages every sort without gaps or repeats, in its order, across ties", async () => {
    const checker = await makeUser(t.db);
    const priorities = ["low", "normal", "high", "urgent"] as const;
    for (let i = 0; i < 11; i++) {
      // Scores repeat, so ties are broken by the unique key.
      await makeClaim(t.db, { text: `Claim ${i}`, score: (i % 3) / 4, priority: priorities[i % 4] });
    }
    // Touch a few so "last activity" differs from creation order.
    const [first] = await t.db.select().from(claims).where(eq(claims.text, "Claim 2"));
    await callerFor(t.db, checker).claim.update({ id: first?.id ?? "", version: 1, claimant: "Someone" });

    const caller = callerFor(t.db, checker);
    const all = await t.db.select().from(claims);
    const rank = { low: 0, normal: 1, high: 2, urgent: 3 };
    const expected: Record<(typeof claimSorts)[number], typeof all> = {
      priority: [...all].sort(
        (a, b) => rank[b.priority] - rank[a.priority] || b.score - a.score || b.seq - a.seq,
      ),
      score: [...all].sort((a, b) => b.score - a.score || b.seq - a.seq),
      newest: [...all].sort((a, b) => b.seq - a.seq),
      oldest: [...all].sort((a, b) => a.seq - b.seq),
      // Microseconds decide here, which JavaScript dates do not keep: ask the database.
      activity: await t.db.select().from(claims).orderBy(desc(claims.updatedAt), desc(claims.seq)),
    };
    for (const sort of claimSorts) {
      const { ids } = await readAll(caller, { sort }, 4);
      expect(ids, sort).toEqual(expected[sort].map((c) => c.id));
    }
    expect((await readAll(caller, { sort: "activity" })).ids[0]).toBe(first?.id);
  });

  it("reads every sort's page from an index, so a page costs the same at any size", async () => {
    const checker = await makeUser(t.db);
    for (let i = 0; i < 3; i++) await makeClaim(t.db, { text: `Claim ${i}` });
    for (const sort of claimSorts) {
      // With scans of the whole table ruled out, a sort no index serves shows as a Sort step.
      const plan = await t.db.transaction(async (tx) => {
        await tx.execute(sql`set local enable_seqscan = off`);
        const query = pageIdsQuery(checker, ZClaimListInput.parse({ sort }), undefined);
        const { rows } = (await tx.execute(sql`explain ${query}`)) as unknown as {
          rows: { "QUERY PLAN": string }[];
        };
        return rows.map((row) => row["QUERY PLAN"]).join("\n");
      });
      expect(plan, sort).toMatch(/Index Scan/);
      expect(plan, sort).not.toMatch(/Sort/);
    }
  });

  it("combines filters, and counts each status for the rest of the filter", async () => {
    const me = await makeUser(t.db, { name: "Me" });
    const other = await makeUser(t.db, { name: "Other" });
    const [times] = await t.db
      .insert(articles)
      .values({ title: "T", body: "x", outlet: "Example Times", contentHash: "t" })
      .returning();
    const plain = await makeArticle(t.db);
    const a = await makeClaim(t.db, {
      text: "Unemployment fell to 3.5 percent in 2019.",
      score: 0.9,
      status: "sourced",
      assigneeId: me.id,
      articleId: times?.id ?? null,
      priority: "high",
    });
    const b = await makeClaim(t.db, {
      text: "Unemployment rose to 4 percent in 2019.",
      score: 0.6,
      assigneeId: other.id,
      articleId: times?.id ?? null,
    });
    const c = await makeClaim(t.db, {
      text: "The bridge opened in 1963.",
      score: 0.3,
      articleId: plain.id,
      createdAt: new Date("2024-01-15T12:00:00Z"),
    });
    const d = await makeClaim(t.db, { text: "The bridge opened in 1965.", score: 0.2, status: "disputed" });
    await t.db
      .update(claims)
      .set({ archivedAt: new Date(), archiveReason: "noise" })
      .where(eq(claims.id, d.id));
    await t.db
      .insert(claimLinks)
      .values({ ...pair(c.id, d.id), kind: "contradiction", score: 0.8, reason: "1963 vs 1965" });
    await t.db
      .insert(claimLinks)
      .values({ ...pair(a.id, b.id), kind: "duplicate", score: 0.9, state: "rejected" });

    const caller = callerFor(t.db, me);
    const ids = async (filter: NonNullable<TClaimListInput>["filter"]) =>
      (await readAll(caller, { filter, sort: "oldest" })).ids;

    expect(await ids({})).toEqual([a.id, b.id, c.id]);
    expect(await ids({ archived: "only" })).toEqual([d.id]);
    expect(await ids({ archived: "include" })).toEqual([a.id, b.id, c.id, d.id]);
    expect(await ids({ assignee: "me" })).toEqual([a.id]);
    expect(await ids({ assignee: other.id })).toEqual([b.id]);
    expect(await ids({ assignee: "unassigned" })).toEqual([c.id]);
    expect(await ids({ priority: ["high", "urgent"] })).toEqual([a.id]);
    expect(await ids({ scoreMin: 0.3, scoreMax: 0.6 })).toEqual([b.id, c.id]);
    expect(await ids({ outlet: "example times" })).toEqual([a.id, b.id]);
    expect(await ids({ articleId: plain.id })).toEqual([c.id]);
    expect(await ids({ createdFrom: "2024-01-15", createdTo: "2024-01-15" })).toEqual([c.id]);
    expect(await ids({ createdTo: "2024-01-14" })).toEqual([]);
    // A rejected suggestion is no longer a duplicate; an archived partner still contradicts.
    expect(await ids({ flags: ["duplicate"] })).toEqual([]);
    expect(await ids({ flags: ["contradiction"] })).toEqual([c.id]);
    expect(await ids({ verdict: ["none"] })).toEqual([a.id, b.id, c.id]);
    expect(await ids({ verdict: ["published"] })).toEqual([]);
    expect(await ids({ q: "unemployment 2019", outlet: "Example Times", status: ["unverified"] })).toEqual([
      b.id,
    ]);

    expect(await caller.claim.counts({ outlet: "Example Times" })).toEqual({
      byStatus: { unverified: 1, sourced: 1, disputed: 0 },
      total: 2,
    });
    expect(await caller.claim.counts({ status: ["sourced"], archived: "include" })).toEqual({
      byStatus: { unverified: 2, sourced: 1, disputed: 1 },
      total: 1,
    });

    const [row] = (await caller.claim.list({ filter: { flags: ["contradiction"] } })).items;
    expect(row?.flags).toEqual({ contradiction: true, duplicate: false, factChecked: false });
    expect(row?.article?.title).toBe("An article");
  });

  it("counts the whole queue from running totals that equal a full count through every kind of change", async () => {
    const caller = callerFor(t.db, await makeUser(t.db));
    /** The counts as a full scan gives them, per archiving mode. */
    const scanned = async (archived: "exclude" | "include" | "only") => {
      const rows = await t.db.select({ status: claims.status, archivedAt: claims.archivedAt }).from(claims);
      const kept = rows.filter((row) =>
        archived === "include" ? true : (row.archivedAt !== null) === (archived === "only"),
      );
      const byStatus = { unverified: 0, sourced: 0, disputed: 0 };
      for (const row of kept) byStatus[row.status]++;
      return { byStatus, total: kept.length };
    };
    const agree = async () => {
      for (const archived of ["exclude", "include", "only"] as const)
        expect(await caller.claim.counts({ archived }), archived).toEqual(await scanned(archived));
    };
    const made = await Promise.all(
      Array.from({ length: 6 }, (_, i) => makeClaim(t.db, { text: `Claim ${i}.` })),
    );
    await agree();
    await t.db
      .insert(claims)
      .values(Array.from({ length: 40 }, (_, i) => ({ text: `Bulk ${i}.`, normalizedText: `bulk ${i}.` })));
    await t.db
      .update(claims)
      .set({ status: "sourced" })
      .where(eq(claims.id, made[0]?.id ?? ""));
    await t.db
      .update(claims)
      .set({ status: "disputed", archivedAt: new Date() })
      .where(eq(claims.id, made[1]?.id ?? ""));
    await t.db.update(claims).set({ priority: "high" }); // no status or archiving change
    await agree();
    await compactClaimCounts(t.db);
    await agree();
    expect(await t.db.$count(claimCountDeltas)).toBeLessThanOrEqual(6); // one row per status × archiving
    await t.db.delete(claims).where(eq(claims.id, made[2]?.id ?? ""));
    await agree();
    // Concurrent writers each append their own delta: none waits on another's row.
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        t.db.transaction(async (tx) => {
          await tx.insert(claims).values({ text: `Concurrent ${i}.`, normalizedText: `concurrent ${i}.` });
          await tx
            .update(claims)
            .set({ status: "sourced" })
            .where(eq(claims.text, `Bulk ${i}.`));
        }),
      ),
    );
    await agree();
  });

  it("finds words in any form and marks them, with the text kept whole", async () => {
    const user = await makeUser(t.db);
    await makeClaim(t.db, { text: 'Officials said <b>taxes</b> were raised twice in "2019".' });
    await makeClaim(t.db, { text: "Nothing to see here." });
    const caller = callerFor(t.db, user);
    const { items } = await caller.claim.list({ filter: { q: "raising tax" } });
    expect(items).toHaveLength(1);
    expect(items[0]?.highlighted).toBe(
      `Officials said <b>${HIGHLIGHT_START}taxes${HIGHLIGHT_END}</b> were ${HIGHLIGHT_START}raised${HIGHLIGHT_END} twice in "2019".`,
    );
    expect((await caller.claim.list({ filter: { q: '"raised twice" -officials' } })).items).toEqual([]);
    expect((await caller.claim.list({})).items.every((item) => item.highlighted === null)).toBe(true);
  });

  it("flags a claim that restates one with a published verdict as already fact-checked", async () => {
    const { claim: checked } = await publishVerdict(t.db);
    const user = await makeUser(t.db);
    const restated = await makeClaim(t.db, { text: "The MEK began in 1963." });
    await t.db.insert(claimLinks).values({ ...pair(checked.id, restated.id), kind: "related", score: 0.7 });
    const caller = callerFor(t.db, user);
    const { ids } = await readAll(caller, { filter: { flags: ["fact_checked"] } });
    expect(ids).toEqual([restated.id]);
    expect((await readAll(caller, { filter: { verdict: ["published"] } })).ids).toEqual([checked.id]);
    // "none" with other states: the claims without a verdict, and those in the states.
    const verdictIds = async (verdict: ("none" | "draft" | "published")[]) =>
      (await readAll(caller, { filter: { verdict } })).ids.sort();
    expect(await verdictIds(["none"])).toEqual([restated.id]);
    expect(await verdictIds(["none", "published"])).toEqual([checked.id, restated.id].sort());
    expect(await verdictIds(["none", "draft"])).toEqual([restated.id]);
    expect(await verdictIds(["draft"])).toEqual([]);
  });

  it("refuses a bad filter or cursor with a message, and strangers", async () => {
    const caller = callerFor(t.db, await makeUser(t.db));
    const failure = async (promise: Promise<unknown>) => {
      try {
        await promise;
      } catch (error) {
        if (error instanceof TRPCError) return error;
      }
      throw new Error("expected a TRPCError");
    };
    const bad = await failure(caller.claim.list({ filter: { scoreMin: 0.8, scoreMax: 0.2 } }));
    expect(bad.code).toBe("BAD_REQUEST");
    expect(bad.message).toMatch(/lowest score is above the highest/);
    expect((await failure(caller.claim.list({ filter: { createdFrom: "15/01/2024" } }))).code).toBe(
      "BAD_REQUEST",
    );
    for (let i = 0; i < 3; i++) await makeClaim(t.db, { text: `C${i}` });
    const { nextCursor } = await caller.claim.list({ sort: "priority", limit: 1 });
    const wrongSort = await failure(caller.claim.list({ sort: "newest", cursor: nextCursor }));
    expect(wrongSort.message).toMatch(/cursor is not valid/);
    expect((await failure(callerFor(t.db, null).claim.counts({}))).code).toBe("UNAUTHORIZED");
  });
});

describe("articles to filter by", () => {
  it("lists the newest, and keeps the chosen one even when it is older", async () => {
    const oldest = await makeArticle(t.db, { title: "Oldest" });
    await t.db
      .update(articles)
      .set({ createdAt: new Date("2020-01-01") })
      .where(eq(articles.id, oldest.id));
    // Distinct times: the embedded database's clock may give quick inserts the same one.
    for (const [i, title] of ["First", "Second", "Third"].entries())
      await makeArticle(t.db, { title, createdAt: new Date(Date.UTC(2024, 0, 1 + i)) });
    const reader = callerFor(t.db, await makeUser(t.db));
    expect((await reader.article.list({ limit: 2 })).map((a) => a.title)).toEqual(["Third", "Second"]);
    expect((await reader.article.list({ limit: 2, include: oldest.id })).map((a) => a.title)).toEqual([
      "Third",
      "Second",
      "Oldest",
    ]);
  });
});

describe("bulk work on the queue", () => {
  it("applies an action claim by claim, and says which were refused and why", async () => {
    const checker = await makeUser(t.db, { name: "Checker" });
    const other = await makeUser(t.db, { name: "Other" });
    const free = await makeClaim(t.db, { text: "Free claim" });
    const taken = await makeClaim(t.db, { text: "Taken claim", assigneeId: other.id });
    const mine = await makeClaim(t.db, { text: "My claim", assigneeId: checker.id });
    const caller = callerFor(t.db, checker);

    const assigned = await caller.claim.bulk({
      target: { ids: [free.id, taken.id, mine.id] },
      action: { kind: "assign", assigneeId: checker.id },
    });
    expect(assigned.succeeded).toBe(2);
    expect(assigned.outcomes.find((o) => !o.ok)).toMatchObject({
      id: taken.id,
      text: "Taken claim",
      code: "FORBIDDEN",
      message: expect.stringMatching(/Only editors/),
    });
    const rows = await t.db.select().from(claims);
    expect(rows.find((c) => c.id === taken.id)?.assigneeId).toBe(other.id);
    expect(rows.find((c) => c.id === free.id)?.assigneeId).toBe(checker.id);

    // The workflow judges each: a claim without a source cannot become "sourced".
    await makeSource(t.db, free.id, checker.id);
    const moved = await caller.claim.bulk({
      target: { ids: [free.id, mine.id] },
      action: { kind: "transition", to: "sourced" },
    });
    expect(moved.outcomes.map((o) => o.ok)).toEqual([true, false]);
    expect(moved.outcomes[1]).toMatchObject({
      code: "PRECONDITION_FAILED",
      message: expect.stringMatching(/source/i),
    });

    const history = await caller.claim.history({ id: free.id });
    expect(history.map((event) => event.action)).toEqual(
      expect.arrayContaining(["assigned", "status_changed"]),
    );
  });

  it("acts on everything a filter matches only when the count is the one confirmed", async () => {
    const editor = await makeUser(t.db, { role: "editor" });
    for (let i = 0; i < 4; i++) await makeClaim(t.db, { text: `Low ${i}`, score: 0.1 });
    await makeClaim(t.db, { text: "High", score: 0.9 });
    const caller = callerFor(t.db, editor);
    const filter = { scoreMax: 0.5 };

    const stale = await caller.claim
      .bulk({ target: { filter, expectedCount: 3 }, action: { kind: "archive", reason: "Not check-worthy" } })
      .catch((error: TRPCError) => error);
    expect(stale).toBeInstanceOf(TRPCError);
    expect((stale as TRPCError).code).toBe("CONFLICT");
    expect((stale as TRPCError).message).toMatch(/now matches 4 claims, not the 3/);
    expect((await caller.claim.counts({})).total).toBe(5);

    const archived = await caller.claim.bulk({
      target: { filter, expectedCount: 4 },
      action: { kind: "archive", reason: "Not check-worthy" },
    });
    expect(archived.succeeded).toBe(4);
    expect((await caller.claim.list({})).items.map((c) => c.text)).toEqual(["High"]);
    const restored = await caller.claim.bulk({
      target: { filter: { ...filter, archived: "only" }, expectedCount: 4 },
      action: { kind: "restore" },
    });
    expect(restored.succeeded).toBe(4);

    const bad = await caller.claim
      .bulk({ target: { filter, expectedCount: 4 }, action: { kind: "archive", reason: " " } })
      .catch((error: TRPCError) => error);
    expect((bad as TRPCError).code).toBe("BAD_REQUEST");
    expect((await caller.claim.counts({})).total).toBe(5);
  });

  it("confirms or rejects the selected claims' suggested links", async () => {
    const checker = await makeUser(t.db);
    const a = await makeClaim(t.db, { text: "Opened in 1963." });
    const b = await makeClaim(t.db, { text: "Opened in 1965." });
    const c = await makeClaim(t.db, { text: "Opened, 1963." });
    await t.db.insert(claimLinks).values([
      { ...pair(a.id, b.id), kind: "contradiction", score: 0.8, reason: "1963 vs 1965" },
      { ...pair(a.id, c.id), kind: "duplicate", score: 0.9 },
    ]);
    const result = await callerFor(t.db, checker).claim.bulk({
      target: { ids: [a.id, c.id] },
      action: { kind: "links", state: "confirmed", linkKind: "contradiction" },
    });
    expect(result.outcomes.map((o) => o.ok)).toEqual([true, false]);
    const links = await t.db.select().from(claimLinks);
    expect(links.find((l) => l.kind === "contradiction")?.state).toBe("confirmed");
    expect(links.find((l) => l.kind === "duplicate")?.state).toBe("suggested");
  });
});

describe("saved views", () => {
  it("keeps each person's named views, in the queue's URL form, and refuses a name twice", async () => {
    const me = await makeUser(t.db);
    const other = await makeUser(t.db);
    const caller = callerFor(t.db, me);
    const saved = await caller.savedView.save({
      name: "My urgent backlog",
      view: { filter: { assignee: "me", priority: ["urgent"] }, sort: "oldest" },
    });
    expect(saved.params).toBe("priority=urgent&assignee=me&sort=oldest");
    expect(await caller.savedView.list()).toEqual([saved]);
    expect(await callerFor(t.db, other).savedView.list()).toEqual([]);

    const again = await caller.savedView
      .save({ name: " My urgent backlog ", view: { filter: {} } })
      .catch((error: TRPCError) => error);
    expect((again as TRPCError).code).toBe("CONFLICT");
    expect((await caller.savedView.list())[0]?.params).toBe(saved.params);

    const stranger = await callerFor(t.db, other)
      .savedView.remove({ id: saved.id })
      .catch((e: TRPCError) => e);
    expect((stranger as TRPCError).code).toBe("NOT_FOUND");
    await caller.savedView.remove({ id: saved.id });
    expect(await caller.savedView.list()).toEqual([]);
  });
});
