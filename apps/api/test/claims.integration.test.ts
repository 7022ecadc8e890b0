import { claims, events } from "@factdesk/db";
import { useTestDb } from "@factdesk/db/testing";
import type { TClaimTransitionInput } from "@factdesk/schema";
import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { callerFor, makeArticle, makeClaim, makeSource, makeUser } from "./factories";

const t = useTestDb();

/** The tRPC error a call fails with; fails the test if it succeeds. */
async function failure(call: Promise<unknown>) {
  try {
    await call;
  } catch (error) {
    if (error instanceof TRPCError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

async function snapshot(claimId: string) {
  const [claim] = await t.db.select().from(claims).where(eq(claims.id, claimId));
  const history = await t.db.select().from(events).where(eq(events.entityId, claimId));
  return { status: claim?.status, version: claim?.version, events: history.length };
}

describe("claim.transition", () => {
  it("moves a sourced claim and records exactly one audit event", async () => {
    const checker = await makeUser(t.db);
    const claim = await makeClaim(t.db);
    await makeSource(t.db, claim.id, checker.id);

    const result = await callerFor(t.db, checker).claim.transition({
      id: claim.id,
      to: "sourced",
      version: 1,
    });

    expect(result).toEqual({ id: claim.id, status: "sourced", version: 2 });
    const history = await t.db.select().from(events).where(eq(events.entityId, claim.id));
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      actorId: checker.id,
      action: "status_changed",
      from: "unverified",
      to: "sourced",
    });
  });

  it("refuses an editor-only transition to a fact-checker with FORBIDDEN and changes nothing", async () => {
    const checker = await makeUser(t.db);
    const claim = await makeClaim(t.db, { status: "sourced" });
    const before = await snapshot(claim.id);

    const error = await failure(
      callerFor(t.db, checker).claim.transition({
        id: claim.id,
        to: "unverified",
        version: 1,
        reason: "wrong",
      }),
    );

    expect(error.code).toBe("FORBIDDEN");
    expect(error.message).toBe("Only editors can send back to unverified.");
    expect(await snapshot(claim.id)).toEqual(before);
  });

  it("refuses a stale version with CONFLICT, the current state, and no change", async () => {
    const editor = await makeUser(t.db, { role: "editor" });
    const claim = await makeClaim(t.db);
    await makeSource(t.db, claim.id, editor.id, { stance: "refutes" });
    await callerFor(t.db, editor).claim.transition({ id: claim.id, to: "disputed", version: 1 });
    const before = await snapshot(claim.id);

    const error = await failure(
      callerFor(t.db, editor).claim.transition({
        id: claim.id,
        to: "unverified",
        version: 1,
        reason: "misread",
      }),
    );

    expect(error.code).toBe("CONFLICT");
    expect(error.message).toMatch(
      /changed this claim since you opened it \(you saw version 1, it is now 2\)/,
    );
    expect(error.cause).toMatchObject({ details: { current: { status: "disputed", version: 2 } } });
    expect(await snapshot(claim.id)).toEqual(before);
  });

  it("refuses an edit from a stale version or of an unknown claim, and audits the values an edit replaced", async () => {
    const checker = await makeUser(t.db);
    const claim = await makeClaim(t.db);
    const caller = callerFor(t.db, checker);
    await caller.claim.update({ id: claim.id, version: 1, priority: "urgent", claimant: "Jane Doe" });
    const before = await snapshot(claim.id);
    const stale = await failure(caller.claim.update({ id: claim.id, version: 1, priority: "low" }));
    expect(stale.code).toBe("CONFLICT");
    expect(stale.message).toMatch(/since you opened it \(you saw version 1, it is now 2\)/);
    expect(stale.cause).toMatchObject({ details: { current: { priority: "urgent", version: 2 } } });
    expect(await snapshot(claim.id)).toEqual(before);
    const missing = await failure(
      caller.claim.update({ id: "00000000-0000-4000-8000-000000000000", version: 1, priority: "low" }),
    );
    expect(missing.code).toBe("NOT_FOUND");
    const [edited] = await t.db.select().from(events).where(eq(events.action, "edited"));
    expect(edited?.data).toMatchObject({
      before: { priority: "normal", claimant: null },
      after: { priority: "urgent", claimant: "Jane Doe" },
    });
    // A form sends every field; the history keeps what changed.
    await caller.claim.update({ id: claim.id, version: 2, priority: "low", claimant: "Jane Doe" });
    const [, again] = await t.db.select().from(events).where(eq(events.action, "edited")).orderBy(events.id);
    expect(again?.data).toEqual({ before: { priority: "urgent" }, after: { priority: "low" } });
  });

  it("lets exactly one of two simultaneous writers win", async () => {
    const [a, b] = [await makeUser(t.db), await makeUser(t.db)];
    const claim = await makeClaim(t.db);
    await makeSource(t.db, claim.id, a.id, { stance: "refutes" });

    const results = await Promise.allSettled([
      callerFor(t.db, a).claim.transition({ id: claim.id, to: "sourced", version: 1 }),
      callerFor(t.db, b).claim.transition({ id: claim.id, to: "disputed", version: 1 }),
    ]);

    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected");
    expect((rejected as PromiseRejectedResult).reason.code).toBe("CONFLICT");
    expect((await snapshot(claim.id)).events).toBe(1);
  });

  it("says what is missing when a precondition fails, and changes nothing", async () => {
    const checker = await makeUser(t.db);
    const claim = await makeClaim(t.db);
    const error = await failure(
      callerFor(t.db, checker).claim.transition({ id: claim.id, to: "sourced", version: 1 }),
    );
    expect(error.code).toBe("PRECONDITION_FAILED");
    expect(error.message).toBe("Add a source first.");
    expect(await snapshot(claim.id)).toEqual({ status: "unverified", version: 1, events: 0 });
  });

  it("needs an editor's reason to send a claim back, and keeps the reason in the audit trail", async () => {
    const editor = await makeUser(t.db, { role: "editor" });
    const claim = await makeClaim(t.db, { status: "sourced" });
    const caller = callerFor(t.db, editor);

    const missing = await failure(caller.claim.transition({ id: claim.id, to: "unverified", version: 1 }));
    expect(missing.code).toBe("BAD_REQUEST");

    await caller.claim.transition({ id: claim.id, to: "unverified", version: 1, reason: "Source misquoted" });
    const [event] = await t.db.select().from(events).where(eq(events.entityId, claim.id));
    expect(event?.data).toEqual({ reason: "Source misquoted" });
  });

  it("refuses a move the table does not have with CONFLICT", async () => {
    const admin = await makeUser(t.db, { role: "admin" });
    const claim = await makeClaim(t.db, { status: "disputed" });
    const error = await failure(
      callerFor(t.db, admin).claim.transition({ id: claim.id, to: "sourced", version: 1 }),
    );
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toBe("A claim that is Disputed cannot move to Sourced.");
  });
});

describe("bad input gets a 4xx with a clear message", () => {
  it.each([
    [
      "an unknown id",
      { id: "00000000-0000-4000-8000-000000000000", to: "sourced", version: 1 },
      "NOT_FOUND",
      /No claim/,
    ],
    ["a malformed id", { id: "42", to: "sourced", version: 1 }, "BAD_REQUEST", /id: Not a valid id/],
    [
      "an unknown status",
      { id: "00000000-0000-4000-8000-000000000000", to: "true", version: 1 },
      "BAD_REQUEST",
      /^to:/,
    ],
    [
      "a version of the wrong type",
      { id: "00000000-0000-4000-8000-000000000000", to: "sourced", version: "1" },
      "BAD_REQUEST",
      /^version:/,
    ],
    [
      "a huge reason",
      { id: "00000000-0000-4000-8000-000000000000", to: "sourced", version: 1, reason: "x".repeat(100_000) },
      "BAD_REQUEST",
      /to 2,000 characters at most/,
    ],
  ])("%s", async (_name, input, code, message) => {
    const checker = await makeUser(t.db);
    // Sent as a careless client would, past the static types.
    const error = await failure(
      callerFor(t.db, checker).claim.transition(input as unknown as TClaimTransitionInput),
    );
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it("rejects an invalid page cursor and an oversized page", async () => {
    const caller = callerFor(t.db, await makeUser(t.db));
    expect((await failure(caller.claim.list({ cursor: "not-a-cursor" }))).message).toMatch(
      /cursor is not valid/,
    );
    expect((await failure(caller.claim.list({ limit: 10_000 }))).code).toBe("BAD_REQUEST");
    expect((await failure(caller.claim.get({ id: "00000000-0000-4000-8000-000000000000" }))).code).toBe(
      "NOT_FOUND",
    );
  });

  it("needs a session for every claim procedure", async () => {
    const anonymous = callerFor(t.db, null);
    expect((await failure(anonymous.claim.list({}))).code).toBe("UNAUTHORIZED");
    expect((await failure(anonymous.claim.get({ id: "00000000-0000-4000-8000-000000000000" }))).code).toBe(
      "UNAUTHORIZED",
    );
    expect(
      (
        await failure(
          anonymous.claim.transition({
            id: "00000000-0000-4000-8000-000000000000",
            to: "sourced",
            version: 1,
          }),
        )
      ).code,
    ).toBe("UNAUTHORIZED");
  });
});

describe("claim.list (the review queue)", () => {
  it("filters by status, assignee and article, and pages without gaps or repeats", async () => {
    const checker = await makeUser(t.db);
    const article = await makeArticle(t.db);
    const made: Awaited<ReturnType<typeof makeClaim>>[] = [];
    for (let i = 0; i < 7; i++) {
      made.push(
        await makeClaim(t.db, {
          text: `Claim number ${i} about 19${60 + i}.`,
          score: (i % 3) / 3,
          status: i < 2 ? "sourced" : "unverified",
          articleId: i % 2 ? article.id : null,
          assigneeId: i === 3 ? checker.id : null,
        }),
      );
    }
    const caller = callerFor(t.db, checker);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof caller.claim.list>> = await caller.claim.list({
        limit: 3,
        cursor,
      });
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    const scores = seen.map((id) => made.find((c) => c.id === id)?.score ?? -1);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));

    expect((await caller.claim.list({ filter: { status: ["sourced"] } })).items).toHaveLength(2);
    expect((await caller.claim.list({ filter: { assignee: "me" } })).items.map((c) => c.id)).toEqual([
      made[3]?.id,
    ]);
    expect((await caller.claim.list({ filter: { assignee: "unassigned" } })).items).toHaveLength(6);
    expect((await caller.claim.list({ filter: { articleId: article.id } })).items).toHaveLength(3);
    const newest = await caller.claim.list({ sort: "newest", limit: 2 });
    expect(newest.items.map((c) => c.id)).toEqual([made[6]?.id, made[5]?.id]);
  });
});

describe("claim.get", () => {
  it("shows the claim in its article, its sources, and what the reader may do next", async () => {
    const checker = await makeUser(t.db);
    const body = "Intro sentence here. The MEK was founded in 1965. Closing remark.";
    const article = await makeArticle(t.db, { body });
    const start = body.indexOf("The MEK");
    const [claim] = await t.db
      .insert(claims)
      .values({
        text: "The MEK was founded in 1965.",
        normalizedText: "the mek was founded in 1965.",
        articleId: article.id,
        sentenceStart: start,
        sentenceEnd: start + 28,
      })
      .returning();
    if (!claim) throw new Error("no claim");

    const view = await callerFor(t.db, checker).claim.get({ id: claim.id });

    expect(view.article?.context).toEqual({
      before: "Intro sentence here. ",
      sentence: "The MEK was founded in 1965.",
      after: " Closing remark.",
    });
    expect(view.sources).toEqual([]);
    expect(view.transitions).toEqual([
      expect.objectContaining({
        to: "sourced",
        allowed: false,
        blocker: expect.objectContaining({ message: "Add a source first." }),
      }),
      expect.objectContaining({ to: "disputed", allowed: false }),
    ]);
  });
});
