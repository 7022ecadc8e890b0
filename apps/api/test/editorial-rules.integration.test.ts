import { claims, events, verdictApprovals, verdicts } from "@factdesk/db";
import { useTestDb } from "@factdesk/db/testing";
import { defaultApprovalRules, type TApprovalRules } from "@factdesk/schema";
import { desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { siteOf } from "../src/domain/settings";
import { approve } from "../src/domain/verdicts/approve";
import { currentRevision, verdictFacts } from "../src/domain/verdicts/facts";
import { publish } from "../src/domain/verdicts/publish";
import { submit } from "../src/domain/verdicts/submit";
import { updateVersion } from "../src/domain/versioned";
import { verdictPage } from "../src/public/pages";
import { publicVerdict } from "../src/public/verdicts";
import { callerFor, configureOrganisation, makeClaim, makeUser, testConfig } from "./factories";

const t = useTestDb();

const days = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();

/** A desk whose rules ask two editors for "False", cited evidence with a stance, and a right of reply. */
async function strictDesk(change: Partial<TApprovalRules> = {}) {
  await configureOrganisation(t.db);
  const admin = await makeUser(t.db, { role: "admin", name: "Ada Admin" });
  const checker = await makeUser(t.db, { name: "Carla Checker" });
  const first = await makeUser(t.db, { role: "editor", name: "Eden Editor" });
  const second = await makeUser(t.db, { role: "editor", name: "Ezra Editor" });
  const asAdmin = callerFor(t.db, admin);
  const rules: TApprovalRules = {
    ...defaultApprovalRules,
    approversByRating: { false: 2, pants_on_fire: 2 },
    minSources: 1,
    minStancedSources: 1,
    rightOfReply: true,
    showReplyOnPage: true,
    ...change,
  };
  await asAdmin.editorial.updateRules({ rules, version: 0 });
  return {
    admin,
    checker,
    first,
    second,
    asAdmin,
    asChecker: callerFor(t.db, checker),
    asFirst: callerFor(t.db, first),
    asSecond: callerFor(t.db, second),
  };
}

describe("editorial rules", () => {
  it("are edited by admins, versioned and audited with what changed, and refuse nonsense", async () => {
    const { asAdmin } = await strictDesk();
    const { rules, version } = await asAdmin.editorial.rules();
    expect(version).toBe(1);
    expect(rules.approversByRating).toEqual({ false: 2, pants_on_fire: 2 });
    await expect(asAdmin.editorial.updateRules({ rules, version: 0 })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(
      asAdmin.editorial.updateRules({ rules: { ...rules, approvers: 4 }, version: 1 }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      asAdmin.editorial.updateRules({ rules: { ...rules, minSources: 1, minStancedSources: 2 }, version: 1 }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const [event] = await t.db
      .select()
      .from(events)
      .where(eq(events.action, "approval_rules_updated"))
      .orderBy(desc(events.id));
    expect(event?.data).toMatchObject({
      from: { approvers: 1, rightOfReply: false },
      to: { approversByRating: { false: 2 } },
    });
  });

  it("walk a False verdict through sources, two distinct editors, recusal and the right of reply", async () => {
    const desk = await strictDesk();
    const claim = await makeClaim(t.db, { text: "The MEK was founded in 1963." });
    const context = await desk.asChecker.source.add({
      claimId: claim.id,
      url: "https://history.example/iran",
      title: "A history of Iran",
      stance: "context",
    });
    await desk.asChecker.claim.transition({ id: claim.id, to: "sourced", version: 1 });
    const draft = {
      claimId: claim.id,
      rating: "false",
      headline: "The MEK was founded in 1965, not 1963",
      summary: "Britannica dates it to 1965.",
      explanation: "Britannica says 1965.",
      sourceIds: [context.id],
    };
    let saved = await desk.asChecker.verdict.save({ ...draft, baseRevision: 0 });

    // Sources: cited, and one of them must support or refute.
    await expect(
      desk.asChecker.verdict.submit({ id: saved.verdict.id, version: saved.verdict.version }),
    ).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message:
        "Cite at least 1 source that supports or refutes the claim first (the desk's rule; it cites 0).",
    });
    // The database refuses it too, whatever the application checked.
    await expect(
      t.db.transaction(async (tx) => {
        const [row] = await tx.select().from(verdicts).where(eq(verdicts.id, saved.verdict.id));
        if (!row) throw new Error("no verdict");
        const guard = submit.guard?.({ verdict: row } as never);
        return updateVersion(tx, verdicts, row.id, row.version, { state: "submitted" }, "verdict", guard);
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    const refuting = await desk.asChecker.source.add({
      claimId: claim.id,
      url: "https://www.britannica.com/topic/Mujahideen-e-Khalq",
      title: "Britannica",
      stance: "refutes",
    });
    saved = await desk.asChecker.verdict.save({
      ...draft,
      sourceIds: [context.id, refuting.id],
      baseRevision: 1,
    });
    let verdict = await desk.asChecker.verdict.submit({
      id: saved.verdict.id,
      version: saved.verdict.version,
    });

    // The first editor's approval leaves it in review, saying what is still needed.
    verdict = await desk.asFirst.verdict.approve({ id: verdict.id, version: verdict.version });
    expect(verdict.state).toBe("submitted");
    expect(await t.db.$count(verdictApprovals)).toBe(1);
    // What the first editor approved is not changed before the second editor sees it.
    const [live] = await t.db.select().from(claims).where(eq(claims.id, claim.id));
    await expect(
      desk.asChecker.claim.update({
        id: claim.id,
        version: live?.version ?? 0,
        text: "The MEK was founded in 1962.",
      }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("another's approval is awaited"),
    });
    const seen = await desk.asChecker.verdict.get({ claimId: claim.id });
    expect(seen.review).toMatchObject({
      approversNeeded: 2,
      approvedBy: ["Eden Editor"],
      stillNeeded: { id: "approval.stillNeeded", values: { next: 2, given: 1, needed: 2 } },
      rightOfReply: { onRecord: false },
    });
    await expect(
      desk.asFirst.verdict.approve({ id: verdict.id, version: verdict.version }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "You approved this revision. Needs a second editor's approval (1 of 2).",
    });

    // The database refuses an approval short of the rules, whatever the application checked.
    await expect(
      t.db.transaction(async (tx) => {
        const [row] = await tx.select().from(verdicts).where(eq(verdicts.id, verdict.id));
        if (!row) throw new Error("no verdict");
        const facts = await verdictFacts(tx, row, await currentRevision(tx, row));
        const step = {
          actor: { id: desk.second.id, role: "editor" as const },
          facts: { ...facts, approverIds: [] },
        };
        // As if the application had counted the rules wrong: the guard still counts approvals.
        const guard = approve.guard?.({
          ...step,
          facts: {
            ...step.facts,
            rules: { ...facts.rules, approversByRating: {} },
            approverIds: [desk.first.id],
          },
        } as never);
        return updateVersion(tx, verdicts, row.id, row.version, { state: "approved" }, "verdict", guard);
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });

    // The second editor declares a conflict of interest: they can neither approve nor publish.
    await desk.asSecond.editorial.recuse({ claimId: claim.id, reason: "My sister works for the group." });
    await expect(
      desk.asSecond.editorial.recuse({ claimId: claim.id, reason: "Again." }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(
      desk.asSecond.verdict.approve({ id: verdict.id, version: verdict.version }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("conflict of interest"),
    });

    // A third editor (an admin) makes two: approved.
    verdict = await desk.asAdmin.verdict.approve({ id: verdict.id, version: verdict.version });
    expect(verdict.state).toBe("approved");

    // Rules tightened meanwhile do not reach back: it is judged by those it was approved under.
    const { rules } = await desk.asAdmin.editorial.rules();
    await desk.asAdmin.editorial.updateRules({ rules: { ...rules, approvers: 3 }, version: 1 });

    // The right of reply: an open deadline is not enough; a response is.
    await expect(
      desk.asFirst.verdict.publish({ id: verdict.id, version: verdict.version }),
    ).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
      message: expect.stringMatching(/^Record the right of reply first/),
    });
    // The database refuses publication too, by the rules the verdict was approved under.
    await expect(
      t.db.transaction(async (tx) => {
        const [row] = await tx.select().from(verdicts).where(eq(verdicts.id, verdict.id));
        if (!row) throw new Error("no verdict");
        const guard = publish.guard?.({ actor: { id: desk.first.id, role: "editor" } } as never);
        return updateVersion(tx, verdicts, row.id, row.version, { state: "published" }, "verdict", guard);
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(
      desk.asChecker.editorial.recordContact({
        claimId: claim.id,
        contactedAt: days(0),
        channel: "email",
        contacted: "The group's press office",
        asked: "When was the group founded?",
        deadline: days(-1),
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const contact = await desk.asChecker.editorial.recordContact({
      claimId: claim.id,
      contactedAt: days(0),
      channel: "email",
      contacted: "The group's press office",
      asked: "When was the group founded?",
      deadline: days(2),
    });
    await expect(
      desk.asFirst.verdict.publish({ id: verdict.id, version: verdict.version }),
    ).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
    });
    await expect(
      desk.asSecond.verdict.publish({ id: verdict.id, version: verdict.version }),
    ).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await desk.asChecker.editorial.recordResponse({
      id: contact.id,
      version: contact.version,
      response: "It was founded in 1965.",
      respondedAt: days(0),
    });
    expect((await desk.asChecker.editorial.replies({ claimId: claim.id })).onRecord).toBe(true);
    verdict = await desk.asFirst.verdict.publish({ id: verdict.id, version: verdict.version });
    expect(verdict.state).toBe("published");

    // The desk chose to say on the page that the claimant was asked.
    const site = await siteOf(t.db, testConfig.publicUrl);
    const published = await publicVerdict(t.db, verdict.slug ?? "", site);
    if (!published) throw new Error("the verdict is not public");
    const page = verdictPage(site, published);
    expect(page).toMatch(
      /We asked The group(&#x27;|')s press office for comment on <time[^>]*>[^<]+<\/time>; they answered on/,
    );

    // The audit log tells the whole story.
    const actions = (await t.db.select().from(events))
      .filter((e) => e.entityId === claim.id || (e.data as { claimId?: string }).claimId === claim.id)
      .map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        "recused",
        "reply_requested",
        "reply_received",
        "verdict_approved",
        "verdict_published",
      ]),
    );
  });

  it("count a passed deadline or an editor's waiver as the right of reply, and start approvals over with the review", async () => {
    const desk = await strictDesk({
      approversByRating: {},
      approvers: 2,
      minSources: 0,
      minStancedSources: 0,
    });
    const claim = await makeClaim(t.db, { status: "sourced" });
    const saved = await desk.asChecker.verdict.save({
      claimId: claim.id,
      rating: "true",
      headline: "Yes",
      summary: "It was.",
      explanation: "It was.",
      sourceIds: [],
      baseRevision: 0,
    });
    let verdict = await desk.asChecker.verdict.submit({
      id: saved.verdict.id,
      version: saved.verdict.version,
    });
    verdict = await desk.asFirst.verdict.approve({ id: verdict.id, version: verdict.version });
    verdict = await desk.asSecond.verdict.approve({ id: verdict.id, version: verdict.version });
    expect(verdict.state).toBe("approved");
    // Withdrawn: the approvals no longer count, and two are needed again.
    verdict = await desk.asFirst.verdict.withdrawApproval({
      id: verdict.id,
      version: verdict.version,
      reason: "A source changed.",
    });
    expect(await t.db.$count(verdictApprovals)).toBe(0);
    verdict = await desk.asFirst.verdict.approve({ id: verdict.id, version: verdict.version });
    expect(verdict.state).toBe("submitted");
    verdict = await desk.asSecond.verdict.approve({ id: verdict.id, version: verdict.version });

    // No response, but the deadline has passed: on record.
    await desk.asChecker.editorial.recordContact({
      claimId: claim.id,
      contactedAt: days(-10),
      channel: "phone",
      contacted: "The minister's office",
      asked: "Do you stand by the figure?",
      deadline: days(-3),
    });
    expect((await desk.asChecker.editorial.replies({ claimId: claim.id })).onRecord).toBe(true);
    verdict = await desk.asFirst.verdict.publish({ id: verdict.id, version: verdict.version });
    expect(verdict.state).toBe("published");

    // A waiver, by an editor only, with a reason.
    const other = await makeClaim(t.db, { text: "Another claim." });
    await expect(
      desk.asChecker.editorial.waiveReply({ claimId: other.id, reason: "Anonymous post." }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(desk.asFirst.editorial.waiveReply({ claimId: other.id, reason: " " })).rejects.toMatchObject(
      {
        code: "BAD_REQUEST",
      },
    );
    await desk.asFirst.editorial.waiveReply({ claimId: other.id, reason: "Anonymous post, nobody to ask." });
    expect((await desk.asChecker.editorial.replies({ claimId: other.id })).onRecord).toBe(true);
    await expect(desk.asChecker.editorial.replies({ claimId: crypto.randomUUID() })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
