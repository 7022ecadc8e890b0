import { cosine, embedSentences } from "@factdesk/claims";
import { events, factChecks } from "@factdesk/db";
import { useTestDb } from "@factdesk/db/testing";
import type { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { ARCHIVE_COVERAGE_THRESHOLD, archiveCandidates, matchFactChecks } from "../src/domain/fact-checks";
import { runUntilIdle } from "../src/jobs/workers";
import { callerFor, makeUser, testConfig } from "./factories";

const t = useTestDb();

const claimReviews = JSON.stringify([
  {
    "@type": "ClaimReview",
    datePublished: "Wed, 11 Mar 2020 01:05:52 UTC +00:00",
    url: "https://checks.example/mek-delisting",
    author: { "@type": "Organization", name: "Example Checks", url: "https://checks.example" },
    claimReviewed: "The State Department removed the MEK from its list of terrorist organisations in 2012.",
    reviewRating: { ratingValue: "5", bestRating: "5", alternateName: "True" },
  },
  {
    "@type": "MediaReview",
    associatedClaimReview: {
      "@type": "ClaimReview",
      url: "https://checks.example/vaccine-chips",
      author: { name: "Example Checks" },
      claimReviewed: "Covid vaccines contain microchips that track people.",
      reviewRating: { ratingValue: 4, bestRating: 0, worstRating: 5, alternateName: "False" },
    },
  },
]);

const table = `text\trating\turl\tdate
Albania hosts about 3,000 members of the MEK at a camp near Durres.\tMostly true\t/albania-camp\t5 March 2021
The Eiffel Tower was sold twice for scrap metal.\tFalse\t/eiffel\t2021-01-02
`;

describe("the fact-check archive", () => {
  it("imports ClaimReview and tables once, audited, and matches new claims against them", async () => {
    const editor = await makeUser(t.db, { role: "editor" });
    const caller = callerFor(t.db, editor);

    expect(await caller.factCheck.import({ content: claimReviews })).toEqual({
      imported: 2,
      alreadyPresent: 0,
      skipped: [],
    });
    expect(await caller.factCheck.import({ content: claimReviews })).toMatchObject({
      imported: 0,
      alreadyPresent: 2,
    });
    expect(
      await caller.factCheck.import({ content: table, format: "table", baseUrl: "https://checks.example/" }),
    ).toMatchObject({ imported: 2 });
    expect(await t.db.$count(factChecks)).toBe(4);
    expect(await t.db.$count(events, eq(events.entityType, "fact_check"))).toBe(4);

    const [best, ...rest] = await caller.factCheck.match({
      text: "In 2012 the US State Department delisted the MEK as a terrorist group",
    });
    expect(best).toMatchObject({
      url: "https://checks.example/mek-delisting",
      rating: "True",
      publisher: "Example Checks",
    });
    expect(best?.coverage).toBeGreaterThan(ARCHIVE_COVERAGE_THRESHOLD);
    expect(rest.every((m) => m.score < (best?.score ?? 0))).toBe(true);

    const albania = await caller.factCheck.match({
      text: "About 3,000 MEK members live in a camp in Albania.",
    });
    expect(albania[0]?.url).toBe("https://checks.example/albania-camp");
    expect(await caller.factCheck.match({ text: "zzz qqq" })).toEqual([]);

    // A claim ingested later shows the archived fact-check on its page.
    await caller.article.ingest({
      title: "Delisting",
      text: "The MEK was removed from the State Department's list of terrorist organisations in 2012.",
      sentenceIndexes: [0],
    });
    const {
      items: [claim],
    } = await caller.claim.list({});
    const matches = await caller.claim.archiveMatches({ id: claim?.id ?? "" });
    expect(matches.map((m) => m.url)).toEqual(["https://checks.example/mek-delisting"]);

    // Sharing a name is not having been checked: a different statement about the MEK shows nothing.
    const other = await caller.article.ingest({
      title: "Founding",
      text: "The MEK held a congress in Paris in 2019.",
      sentenceIndexes: [0],
    });
    const {
      items: [otherClaim],
    } = await caller.claim.list({ filter: { articleId: other.articleId } });
    expect(await caller.claim.archiveMatches({ id: otherClaim?.id ?? "" })).toEqual([]);
  });

  it("marks the queue's claims 'Already fact-checked' when an import covers them, and new ones at ingest", async () => {
    const editor = await makeUser(t.db, { role: "editor" });
    const caller = callerFor(t.db, editor);
    const runJobs = () => runUntilIdle(t.handle, { config: testConfig, log: () => {} });
    // Claims in the queue before the archive knows anything.
    await caller.article.ingest({
      title: "Delisting",
      text: [
        "The MEK was removed from the State Department's list of terrorist organisations in 2012.",
        "The MEK held a congress in Paris in 2019.",
      ].join(" "),
      sentenceIndexes: [0, 1],
    });
    await runJobs();
    const flagged = async () =>
      (await caller.claim.list({ filter: { flags: ["fact_checked"] } })).items.map((claim) => claim.text);
    expect(await flagged()).toEqual([]);

    await caller.factCheck.import({ content: claimReviews });
    await runJobs();
    expect(await flagged()).toEqual([
      "The MEK was removed from the State Department's list of terrorist organisations in 2012.",
    ]);
    const { items } = await caller.claim.list({});
    expect(items.find((claim) => claim.text.includes("Paris"))?.flags.factChecked).toBe(false);
    expect(items.find((claim) => claim.text.includes("removed"))?.flags.factChecked).toBe(true);

    // A claim ingested after the import is marked by the ingest's own job.
    await caller.article.ingest({
      title: "Chips",
      text: "Covid vaccines contain microchips that track people, the post claimed.",
      sentenceIndexes: [0],
    });
    await runJobs();
    expect(await flagged()).toHaveLength(2);

    // Reworded, a claim is matched again: it is marked by what it now restates.
    const paris = (await caller.claim.list({})).items.find((claim) => claim.text.includes("Paris"));
    await caller.claim.update({
      id: paris?.id ?? "",
      version: paris?.version ?? 0,
      text: "The State Department took the MEK off its list of terrorist organisations in 2012.",
    });
    await runJobs();
    expect(await flagged()).toHaveLength(3);
  });

  it("gives each imported fact-check its sentence vector in a job, and ranks by it once it is there", async () => {
    const editor = await makeUser(t.db, { role: "editor" });
    const caller = callerFor(t.db, editor);
    await caller.factCheck.import({ content: table, format: "table", baseUrl: "https://checks.example/" });
    await caller.factCheck.import({ content: claimReviews });
    // Said in other words: only "track" is shared with the fact-check it restates.
    const restated = "Coronavirus jabs secretly implant tracking devices in everyone who gets them.";
    const before = await archiveCandidates(t.db, restated);
    expect(before?.candidates.length).toBeGreaterThan(0);
    expect(before?.candidates.every((c) => c.features.dense === null)).toBe(true);

    await runUntilIdle(t.handle, { config: testConfig, log: () => {} });
    const stored = await t.db
      .select({ text: factChecks.claimText, embedding: factChecks.embedding })
      .from(factChecks);
    const fresh = await embedSentences(stored.map((row) => row.text));
    stored.forEach((row, i) => {
      expect(row.embedding).toHaveLength(512);
      // Stored as bytes and read back whole (batching moves the last digits only).
      const stray = Array.from(row.embedding ?? [], (value, d) => Math.abs(value - (fresh[i]?.[d] ?? 0)));
      expect(Math.max(...stray)).toBeLessThan(1e-5);
    });
    const after = await archiveCandidates(t.db, restated);
    const chips = after?.candidates.find((c) => c.text.includes("microchips"));
    expect(chips?.features.dense).toBeGreaterThan(0.3);
    const [restatedVector] = await embedSentences([restated]);
    const others = stored.filter((row) => !row.text.includes("microchips"));
    for (const other of others)
      expect(cosine(restatedVector as Float32Array, other.embedding as Float32Array)).toBeLessThan(
        chips?.features.dense ?? 0,
      );
  });

  it("ranks the fact-check from nearer the day the text was said first, other things equal", async () => {
    const caller = callerFor(t.db, await makeUser(t.db, { role: "editor" }));
    const twice = `text\trating\turl\tdate
The city raised its minimum wage to 15 dollars an hour.\tTrue\t/wage-2012\t3 May 2012
The city raised its minimum wage to 15 dollars an hour.\tFalse\t/wage-2020\t7 June 2020
`;
    await caller.factCheck.import({ content: twice, format: "table", baseUrl: "https://checks.example/" });
    const text = "The city has raised the minimum wage to 15 dollars an hour";
    const first = async (on?: string) => (await matchFactChecks(t.db, text, 2, { on }))[0]?.url;
    expect(await first("2020-06-01")).toBe("https://checks.example/wage-2020");
    expect(await first("2012-05-10")).toBe("https://checks.example/wage-2012");
    // A copied post says when it was posted.
    const posted = `${text} — Some One (@someone) May 2, 2012`;
    expect((await matchFactChecks(t.db, posted, 1))[0]?.url).toBe("https://checks.example/wage-2012");
    // Without a day, the two score alike.
    const [a, b] = await matchFactChecks(t.db, text, 2);
    expect(a?.score).toBe(b?.score);
  });

  it("ranks a fact-check of the same claimant first, other things equal, and the claim's own claimant counts", async () => {
    const caller = callerFor(t.db, await makeUser(t.db, { role: "editor" }));
    const twice = `text\tclaimant\trating\turl
Unemployment is the lowest it has been in fifty years.\tDonald Trump\tMostly true\t/trump-jobs
Unemployment is the lowest it has been in fifty years.\tJoe Biden\tFalse\t/biden-jobs
`;
    await caller.factCheck.import({ content: twice, format: "table", baseUrl: "https://checks.example/" });
    const text = "Unemployment is at its lowest in fifty years";
    const first = async (claimant?: string) => (await caller.factCheck.match({ text, claimant }))[0]?.url;
    expect(await first("President Trump")).toBe("https://checks.example/trump-jobs");
    expect(await first("Joe Biden")).toBe("https://checks.example/biden-jobs");
    const [a, b] = await caller.factCheck.match({ text });
    expect(a?.score).toBe(b?.score);
    await expect(caller.factCheck.match({ text, on: "last May" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("YYYY-MM-DD"),
    });

    // A claim's page ranks by the claim's claimant.
    for (const [said, url] of [
      ["Biden", "https://checks.example/biden-jobs"],
      ["Trump", "https://checks.example/trump-jobs"],
    ]) {
      const { articleId } = await caller.article.ingest({
        title: "Jobs",
        text: `${text}, ${said} said.`,
        sentenceIndexes: [0],
      });
      const [claim] = (await caller.claim.list({ filter: { articleId } })).items;
      expect(claim?.claimant).toBe(said);
      expect((await caller.claim.archiveMatches({ id: claim?.id ?? "" }))[0]?.url).toBe(url);
    }
  });

  it("refuses bad files and people who may not import, changing nothing", async () => {
    const editor = callerFor(t.db, await makeUser(t.db, { role: "editor" }));
    const checker = callerFor(t.db, await makeUser(t.db));
    const refusal = (promise: Promise<unknown>) =>
      promise.then(
        () => null,
        (error: TRPCError) => ({ code: error.code, message: error.message }),
      );
    expect(await refusal(editor.factCheck.import({ content: "{ nope" }))).toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/^Nothing to import: not JSON/),
    });
    expect(
      await refusal(editor.factCheck.import({ content: "rating,url\nFalse,https://x.example/\n" })),
    ).toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/no claim text column/),
    });
    expect(await refusal(checker.factCheck.import({ content: claimReviews }))).toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await refusal(callerFor(t.db, null).factCheck.match({ text: "MEK" }))).toMatchObject({
      code: "UNAUTHORIZED",
    });
    expect(await t.db.$count(factChecks)).toBe(0);
  });
});
