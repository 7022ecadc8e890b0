import { claims, verdictPublications } from "@factdesk/db";
import { useTestDb } from "@factdesk/db/testing";
import { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppRouter } from "../src/trpc/router";
import { configureOrganisation, makeArticle, makeUser, PASSWORD } from "./factories";
import { loggedIn, startServer } from "./http-client";

const t = useTestDb();
let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer(t.handle);
});
afterAll(() => server.stop());

/** The tRPC error code a call fails with, or "ok". */
const outcome = (call: Promise<unknown>) =>
  call.then(
    () => "ok",
    (error: unknown) =>
      error instanceof TRPCClientError ? (error as TRPCClientError<AppRouter>).data?.code : String(error),
  );

describe("the review journey over HTTP", () => {
  it("goes from evidence to a published, corrected and retracted verdict with an intact audit trail", async () => {
    const [author, otherChecker, editor, secondEditor, admin] = [
      await makeUser(t.db, { name: "Author" }),
      await makeUser(t.db, { name: "Other checker" }),
      await makeUser(t.db, { role: "editor", name: "Editor one" }),
      await makeUser(t.db, { role: "editor", name: "Editor two" }),
      await makeUser(t.db, { role: "admin", name: "Admin" }),
    ];
    const as = async (user: { email: string }) => loggedIn(server.url, user.email, PASSWORD);
    const [a, b, e1, e2, root] = await Promise.all(
      [author, otherChecker, editor, secondEditor, admin].map(as),
    );
    if (!a || !b || !e1 || !e2 || !root) throw new Error("login failed");

    const article = await makeArticle(t.db);
    const [claim] = await t.db
      .insert(claims)
      .values({
        text: "The MEK was founded in 1965.",
        normalizedText: "the mek was founded in 1965.",
        articleId: article.id,
      })
      .returning();
    if (!claim) throw new Error("no claim");

    // Evidence, then research status.
    await a.source.add.mutate({
      claimId: claim.id,
      url: "https://www.britannica.com/topic/Mujahideen-e-Khalq",
      title: "Britannica: Mujahideen-e-Khalq",
      excerpt: "founded in 1965",
      stance: "supports",
    });
    await a.source.add.mutate({
      claimId: claim.id,
      url: "https://example.org/mek-history",
      title: "History of the MEK",
      excerpt: "The group was formed in 1963.",
      stance: "refutes",
    });
    expect((await a.claim.transition.mutate({ id: claim.id, to: "sourced", version: 1 })).status).toBe(
      "sourced",
    );
    expect((await a.claim.transition.mutate({ id: claim.id, to: "disputed", version: 2 })).status).toBe(
      "disputed",
    );

    // Draft and submit.
    const { sources } = await a.claim.get.query({ id: claim.id });
    const draft = {
      claimId: claim.id,
      rating: "half_true",
      headline: "The MEK was founded in 1965",
      summary: "Sources disagree between 1963 and 1965.",
      explanation: "Britannica says **1965**; other histories say 1963.",
      sourceIds: sources.map((s) => s.id),
    };
    let saved = await a.verdict.save.mutate({ ...draft, baseRevision: 0 });
    expect(saved.revision.number).toBe(1);
    let verdict = await a.verdict.submit.mutate({ id: saved.verdict.id, version: saved.verdict.version });
    expect(verdict.state).toBe("submitted");

    // A second checker cannot approve; nor can the author, even once promoted to editor.
    expect(await outcome(b.verdict.approve.mutate({ id: verdict.id, version: verdict.version }))).toBe(
      "FORBIDDEN",
    );
    await root.user.setRole.mutate({ id: author.id, role: "editor" });
    expect(await outcome(a.verdict.approve.mutate({ id: verdict.id, version: verdict.version }))).toBe(
      "FORBIDDEN",
    );
    expect(
      await outcome(
        a.verdict.requestChanges.mutate({ id: verdict.id, version: verdict.version, comment: "fine" }),
      ),
    ).toBe("FORBIDDEN");
    expect((await e1.verdict.approvalQueue.query()).map((v) => v.id)).toEqual([verdict.id]);
    const [own] = await a.verdict.approvalQueue.query();
    expect(own?.transitions.map((option) => [option.to, option.allowed])).toEqual([
      ["approved", false],
      ["changes_requested", false],
    ]);

    // Another editor asks for changes; the author revises and resubmits.
    verdict = await e1.verdict.requestChanges.mutate({
      id: verdict.id,
      version: verdict.version,
      comment: "Cite the 1963 source in the summary.",
    });
    expect(verdict.state).toBe("changes_requested");
    expect((await a.verdict.get.query({ claimId: claim.id })).comments.map((c) => c.body)).toEqual([
      "Cite the 1963 source in the summary.",
    ]);
    saved = await a.verdict.save.mutate({
      ...draft,
      summary: "1963 per History of the MEK; 1965 per Britannica.",
      baseRevision: 1,
    });
    expect(saved.revision.number).toBe(2);
    // A stale save (from revision 1) is refused, not overwritten.
    expect(await outcome(b.verdict.save.mutate({ ...draft, baseRevision: 1 }))).toBe("CONFLICT");
    verdict = await a.verdict.submit.mutate({ id: saved.verdict.id, version: saved.verdict.version });

    // Approve and publish: refused until the organisation is named for ClaimReview.
    verdict = await e1.verdict.approve.mutate({ id: verdict.id, version: verdict.version });
    expect(verdict).toMatchObject({ state: "approved", approverId: editor.id });
    const refused = await e1.verdict.publish
      .mutate({ id: verdict.id, version: verdict.version })
      .catch((e) => e);
    expect(refused).toBeInstanceOf(TRPCClientError);
    expect(refused.data?.code).toBe("PRECONDITION_FAILED");
    expect(refused.message).toMatch(/organisation's name is not set/);
    await configureOrganisation(t.db);
    verdict = await e1.verdict.publish.mutate({ id: verdict.id, version: verdict.version });
    expect(verdict).toMatchObject({ state: "published", slug: "the-mek-was-founded-in-1965" });

    // A correction goes through the same review again.
    expect(await outcome(b.verdict.save.mutate({ ...draft, baseRevision: 2 }))).toBe("BAD_REQUEST");
    saved = await b.verdict.save.mutate({
      ...draft,
      rating: "mostly_false",
      baseRevision: 2,
      correctionNote: "Rating changed after a primary source confirmed 1963.",
    });
    expect(saved.verdict.state).toBe("draft");
    verdict = await b.verdict.submit.mutate({ id: saved.verdict.id, version: saved.verdict.version });
    verdict = await e2.verdict.approve.mutate({ id: verdict.id, version: verdict.version });
    verdict = await e2.verdict.publish.mutate({ id: verdict.id, version: verdict.version });
    expect(verdict).toMatchObject({ state: "published", slug: "the-mek-was-founded-in-1965" });
    expect(await t.db.$count(verdictPublications)).toBe(2);

    const revisions = await e1.verdict.revisions.query({ id: verdict.id });
    expect(revisions.map((r) => [r.number, r.author.name, r.publishedAt !== null])).toEqual([
      [1, "Author", false],
      [2, "Author", true],
      [3, "Other checker", true],
    ]);

    // Retraction, with a public reason.
    expect(
      await outcome(e1.verdict.retract.mutate({ id: verdict.id, version: verdict.version, reason: " " })),
    ).toBe("BAD_REQUEST");
    verdict = await e1.verdict.retract.mutate({
      id: verdict.id,
      version: verdict.version,
      reason: "The claim was misattributed to this article.",
    });
    expect(verdict).toMatchObject({
      state: "retracted",
      retractionReason: "The claim was misattributed to this article.",
    });

    // The whole story is in the claim's history, and the audit chain holds.
    const history = await b.claim.history.query({ id: claim.id });
    expect(history.map((event) => event.action)).toEqual([
      "source_added",
      "source_added",
      "status_changed",
      "status_changed",
      "verdict_saved",
      "verdict_submitted",
      "verdict_changes_requested",
      "verdict_saved",
      "verdict_submitted",
      "verdict_approved",
      "verdict_published",
      "correction_started",
      "verdict_submitted",
      "verdict_approved",
      "verdict_published",
      "verdict_retracted",
    ]);
    expect(history.find((e) => e.action === "verdict_retracted")?.actor?.name).toBe("Editor one");
    expect(await root.audit.verify.query()).toMatchObject({ ok: true });
    expect(await outcome(e1.audit.verify.query())).toBe("FORBIDDEN");
  });
});
