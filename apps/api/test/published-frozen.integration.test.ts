import { verdictPublications, verdicts } from "@factdesk/db";
import { useTestDb } from "@factdesk/db/testing";
import { eq, sql } from "drizzle-orm";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { noRevisionOfTheCycleBy } from "../src/domain/verdicts/facts";
import { updateVersion } from "../src/domain/versioned";
import { callerFor, makeClaim, makeSource, makeUser, publishVerdict } from "./factories";
import { startServer } from "./http-client";

const t = useTestDb();
let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  // Every page rendered afresh: what is asserted is what the snapshot renders, not a kept copy.
  server = await startServer(t.handle, undefined, {}, { keepPublicPages: false });
});
afterAll(() => server.stop());

/** What a reader gets: the page's claim and sources, its ClaimReview, and the public API. */
async function whatReadersSee(slug: string) {
  const html = await (await fetch(`${server.url}/verdicts/${slug}`)).text();
  const { document } = parseHTML(html);
  const [jsonLd] = [...document.querySelectorAll('script[type="application/ld+json"]')].map((s) =>
    JSON.parse(s.textContent ?? ""),
  );
  const api = await callerFor(t.db, null).published.get({ slug });
  return {
    claim: document.querySelector("blockquote.claim p")?.textContent,
    sources: [...document.querySelectorAll("section[aria-labelledby=sources] li a:not(.archived)")].map(
      (a) => [a.textContent, a.getAttribute("href")],
    ),
    claimReviewed: jsonLd?.claimReviewed,
    author: jsonLd?.itemReviewed?.author?.name,
    claimMadeOn: jsonLd?.itemReviewed?.datePublished,
    origin: document.querySelector("blockquote.claim footer")?.textContent,
    api: { claim: api.claim, sources: api.sources.map((s) => [s.title, s.url, s.stance]) },
  };
}

