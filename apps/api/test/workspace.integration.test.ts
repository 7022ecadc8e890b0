import { createHash } from "node:crypto";
import { claims, sessions } from "@factdesk/db";
import { useTestDb } from "@factdesk/db/testing";
import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { callerFor, makeClaim, makeSource, makeUser } from "./factories";

const t = useTestDb();

const code = (call: Promise<unknown>) =>
  call.then(
    () => "ok",
    (error: unknown) => (error instanceof TRPCError ? error.code : String(error)),
  );

describe("sources", () => {
  it("accept only http and https addresses and keep a hash of the excerpt", async () => {
    const checker = await makeUser(t.db);
    const claim = await makeClaim(t.db);
    const caller = callerFor(t.db, checker);
    const base = { claimId: claim.id, title: "Report", stance: "refutes" as const };
    for (const url of ["javascript:alert(1)", "ftp://example.org/x", "file:///etc/passwd", "not a url"]) {
      expect(await code(caller.source.add({ ...base, url }))).toBe("BAD_REQUEST");
    }
    const source = await caller.source.add({
      ...base,
      url: "https://example.org/r",
      excerpt: "It was 1963.",
    });
    expect(source.contentHash).toBe(createHash("sha256").update("It was 1963.").digest("hex"));
  });

  it("are changed or removed only by who added them or an editor, with the version they saw", async () => {
    const [owner, other, editor] = [
      await makeUser(t.db),
      await makeUser(t.db),
      await makeUser(t.db, { role: "editor" }),
    ];
    const claim = await makeClaim(t.db);
    const source = await makeSource(t.db, claim.id, owner.id);

    expect(
      await code(callerFor(t.db, other).source.update({ id: source.id, version: 1, title: "Mine now" })),
    ).toBe("FORBIDDEN");
    const updated = await callerFor(t.db, owner).source.update({
      id: source.id,
      version: 1,
      stance: "refutes",
    });
    expect(updated).toMatchObject({ stance: "refutes", version: 2 });
    expect(await code(callerFor(t.db, editor).source.remove({ id: source.id, version: 1 }))).toBe("CONFLICT");
    expect(await code(callerFor(t.db, editor).source.remove({ id: source.id, version: 2 }))).toBe("ok");
    expect((await callerFor(t.db, owner).claim.get({ id: claim.id })).sources).toEqual([]);
  });
});

describe("claims", () => {
  it("let fact-checkers take claims for themselves and editors assign anyone", async () => {
    const [checker, colleague, editor] = [
      await makeUser(t.db),
      await makeUser(t.db),
      await makeUser(t.db, { role: "editor" }),
    ];
    const claim = await makeClaim(t.db);
    expect(
      await code(
        callerFor(t.db, checker).claim.assign({ id: claim.id, version: 1, assigneeId: colleague.id }),
      ),
    ).toBe("FORBIDDEN");
    const mine = await callerFor(t.db, checker).claim.assign({
      id: claim.id,
      version: 1,
      assigneeId: checker.id,
    });
    expect(mine.assigneeId).toBe(checker.id);
    expect(
      await code(
        callerFor(t.db, colleague).claim.assign({ id: claim.id, version: 2, assigneeId: colleague.id }),
      ),
    ).toBe("FORBIDDEN");
    const reassigned = await callerFor(t.db, editor).claim.assign({
      id: claim.id,
      version: 2,
      assigneeId: colleague.id,
    });
    expect(reassigned).toMatchObject({ assigneeId: colleague.id, version: 3 });
  });

  it("archive with a reason, leave the queue, and come back when restored", async () => {
    const checker = await makeUser(t.db);
    const claim = await makeClaim(t.db);
    const caller = callerFor(t.db, checker);
    expect(await code(caller.claim.archive({ id: claim.id, version: 1, archived: true }))).toBe(
      "BAD_REQUEST",
    );
    await caller.claim.archive({
      id: claim.id,
      version: 1,
      archived: true,
      reason: "Opinion, not checkable.",
    });
    expect((await caller.claim.list()).items).toEqual([]);
    expect((await caller.claim.list({ filter: { archived: "include" } })).items).toHaveLength(1);
    const view = await caller.claim.get({ id: claim.id });
    expect(view.transitions.every((option) => option.blocker?.message.includes("archived"))).toBe(true);
    await caller.claim.archive({ id: claim.id, version: 2, archived: false });
    expect((await caller.claim.list()).items).toHaveLength(1);
  });

  it("edit wording and priority, keeping the original sentence linked", async () => {
    const checker = await makeUser(t.db);
    const claim = await makeClaim(t.db);
    await t.db.update(claims).set({ sentenceStart: 7, sentenceEnd: 35 }).where(eq(claims.id, claim.id));
    const updated = await callerFor(t.db, checker).claim.update({
      id: claim.id,
      version: 1,
      text: "The MEK was founded in 1965, the article says.",
      claimant: "Cyrus Shamloo",
      priority: "high",
    });
    expect(updated).toMatchObject({
      priority: "high",
      claimant: "Cyrus Shamloo",
      sentenceStart: 7,
      sentenceEnd: 35,
    });
    // Matching reads the edited wording; the answer carries no internal columns.
    const [stored] = await t.db.select().from(claims).where(eq(claims.id, claim.id));
    expect(stored?.normalizedText).toBe("the mek was founded in 1965, the article says.");
    expect(updated).not.toHaveProperty("search");
  });

  it("store @mentions in comments as user references", async () => {
    const checker = await makeUser(t.db);
    const editor = await makeUser(t.db, { role: "editor" });
    const claim = await makeClaim(t.db);
    const handle = editor.email.split("@")[0] ?? "";
    const comment = await callerFor(t.db, checker).claim.comment({
      claimId: claim.id,
      body: `@${handle} can you check the 1963 source? (mail me at x@example.org, @nobody)`,
    });
    expect(comment.mentions).toEqual([editor.id]);
    expect((await callerFor(t.db, editor).claim.get({ id: claim.id })).comments).toEqual([
      expect.objectContaining({ body: comment.body, author: { id: checker.id, name: "Test User" } }),
    ]);
  });
});

