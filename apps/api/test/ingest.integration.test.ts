import { articles, claims, events } from "@factdesk/db";
import { useTestDb } from "@factdesk/db/testing";
import { TRPCError } from "@trpc/server";
import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { callerFor, makeUser } from "./factories";

const t = useTestDb();

const article = [
  "Iraq Intensifies Efforts to Expel Iranian Group",
  "",
  "The MEK was founded in 1963 by a group of Marxists, according to the State Department.",
  "I think politics makes for strange bedfellows.",
  "Leave a Reply",
  "+ 44 = 51",
  "About 2,000 members of the group relocated to Iraq during the 1980s, Juni said.",
].join("\n");

describe("article.preview and article.ingest", () => {
  it("previews clean sentences with scores, reasons and claimants, writing nothing", async () => {
    const caller = callerFor(t.db, await makeUser(t.db));
    const preview = await caller.article.preview({
      title: "Iraq Intensifies Efforts to Expel Iranian Group",
      text: article,
    });
    expect(preview.removed.map((r) => r.rule)).toEqual([
      "repeated title",
      "comment form",
      "captcha arithmetic",
    ]);
    expect(preview.sentences.map((s) => [s.text.slice(0, 20), s.suggested, s.claimant])).toEqual([
      ["The MEK was founded ", true, "State Department"],
      ["I think politics mak", false, null],
      ["About 2,000 members ", true, "Juni"],
    ]);
    expect(preview.sentences[0]?.reasons).toContain("has a year");
    expect(await t.db.$count(articles)).toBe(0);
  });

  it("offers the byline's author and date, and ingests them unless the checker gave others", async () => {
    const caller = callerFor(t.db, await makeUser(t.db));
    const text = [
      "Ministers deny the figures",
      "By Jane Doe, Staff Reporter | 14 March 2025",
      "The ministry said 3,000 people attended the rally in Tirana on Monday.",
    ].join("\n");
    const preview = await caller.article.preview({ text });
    expect(preview).toMatchObject({
      title: "Ministers deny the figures",
      author: "Jane Doe",
      outlet: null,
      publishedAt: "2025-03-14T12:00:00.000Z",
    });
    expect(preview.removed.map((r) => r.rule)).toContain("byline");
    await caller.article.ingest({ text, outlet: "Tirana Post", sentenceIndexes: [0] });
    const [stored] = await t.db.select().from(articles);
    expect(stored).toMatchObject({
      author: "Jane Doe",
      outlet: "Tirana Post",
      publishedAt: new Date("2025-03-14T12:00:00Z"),
    });
  });

  it("dates a claim by the day its sentence says it was made, read against the article's date", async () => {
    const caller = callerFor(t.db, await makeUser(t.db));
    const text = [
      "Ministers deny the figures",
      "By Jane Doe, Staff Reporter | Friday, 14 March 2025",
      "The minister told reporters on Tuesday that 3,000 people attended the rally.",
      "The ministry said 40 schools closed on Monday.",
    ].join("\n");
    await caller.article.ingest({ text, sentenceIndexes: [0, 1] });
    const stored = await t.db.select({ text: claims.text, statedOn: claims.statedOn }).from(claims);
    expect(Object.fromEntries(stored.map((claim) => [claim.text, claim.statedOn]))).toEqual({
      "The minister told reporters on Tuesday that 3,000 people attended the rally.": "2025-03-11",
      // Monday is when the schools closed, not when the ministry spoke.
      "The ministry said 40 schools closed on Monday.": null,
    });
    const claim = await caller.claim.get({ id: (await t.db.select().from(claims))[0]?.id ?? "" });
    await expect(
      caller.claim.update({ id: claim.claim.id, version: claim.claim.version, statedOn: "2999-01-01" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("after today") });
    await expect(
      caller.claim.update({ id: claim.claim.id, version: claim.claim.version, statedOn: "14 March" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("YYYY-MM-DD") });
  });

  it("previews a megabyte article written as one paragraph in bounded memory", async () => {
    const caller = callerFor(t.db, await makeUser(t.db));
    const sentence = "The ministry said 3,000 people attended the rally in Tirana on Monday. ";
    const text = sentence.repeat(Math.ceil(1_000_000 / sentence.length));
    const heapBefore = process.memoryUsage().heapUsed;
    const preview = await caller.article.preview({ title: "One long paragraph", text });
    expect(preview.sentences.length).toBe(Math.ceil(1_000_000 / sentence.length));
    // Quadratic segmentation took gigabytes here; linear work stays within a few hundred MB.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(500_000_000);
  });

  it("refuses an article over the size limit before any work", async () => {
    const caller = callerFor(t.db, await makeUser(t.db));
    await expect(
      caller.article.preview({ title: "Too long", text: "a ".repeat(1_000_001) }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("2 million characters"),
    });
  });

  it("creates the chosen claims in one go, audited, and is idempotent", async () => {
    const checker = await makeUser(t.db);
    const caller = callerFor(t.db, checker);
    const input = {
      title: "Iraq Intensifies Efforts to Expel Iranian Group",
      text: article,
      url: "https://example.org/iraq",
      outlet: "Example Times",
    };

    const result = await caller.article.ingest({ ...input, sentenceIndexes: [0, 1] });
    expect(result).toMatchObject({ created: true, claimCount: 2 });
    const created = await t.db
      .select()
      .from(claims)
      .where(eq(claims.articleId, result.articleId))
      .orderBy(asc(claims.seq));
    expect(created.map((c) => c.claimant)).toEqual(["State Department", null]);
    const [stored] = await t.db.select().from(articles);
    expect(stored).toMatchObject({ outlet: "Example Times", url: "https://example.org/iraq" });
    expect(stored?.body).not.toContain("Leave a Reply");
    for (const claim of created)
      expect(stored?.body.slice(claim.sentenceStart ?? 0, claim.sentenceEnd ?? 0)).toBe(claim.text);
    expect(await t.db.$count(events, eq(events.action, "created"))).toBe(2);

    const again = await caller.article.ingest(input);
    expect(again).toMatchObject({ articleId: result.articleId, created: false, claimCount: 0 });
    expect(await t.db.$count(claims)).toBe(2);
  });

  it("refuses bad input with a message and writes nothing", async () => {
    const caller = callerFor(t.db, await makeUser(t.db));
    for (const input of [
      { title: "x".repeat(301), text: article },
      { title: "T", text: "" },
      { title: "T", text: article, url: "javascript:alert(1)" },
      { title: "T", text: "x".repeat(2_000_001) },
      { title: "T", text: article, publishedAt: "last Tuesday" },
    ]) {
      const error = await caller.article.ingest(input).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TRPCError);
      expect((error as TRPCError).code).toBe("BAD_REQUEST");
    }
    expect(await t.db.$count(articles)).toBe(0);
  });

  it("titles an untitled text by its first line that is not boilerplate, and an HTML page by its own", async () => {
    const caller = callerFor(t.db, await makeUser(t.db));
    const blog = [
      "Showing posts with label MEK. Show all posts",
      "Friday, November 13, 2020",
      "Former US officials speak at radical anti-Iran forum",
      "The conference was held by the National Council of Resistance of Iran in 2020.",
    ].join("\n");
    expect((await caller.article.preview({ text: blog })).title).toBe(
      "Former US officials speak at radical anti-Iran forum",
    );
    const page = `<html><head><title>Budget | Example Times</title></head><body><article>
      <p>The ministry said the health budget doubled to $4 billion in 2024, but records show it rose by 12 percent.</p>
      </article></body></html>`;
    expect((await caller.article.preview({ title: null, text: page })).title).toBe("Budget | Example Times");
  });
});
