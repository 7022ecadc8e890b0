import { notifications } from "@factdesk/db";
import { useTestDb } from "@factdesk/db/testing";
import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { callerFor, makeClaim, makeUser, publishVerdict } from "./factories";

const t = useTestDb();

const kinds = async (caller: ReturnType<typeof callerFor>) =>
  (await caller.notification.list()).items.map((n) => n.kind).sort();

describe("notifications", () => {
  it("tells people when they are assigned or mentioned, never about their own doing", async () => {
    const editor = await makeUser(t.db, { role: "editor", name: "Eden" });
    const checker = await makeUser(t.db, { name: "Casey" });
    const asChecker = callerFor(t.db, checker);
    const claim = await makeClaim(t.db, { text: "The bridge opened in 1963." });

    await callerFor(t.db, editor).claim.assign({ id: claim.id, version: 1, assigneeId: checker.id });
    const { items, unread } = await asChecker.notification.list();
    expect(unread).toBe(1);
    expect(items[0]).toMatchObject({
      kind: "assigned",
      readAt: null,
      claim: { id: claim.id, text: "The bridge opened in 1963." },
      actor: { name: "Eden" },
    });

    // Taking a claim oneself, or mentioning oneself, tells nobody.
    const other = await makeClaim(t.db);
    await asChecker.claim.assign({ id: other.id, version: 1, assigneeId: checker.id });
    const handle = (user: { email: string }) => user.email.split("@")[0];
    await asChecker.claim.comment({
      claimId: claim.id,
      body: `@${handle(checker)} note to self, @${handle(editor)} please look`,
    });
    expect(await kinds(asChecker)).toEqual(["assigned"]);
    const forEditor = await callerFor(t.db, editor).notification.list();
    expect(forEditor.items[0]).toMatchObject({
      kind: "mentioned",
      data: { excerpt: expect.stringContaining("please look") },
    });

    // A refused change tells nobody either.
    await expect(
      callerFor(t.db, editor).claim.assign({ id: claim.id, version: 1, assigneeId: editor.id }),
    ).rejects.toThrow(TRPCError);
    expect((await callerFor(t.db, editor).notification.list()).items).toHaveLength(1);
  });

  it("tells editors of a submission, and the author their verdict was approved, published, or needs changes", async () => {
    const { verdict, checker, asChecker } = await publishVerdict(t.db);
    const second = callerFor(t.db, await makeUser(t.db, { role: "editor" }));
    const reader = callerFor(t.db, checker);
    expect(await kinds(reader)).toEqual(["approved", "published"]);

    const saved = await asChecker.verdict.save({
      claimId: verdict.claimId,
      baseRevision: 1,
      rating: "false",
      headline: "The MEK was founded in 1965, not 1963",
      summary: "Corrected.",
      explanation: "Britannica says **1965**.",
      sourceIds: [],
      correctionNote: "Fixed a date.",
    });
    const submitted = await asChecker.verdict.submit({
      id: saved.verdict.id,
      version: saved.verdict.version,
    });
    expect(await kinds(second)).toEqual(["submitted"]);
    expect(await kinds(reader)).toEqual(["approved", "published"]);
    await second.verdict.requestChanges({
      id: submitted.id,
      version: submitted.version,
      comment: "Cite the page.",
    });
    const [latest] = (await reader.notification.list()).items;
    expect(latest).toMatchObject({
      kind: "changes_requested",
      data: { reason: "Cite the page.", revision: 2 },
    });
  });

  it("marks one or all read, and only one's own", async () => {
    const editor = await makeUser(t.db, { role: "editor" });
    const checker = await makeUser(t.db);
    for (let i = 0; i < 3; i++) {
      const claim = await makeClaim(t.db, { text: `Claim ${i}` });
      await callerFor(t.db, editor).claim.assign({ id: claim.id, version: 1, assigneeId: checker.id });
    }
    const reader = callerFor(t.db, checker);
    // Newest first, a page at a time, saying whether older ones remain.
    const page = await reader.notification.list({ limit: 2 });
    expect(page.items.map((n) => n.claim?.text)).toEqual(["Claim 2", "Claim 1"]);
    expect(page.hasMore).toBe(true);
    expect((await reader.notification.list({ limit: 3 })).hasMore).toBe(false);
    const [first] = (await reader.notification.list()).items;
    const stranger = await callerFor(t.db, editor)
      .notification.markRead({ ids: [first?.id ?? ""] })
      .catch((error: TRPCError) => error);
    expect((stranger as TRPCError).code).toBe("NOT_FOUND");
    expect((await reader.notification.list()).unread).toBe(3);

    await reader.notification.markRead({ ids: [first?.id ?? ""] });
    expect((await reader.notification.list()).unread).toBe(2);
    expect(await reader.notification.markRead({})).toEqual({ marked: 2 });
    expect((await reader.notification.list()).unread).toBe(0);
    expect(await t.db.$count(notifications)).toBe(3);
  });
});
