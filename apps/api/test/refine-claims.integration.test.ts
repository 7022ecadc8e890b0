import { claims, events } from "@factdesk/db";
import { useTestDb } from "@factdesk/db/testing";
import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { refineArticleClaims } from "../src/domain/articles";
import { createJobQueue } from "../src/jobs/queue";
import { runUntilIdle } from "../src/jobs/workers";
import { callerFor, makeUser, testConfig } from "./factories";

const t = useTestDb();

// From the seed articles: the fast model is unsure of the Mossad and Iraqi government
// sentences (about 0.2 and 0.3), which the encoder reads as the claims they are (above 0.8),
// and takes the heading for one (0.53), which the encoder does not (0.09).
const heading = "White House MEK Trolls and the Iran Case";
const text = `${heading}\n\n${[
  "The MEK was founded in 1965 by leftist students opposed to the Shah, according to the State Department.",
  "The MEK, which reportedly receives support from Israel’s Mossad, is said to be involved in money laundering.",
  "The new Iraqi government demanded the MEK forces leave Iraq.",
  "I think politics makes for strange bedfellows.",
].join(" ")}`;

const claimsOf = (articleId: string) =>
  t.db
    .select({ id: claims.id, text: claims.text, score: claims.score, version: claims.version })
    .from(claims)
    .where(eq(claims.articleId, articleId))
    .orderBy(asc(claims.seq));

describe("the sentence encoder's second look, after ingest", () => {
  it("answers on the fast scores, then adds the claims the encoder finds, once", async () => {
    const checker = await makeUser(t.db);
    const caller = callerFor(t.db, checker);
    const { articleId, claimCount } = await caller.article.ingest({ title: "MEK", text });
    const fast = await claimsOf(articleId);
    expect(claimCount).toBe(fast.length);
    expect(fast.map((c) => c.text.slice(0, 20))).toEqual([heading.slice(0, 20), "The MEK was founded "]);

    await runUntilIdle(t.handle, { config: testConfig, log: () => {} });
    // The heading is archived, saying why, as nobody had touched it; restorable like any.
    const [archived] = await t.db
      .select({ archivedAt: claims.archivedAt, reason: claims.archiveReason, score: claims.score })
      .from(claims)
      .where(eq(claims.text, heading));
    expect(archived?.archivedAt).not.toBeNull();
    expect(archived?.reason).toMatch(/sentence encoder/);
    expect(archived?.score).toBeLessThan(0.45);
    expect(await t.db.$count(events, eq(events.action, "archived"))).toBe(1);

    const refined = (await claimsOf(articleId)).filter((c) => c.text !== heading);
    expect(refined.map((c) => c.text.slice(0, 20)).sort()).toEqual([
      "The MEK was founded ",
      "The MEK, which repor",
      "The new Iraqi govern",
    ]);
    for (const claim of refined) expect(claim.score).toBeGreaterThanOrEqual(0.45);
    const added = refined.filter((c) => !fast.some((f) => f.id === c.id));
    // Audited as created by the person who ingested.
    expect(await t.db.$count(events, and(eq(events.action, "created"), eq(events.actorId, checker.id)))).toBe(
      4,
    );
    expect(await t.db.$count(events, eq(events.action, "refined"))).toBe(1);
    expect(added).toHaveLength(2);

    // Run again (a retry): nothing is added or changed twice.
    const again = await refineArticleClaims(t.db, createJobQueue(t.db), {
      articleId,
      actorId: checker.id,
      threshold: 0.45,
    });
    expect(again).toMatchObject({ added: 0, archived: 0 });
    expect((await claimsOf(articleId)).filter((c) => c.text !== heading)).toEqual(refined);
  });

  it("keeps a person's own choice of sentences, re-scoring them without a new version", async () => {
    const caller = callerFor(t.db, await makeUser(t.db));
    const { articleId } = await caller.article.ingest({ title: "MEK", text, sentenceIndexes: [2, 4] });
    const [mossad, opinion] = await claimsOf(articleId);
    expect(mossad?.score).toBeLessThan(0.45);

    await runUntilIdle(t.handle, { config: testConfig, log: () => {} });
    const after = await claimsOf(articleId);
    expect(after).toHaveLength(2);
    expect(after[0]).toMatchObject({ id: mossad?.id, version: mossad?.version });
    expect(after[0]?.score).toBeGreaterThan(0.8);
    const [stored] = await t.db
      .select({ reasons: claims.scoreReasons })
      .from(claims)
      .where(eq(claims.id, mossad?.id ?? ""));
    expect(stored?.reasons[0]).toBe("reads like claims fact-checkers check (sentence encoder)");
    expect(after[1]).toEqual(opinion);
  });

  it("never archives a claim someone has touched since it was stored", async () => {
    const caller = callerFor(t.db, await makeUser(t.db));
    await caller.article.ingest({ title: "MEK", text });
    const [stored] = await t.db.select().from(claims).where(eq(claims.text, heading));
    await caller.claim.update({ id: stored?.id ?? "", version: stored?.version ?? 0, priority: "high" });

    await runUntilIdle(t.handle, { config: testConfig, log: () => {} });
    const [after] = await t.db.select().from(claims).where(eq(claims.text, heading));
    expect(after).toMatchObject({ archivedAt: null, priority: "high" });
    expect(after?.score).toBeLessThan(0.45);
  });
});
