import { join } from "node:path";
import { factSubjects, YEAR_SQL_PATTERN } from "@factdesk/claims";
import { claimLinks, claims } from "@factdesk/db";
import { useTestDb } from "@factdesk/db/testing";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { firstMatching } from "../src/domain/matching";
import { runUntilIdle } from "../src/jobs/workers";
import { repoRoot } from "../src/paths";
import { seedDatabase } from "../src/seed";
import { callerFor, makeUser, testConfig } from "./factories";

const t = useTestDb();

describe("similar and contradicting claims", () => {
  it("surfaces the seed articles' conflicting founding years, and a confirmed contradiction allows 'disputed'", async () => {
    await seedDatabase(t.db, {
      dir: join(repoRoot, "seeds"),
      password: "seed-password-1",
      publicUrl: testConfig.publicUrl,
    });
    expect(await t.db.$count(claimLinks), "links are suggested by a job, after ingest").toBe(0);
    await runUntilIdle(t.handle, { config: testConfig, log: () => {} });
    const links = await t.db.select().from(claimLinks);
    expect(links.length).toBeGreaterThan(0);
    expect(links.every((link) => link.state === "suggested" && link.claimAId < link.claimBId)).toBe(true);

    const founding = links.find(
      (link) => link.kind === "contradiction" && /1963 vs 1965/.test(link.reason ?? ""),
    );
    expect(founding, "a 1963 vs 1965 contradiction").toBeDefined();
    if (!founding) return;
    // Not only figures: the side the group fought on in the Iran-Iraq war, with the reason.
    expect(links.filter((link) => link.kind === "contradiction").map((link) => link.reason)).toContain(
      "side: against vs with Iran",
    );

    const checker = await makeUser(t.db);
    const caller = callerFor(t.db, checker);
    const view = await caller.claim.links({ id: founding.claimAId });
    const shown = view.find((link) => link.id === founding.id);
    expect(shown).toMatchObject({
      kind: "contradiction",
      state: "suggested",
      other: { id: founding.claimBId },
    });
    expect(view[0]?.kind).toBe("contradiction");

    const [claim] = await t.db.select().from(claims).where(eq(claims.id, founding.claimAId));
    const disputed = () =>
      caller.claim.get({ id: founding.claimAId }).then((v) => v.transitions.find((o) => o.to === "disputed"));
    expect((await disputed())?.allowed).toBe(false);
    // Deciding goes by the version seen: a second decision on what was seen is refused.
    await caller.claim.decideLinks({ links: [founding], state: "confirmed" });
    expect((await disputed())?.allowed).toBe(true);
    await expect(caller.claim.decideLinks({ links: [founding], state: "rejected" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    // Overturning a decision is an editor's.
    await expect(
      caller.claim.decideLinks({
        links: [{ id: founding.id, version: founding.version + 1 }],
        state: "rejected",
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await caller.claim.transition({ id: founding.claimAId, to: "disputed", version: claim?.version ?? 1 });

    const others = links.filter((link) => link.id !== founding.id);
    if (others.length)
      expect((await caller.claim.decideLinks({ links: others, state: "rejected" })).updated).toBe(
        others.length,
      );
    const history = await caller.claim.history({ id: founding.claimAId });
    expect(history.map((e) => e.action)).toEqual(
      expect.arrayContaining(["link_suggested", "link_confirmed", "status_changed"]),
    );
    expect(history.find((e) => e.action === "link_confirmed")).toMatchObject({
      from: "suggested",
      to: "confirmed",
    });
  });

  it("looks for a year's contradictions among claims stating a year, as the comparison reads a year", async () => {
    const texts = [
      "The MEK was founded in 1965.",
      "Philadelphia hosted the convention of 1787",
      "In the 1980s the group moved to Iraq.",
      "It cost 2,000 dollars.",
      "About 19 people and 200 more attended.",
      "Room 20190 was booked.",
      "No number here.",
    ];
    for (const text of texts) {
      const result = (await t.db.execute(sql`select ${text} ~ ${YEAR_SQL_PATTERN} as year`)) as unknown as {
        rows: { year: boolean }[];
      };
      const statesYear = factSubjects(text).some((subject) => subject.kind === "year");
      expect(result.rows[0]?.year, text).toBe(statesYear);
    }
  });
});

describe("asking for candidates condition by condition", () => {
  it("keeps each row once, up to the limit, in the order of the conditions", async () => {
    const texts = [
      "Alpha beta one.",
      "Alpha beta two.",
      "Alpha beta gamma delta three.",
      "Alpha beta gamma delta four.",
      "Gamma delta five.",
    ];
    await t.db.insert(claims).values(texts.map((text) => ({ text, normalizedText: text.toLowerCase() })));
    const conditions = [
      sql`${claims.search} @@ 'alpha & beta'::tsquery`,
      sql`${claims.search} @@ 'gamma & delta'::tsquery`,
    ];
    const ask = (limit: number) =>
      firstMatching<{ id: string; text: string }>(
        t.db,
        conditions,
        (shares) => sql`select ${claims.id} as id, ${claims.text} as text from ${claims} where ${shares}`,
        limit,
      );
    const all = await ask(10);
    expect(all.map((row) => row.text).sort()).toEqual([...texts].sort());
    expect(all.at(-1)?.text, "the second condition's own row comes after the first's").toBe(
      "Gamma delta five.",
    );
    expect(await ask(3)).toHaveLength(3);
    expect(await firstMatching(t.db, [], () => sql`select 1`, 3)).toEqual([]);
  });
});