describe("rating scale", () => {
  it("can be renamed, reordered and extended by admins, but keeps ratings that verdicts use", async () => {
    const admin = await makeUser(t.db, { role: "admin" });
    const checker = await makeUser(t.db);
    const caller = callerFor(t.db, admin);
    const scale = await caller.ratingScale.list();
    expect(scale.map((r) => r.label)).toEqual([
      "True",
      "Mostly true",
      "Half true",
      "Mostly false",
      "False",
      "Misleading",
      "Unproven",
    ]);

    const claim = await makeClaim(t.db, { status: "sourced" });
    await callerFor(t.db, checker).verdict.save({
      claimId: claim.id,
      baseRevision: 0,
      rating: "misleading",
      headline: "h",
      summary: null,
      explanation: "e",
      sourceIds: [],
    });
    const withoutMisleading = scale.filter((r) => r.key !== "misleading");
    expect(await code(caller.ratingScale.update({ ratings: withoutMisleading }))).toBe("BAD_REQUEST");

    const next = [
      { key: "satire", label: "Satire", ordinal: null, colour: "#445566" },
      ...scale
        .map((r) => (r.key === "false" ? { ...r, label: "Incorrect" } : r))
        .filter((r) => r.key !== "unproven"),
    ];
    const updated = await caller.ratingScale.update({ ratings: next });
    expect(updated.map((r) => r.label)).toEqual([
      "Satire",
      "True",
      "Mostly true",
      "Half true",
      "Mostly false",
      "Incorrect",
      "Misleading",
    ]);
    expect(
      await code(
        callerFor(t.db, checker).verdict.save({
          claimId: claim.id,
          baseRevision: 1,
          rating: "unproven",
          headline: "h",
          summary: null,
          explanation: "e",
          sourceIds: [],
        }),
      ),
    ).toBe("BAD_REQUEST");
  });
});

describe("users", () => {
  it("are created, re-roled and deactivated by admins; deactivation ends sessions; the last admin stays", async () => {
    const admin = await makeUser(t.db, { role: "admin" });
    const caller = callerFor(t.db, admin);
    const created = await caller.user.create({
      email: "New.Person@Factdesk.test",
      name: "New Person",
      role: "fact_checker",
      password: "a-long-password",
    });
    expect(created.email).toBe("new.person@factdesk.test");
    expect(
      await code(
        caller.user.create({
          email: "new.person@factdesk.test",
          name: "Again",
          role: "editor",
          password: "a-long-password",
        }),
      ),
    ).toBe("CONFLICT");
    expect(
      await code(
        caller.user.create({
          email: "short@factdesk.test",
          name: "Short",
          role: "editor",
          password: "short",
        }),
      ),
    ).toBe("BAD_REQUEST");

    await callerFor(t.db, null).auth.login({ email: created.email, password: "a-long-password" });
    expect(await t.db.$count(sessions, eq(sessions.userId, created.id))).toBe(1);
    await caller.user.deactivate({ id: created.id });
    expect(await t.db.$count(sessions, eq(sessions.userId, created.id))).toBe(0);
    expect(
      await code(callerFor(t.db, null).auth.login({ email: created.email, password: "a-long-password" })),
    ).toBe("UNAUTHORIZED");

    expect(await code(caller.user.deactivate({ id: admin.id }))).toBe("BAD_REQUEST");
    expect(await code(caller.user.setRole({ id: admin.id, role: "editor" }))).toBe("PRECONDITION_FAILED");
    await caller.user.setRole({ id: created.id, role: "admin" });
    await caller.user.reactivate({ id: created.id });
    expect((await caller.user.setRole({ id: admin.id, role: "editor" })).role).toBe("editor");
  });
});