describe("published means frozen", () => {
  it("keeps the page, the API and ClaimReview as approved when the claim and its sources are edited", async () => {
    const { verdict, claim, source, asChecker } = await publishVerdict(t.db);
    const slug = verdict.slug ?? "";
    const before = await whatReadersSee(slug);
    expect(before.claim).toBe("The MEK was founded in 1963.");
    expect(before.sources).toEqual([
      ["Britannica: Mujahideen-e-Khalq", "https://www.britannica.com/topic/Mujahideen-e-Khalq"],
    ]);

    const current = await asChecker.claim.get({ id: claim.id });
    await asChecker.claim.update({
      id: claim.id,
      version: current.claim.version,
      text: "The MEK was founded in 1970.",
      claimant: "Someone else",
      claimantKind: "person",
      statedOn: "2019-03-05",
    });
    await asChecker.source.update({
      id: source.id,
      version: source.version,
      url: "https://evil.example/",
      title: "Not what was approved",
      stance: "supports",
    });

    expect(await whatReadersSee(slug)).toEqual(before);
    const feed = await (await fetch(`${server.url}/feed.json`)).text();
    expect(feed).not.toContain("1970");
    const dataFeed = await (await fetch(`${server.url}/claimreview.json`)).text();
    expect(dataFeed).toContain("The MEK was founded in 1963.");
    expect(dataFeed).not.toContain("evil.example");

    // The workspace says what readers do not see yet.
    const view = await asChecker.verdict.get({ claimId: claim.id });
    expect(view.changedSincePublication).toEqual([
      "the claim's wording",
      "the claimant",
      "whether the claimant is a person or an organisation",
      "when the claim was made",
      "source “Britannica: Mujahideen-e-Khalq”: its address, title, stance",
    ]);

    // Only a reviewed correction takes the edits public.
    const saved = await asChecker.verdict.save({
      claimId: claim.id,
      baseRevision: 1,
      rating: "false",
      headline: "The MEK was founded in 1965, not 1970",
      summary: null,
      explanation: "Britannica says 1965.",
      sourceIds: [source.id],
      correctionNote: "The claim was reworded.",
    });
    const editor = callerFor(t.db, await makeUser(t.db, { role: "editor" }));
    let step = await asChecker.verdict.submit({ id: saved.verdict.id, version: saved.verdict.version });
    expect((await whatReadersSee(slug)).claim).toBe("The MEK was founded in 1963.");
    step = await editor.verdict.approve({ id: step.id, version: step.version });
    step = await editor.verdict.publish({ id: step.id, version: step.version });
    const after = await whatReadersSee(step.slug ?? "");
    expect(after.claim).toBe("The MEK was founded in 1970.");
    expect(after.claimReviewed).toBe("The MEK was founded in 1970.");
    expect(after.claimMadeOn).toBe("2019-03-05");
    expect(after.origin).toContain("said on 5 March 2019");
    expect(after.api.claim.statedOn).toBe("2019-03-05");
    expect(after.api.sources).toEqual([["Not what was approved", "https://evil.example/", "supports"]]);
    expect((await asChecker.verdict.get({ claimId: claim.id })).changedSincePublication).toEqual([]);
  });

  it("refuses edits to the claim and cited sources of an approved verdict until the approval is withdrawn", async () => {
    const checker = await makeUser(t.db);
    const editor = await makeUser(t.db, { role: "editor" });
    const asChecker = callerFor(t.db, checker);
    const asEditor = callerFor(t.db, editor);
    const claim = await makeClaim(t.db);
    const cited = await makeSource(t.db, claim.id, checker.id, { stance: "refutes" });
    const other = await makeSource(t.db, claim.id, checker.id);
    await asChecker.claim.transition({ id: claim.id, to: "sourced", version: 1 });
    const saved = await asChecker.verdict.save({
      claimId: claim.id,
      baseRevision: 0,
      rating: "false",
      headline: "Founded in 1965",
      summary: null,
      explanation: "Records.",
      sourceIds: [cited.id],
    });
    let step = await asChecker.verdict.submit({ id: saved.verdict.id, version: saved.verdict.version });
    step = await asEditor.verdict.approve({ id: step.id, version: step.version });

    const refusal = { code: "CONFLICT", message: expect.stringContaining("An editor approved this verdict") };
    await expect(
      asChecker.source.update({ id: cited.id, version: cited.version, title: "Changed" }),
    ).rejects.toMatchObject(refusal);
    await expect(asChecker.source.remove({ id: cited.id, version: cited.version })).rejects.toMatchObject(
      refusal,
    );
    const { claim: live } = await asChecker.claim.get({ id: claim.id });
    await expect(
      asChecker.claim.update({ id: claim.id, version: live.version, text: "Reworded." }),
    ).rejects.toMatchObject(refusal);
    // What the approval does not cover stays editable.
    await asChecker.source.update({ id: other.id, version: other.version, title: "Uncited, edited" });
    await asChecker.claim.update({ id: claim.id, version: live.version, priority: "high" });

    // An editor withdraws the approval (with a reason); then the edit goes through and needs a new approval.
    await expect(
      asChecker.verdict.withdrawApproval({ id: step.id, version: step.version, reason: "x" }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    step = await asEditor.verdict.withdrawApproval({
      id: step.id,
      version: step.version,
      reason: "Source retitled",
    });
    expect(step).toMatchObject({ state: "submitted", approverId: null, approvedSnapshot: null });
    await asChecker.source.update({ id: cited.id, version: cited.version, title: "Changed" });
    await expect(asEditor.verdict.publish({ id: step.id, version: step.version })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    step = await asEditor.verdict.approve({ id: step.id, version: step.version });
    const [row] = await t.db.select().from(verdicts).where(eq(verdicts.id, step.id));
    expect(row?.approvedSnapshot?.sources.map((s) => s.title)).toEqual(["Changed"]);
  });

  it("keeps publications as history the database will not rewrite", async () => {
    const { verdict } = await publishVerdict(t.db);
    await expect(
      t.db
        .update(verdictPublications)
        .set({ snapshot: sql`'{}'::jsonb` })
        .where(eq(verdictPublications.verdictId, verdict.id)),
    ).rejects.toThrow();
    await expect(t.db.delete(verdictPublications)).rejects.toThrow();
  });
});

describe("four eyes over the whole review cycle", () => {
  it("refuses approval by an editor who wrote any revision since the last publication", async () => {
    const editor = await makeUser(t.db, { role: "editor", name: "Eden Editor" });
    const checker = await makeUser(t.db);
    const second = await makeUser(t.db, { role: "editor", name: "Second Editor" });
    const claim = await makeClaim(t.db, { status: "sourced" });
    const asEditor = callerFor(t.db, editor);
    const draft = {
      claimId: claim.id,
      rating: "false",
      headline: "Founded in 1965",
      summary: null,
      explanation: "Records.",
      sourceIds: [],
    };
    // The editor writes revision 1 and submits; changes are requested; a fact-checker re-saves
    // the same text as revision 2 and submits.
    const one = await asEditor.verdict.save({ ...draft, baseRevision: 0 });
    let step = await asEditor.verdict.submit({ id: one.verdict.id, version: one.verdict.version });
    step = await callerFor(t.db, second).verdict.requestChanges({
      id: step.id,
      version: step.version,
      comment: "Again",
    });
    const two = await callerFor(t.db, checker).verdict.save({ ...draft, baseRevision: 1 });
    step = await callerFor(t.db, checker).verdict.submit({
      id: two.verdict.id,
      version: two.verdict.version,
    });

    const view = await asEditor.verdict.get({ claimId: claim.id });
    expect(view.transitions.find((o) => o.to === "approved")).toMatchObject({
      allowed: false,
      blocker: { code: "FORBIDDEN" },
    });
    await expect(asEditor.verdict.approve({ id: step.id, version: step.version })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message:
        "You wrote a revision of this verdict since it was last published; another editor must review it.",
    });
    // The database refuses it too, whatever the application checked.
    await expect(
      t.db.transaction((tx) =>
        updateVersion(
          tx,
          verdicts,
          step.id,
          step.version,
          { state: "approved" },
          "verdict",
          noRevisionOfTheCycleBy(editor.id),
        ),
      ),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    const queue = await asEditor.verdict.approvalQueue();
    expect(queue[0]?.transitions.find((o) => o.to === "approved")?.allowed).toBe(false);
    step = await callerFor(t.db, second).verdict.approve({ id: step.id, version: step.version });
    expect(step.state).toBe("approved");
  });
});
