import { readFileSync } from "node:fs";
import { join } from "node:path";
import { articles, claimLinks, claims, events, users } from "@factdesk/db";
import { useTestDb } from "@factdesk/db/testing";
import { describe, expect, it } from "vitest";
import { splitTitle } from "../src/domain/articles";
import { login } from "../src/domain/auth";
import { repoRoot } from "../src/paths";
import { isEmpty, seedDatabase } from "../src/seed";
import { callerFor, testConfig } from "./factories";

const t = useTestDb();
const options = {
  dir: join(repoRoot, "seeds"),
  password: "seed-password-1",
  publicUrl: testConfig.publicUrl,
};

describe("seedDatabase", () => {
  // Seeding runs the sentence encoder over five articles: slower than most tests on a busy machine.
  it("loads the five seed articles and the demo users, once", async () => {
    expect(await isEmpty(t.db)).toBe(true);
    const first = await seedDatabase(t.db, options);
    expect(first).toMatchObject({ files: 5, articles: 5, users: 3 });
    expect(first.claims).toBeGreaterThan(100);

    const again = await seedDatabase(t.db, options);
    expect(again).toMatchObject({ articles: 0, users: 0, claims: 0 });
    expect(await t.db.$count(articles)).toBe(5);
    expect(await t.db.$count(claims)).toBe(first.claims);
    expect(await t.db.$count(users)).toBe(3);
    // Every claim, article, user and suggested link has its creation in the audit log.
    expect(await t.db.$count(events)).toBe(first.claims + 5 + 3 + (await t.db.$count(claimLinks)));
  }, 120_000);

  it("lets the demo checker log in and see claims from all five articles", async () => {
    await seedDatabase(t.db, options);
    const session = await login(
      t.db,
      { email: "checker@factdesk.test", password: options.password },
      { ttlMs: 60_000 },
    );
    const caller = callerFor(t.db, session.user);

    const articleIds = new Set<string>();
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof caller.claim.list>> = await caller.claim.list({
        limit: 200,
        cursor,
      });
      for (const item of page.items) if (item.article) articleIds.add(item.article.id);
      cursor = page.nextCursor;
    } while (cursor);
    expect(articleIds.size).toBe(5);
  });

  it("reads each seed's author, outlet and date from its byline, credit line or dateline", async () => {
    await seedDatabase(t.db, options);
    const byTitle = new Map((await t.db.select().from(articles)).map((a) => [a.title, a]));
    expect(byTitle.get("The MEK : Illusion vs. Reality")).toMatchObject({
      author: "Robert Fantina",
      outlet: "Counter Punch",
      publishedAt: new Date("2019-08-02T12:00:00Z"),
    });
    expect(byTitle.get("Former US officials speak at radical anti-Iran forum")).toMatchObject({
      author: null,
      publishedAt: new Date("2020-11-13T12:00:00Z"),
    });
  });

  it("keeps sentence offsets that point into the stored article body", async () => {
    await seedDatabase(t.db, options);
    const bodies = new Map((await t.db.select().from(articles)).map((a) => [a.id, a.body]));
    const all = await t.db.select().from(claims);
    const misplaced = all.filter(
      (c) => bodies.get(c.articleId ?? "")?.slice(c.sentenceStart ?? -1, c.sentenceEnd ?? -1) !== c.text,
    );
    expect(all.length).toBeGreaterThan(0);
    expect(misplaced).toEqual([]);
  });
});

describe("splitTitle", () => {
  it("takes the first non-empty line as the title", () => {
    expect(splitTitle("\n\nTitle here\r\n\r\nBody one.\r\nBody two.\n")).toEqual({
      title: "Title here",
      body: "Body one.\nBody two.",
    });
  });

  it("passes over boilerplate: the seed blog's title is its post's, not its navigation", () => {
    const text = readFileSync(join(repoRoot, "seeds", "003_772ee112c05c57fb.txt"), "utf8");
    expect(splitTitle(text).title).toBe("Former US officials speak at radical anti-Iran forum");
  });
});
