import { events, verdicts } from "@factdesk/db";
import { useTestDb } from "@factdesk/db/testing";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { verifyAudit } from "../src/domain/audit";
import { callerFor, makeClaim, makeSource, makeUser } from "./factories";

const t = useTestDb();

const codes = (results: PromiseSettledResult<unknown>[]) =>
  results.map((r) =>
    r.status === "fulfilled" ? "ok" : ((r.reason as { code?: string }).code ?? String(r.reason)),
  );

describe("concurrent writers", () => {
  it("50 transitions from the same version: exactly one wins, one audit event", async () => {
    const checkers = await Promise.all(Array.from({ length: 5 }, () => makeUser(t.db)));
    const claim = await makeClaim(t.db);
    await makeSource(t.db, claim.id, checkers[0]?.id ?? "", { stance: "refutes" });

    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        callerFor(t.db, checkers[i % 5] ?? null).claim.transition({
          id: claim.id,
          to: i % 2 ? "sourced" : "disputed",
          version: 1,
        }),
      ),
    );

    const outcome = codes(results);
    expect(outcome.filter((c) => c === "ok")).toHaveLength(1);
    expect(outcome.filter((c) => c === "CONFLICT")).toHaveLength(49);
    expect(await t.db.$count(events, eq(events.entityId, claim.id))).toBe(1);
  });

  it("edits of many claims at once, and stale ones among them: every chain verifies, one event per edit saved", async () => {
    const checker = await makeUser(t.db);
    const claims = await Promise.all(Array.from({ length: 20 }, () => makeClaim(t.db)));
    const before = await t.db.$count(events);
    // Each claim edited twice from version 1: one edit wins, the other is stale. The chain is
    // claimed in the UPDATE's RETURNING: a stale edit writes no event and breaks no chain.
    const results = await Promise.allSettled(
      claims.flatMap((claim) =>
        (["high", "low"] as const).map((priority) =>
          callerFor(t.db, checker).claim.update({ id: claim.id, version: 1, priority }),
        ),
      ),
    );
    const outcome = codes(results);
    expect(outcome.filter((c) => c === "ok")).toHaveLength(20);
    expect(outcome.filter((c) => c === "CONFLICT")).toHaveLength(20);
    expect((await t.db.$count(events)) - before).toBe(20);
    expect(await verifyAudit(t.db)).toMatchObject({ ok: true });
  });

  it("two editors approving the same revision at once: one approval", async () => {
    const author = await makeUser(t.db);
    const [e1, e2] = [await makeUser(t.db, { role: "editor" }), await makeUser(t.db, { role: "editor" })];
    const claim = await makeClaim(t.db, { status: "sourced" });
    const saved = await callerFor(t.db, author).verdict.save({
      claimId: claim.id,
      baseRevision: 0,
      rating: "false",
      headline: "Founded in 1965",
      summary: null,
      explanation: "It was 1963.",
      sourceIds: [],
    });
    const submitted = await callerFor(t.db, author).verdict.submit({
      id: saved.verdict.id,
      version: saved.verdict.version,
    });

    const results = await Promise.allSettled(
      [e1, e2].map((editor) =>
        callerFor(t.db, editor).verdict.approve({ id: submitted.id, version: submitted.version }),
      ),
    );

    expect(codes(results).sort()).toEqual(["CONFLICT", "ok"]);
    const [verdict] = await t.db.select().from(verdicts).where(eq(verdicts.id, submitted.id));
    expect(verdict?.state).toBe("approved");
    expect(await t.db.$count(events, eq(events.action, "verdict_approved"))).toBe(1);
  });
});
