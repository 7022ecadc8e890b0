import { randomUUID } from "node:crypto";
import { events, sessions, users } from "@factdesk/db";
import { useTestDb } from "@factdesk/db/testing";
import type { TRPCClientError } from "@trpc/client";
import type { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { userForSession } from "../src/domain/auth";
import { createRateLimits, expensiveBudgets, type TRateLimits } from "../src/domain/rate-limits";
import { createContextInner } from "../src/trpc/init";
import type { AppRouter } from "../src/trpc/router";
import { createCaller } from "../src/trpc/router";
import { callerFor, makeUser, PASSWORD, testConfig } from "./factories";
import { browserClient, startServer } from "./http-client";

const t = useTestDb();

const from = (address: string, rateLimits: TRateLimits) =>
  createCaller(createContextInner({ db: t.db, config: testConfig, clientAddress: address, rateLimits }));
/** One API instance's limits, counted in the test database like the app's. */
const instance = (options?: Parameters<typeof createRateLimits>[1]) => createRateLimits(t.handle, options);

const attempt = (caller: ReturnType<typeof from>, email: string, password: string) =>
  caller.auth.login({ email, password }).then(
    () => "ok",
    (error: TRPCError) => error.code,
  );

describe("auth.login throttling", () => {
  it("stops guessing at one account, even with the right password, but not other accounts", async () => {
    const [target, other] = [await makeUser(t.db), await makeUser(t.db)];
    const attacker = from("203.0.113.9", instance({ perAccount: 3 }));

    for (let i = 0; i < 3; i++) expect(await attempt(attacker, target.email, "guess")).toBe("UNAUTHORIZED");
    expect(await attempt(attacker, target.email, PASSWORD)).toBe("TOO_MANY_REQUESTS");
    expect(await attempt(attacker, other.email, PASSWORD)).toBe("ok");
    await expect(attacker.auth.login({ email: target.email, password: PASSWORD })).rejects.toThrow(
      /Too many login attempts\. Try again in 15 minutes\./,
    );
  });

  it("clears an account's count on success and limits one address across accounts", async () => {
    const user = await makeUser(t.db);
    const throttle = instance({ perAccount: 2, perAddress: 5 });
    const office = from("198.51.100.7", throttle);

    expect(await attempt(office, user.email, "typo")).toBe("UNAUTHORIZED");
    expect(await attempt(office, user.email, PASSWORD)).toBe("ok");
    expect(await attempt(office, user.email, "typo")).toBe("UNAUTHORIZED");
    expect(await attempt(office, user.email, PASSWORD)).toBe("ok");
    expect(await attempt(office, "someone@factdesk.test", "x")).toBe("UNAUTHORIZED");
    // Five attempts used at this address; the sixth is refused whatever the account.
    expect(await attempt(office, "someone-else@factdesk.test", "x")).toBe("TOO_MANY_REQUESTS");
    expect(await attempt(from("192.0.2.1", throttle), user.email, PASSWORD)).toBe("ok");
  });

  it("counts in the database, so two API instances share one budget", async () => {
    const target = await makeUser(t.db);
    const [one, two] = [
      from("203.0.113.5", instance({ perAccount: 4 })),
      from("203.0.113.5", instance({ perAccount: 4 })),
    ];
    for (const caller of [one, two, one, two])
      expect(await attempt(caller, target.email, "guess")).toBe("UNAUTHORIZED");
    expect(await attempt(two, target.email, PASSWORD)).toBe("TOO_MANY_REQUESTS");
  });
});

describe("budgets for expensive work", () => {
  it("refuses a person's preview past the budget, across instances, but not a colleague's", async () => {
    const [checker, colleague] = [await makeUser(t.db), await makeUser(t.db)];
    const caller = (limits: TRateLimits, user: typeof checker) =>
      createCaller(createContextInner({ db: t.db, config: testConfig, user, rateLimits: limits }));
    const [a, b] = [instance(), instance()];
    const preview = { title: "Short", text: "The MEK was founded in 1965." };
    for (let i = 0; i < expensiveBudgets.ingest.points; i++)
      await caller(i % 2 ? a : b, checker).article.preview(preview);
    await expect(caller(a, checker).article.preview(preview)).rejects.toMatchObject({
      code: "TOO_MANY_REQUESTS",
      message: expect.stringMatching(/^Too many article previews and ingests\. Try again in \d+ minutes?\.$/),
    });
    await caller(b, colleague).article.preview(preview);
  });
});

/** Logs in through the procedure, as a browser would, and returns the session cookie's token. */
async function logIn(email: string, password = PASSWORD) {
  let token = "";
  const caller = createCaller(
    createContextInner({
      db: t.db,
      config: testConfig,
      cookie: {
        set: (value) => {
          token = value;
        },
        clear() {},
      },
    }),
  );
  await caller.auth.login({ email, password });
  return token;
}

describe("sessions", () => {
  it("store only a hash of the cookie token", async () => {
    const user = await makeUser(t.db);
    const token = await logIn(user.email);
    const [stored] = await t.db.select().from(sessions);
    expect(token).toMatch(/^[\w-]{43}$/);
    expect(stored?.tokenHash).not.toContain(token);
    expect(await userForSession(t.db, token)).toMatchObject({ id: user.id });
  });

  it("end at once when a user is deactivated", async () => {
    const user = await makeUser(t.db);
    const token = await logIn(user.email);
    await t.db.update(users).set({ active: false }).where(eq(users.id, user.id));
    expect(await userForSession(t.db, token)).toBeNull();
  });

  it("end after their time, and expired ones are cleared at the next login", async () => {
    const user = await makeUser(t.db);
    const token = await logIn(user.email);
    await t.db.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) });
    expect(await userForSession(t.db, token)).toBeNull();
    await logIn(user.email);
    expect(await t.db.$count(sessions)).toBe(1);
  });
});

describe("passwords", () => {
  const loggedIn = async (email: string, password = PASSWORD) => {
    const token = await logIn(email, password);
    const user = await userForSession(t.db, token);
    if (!user) throw new Error("not signed in");
    return {
      token,
      caller: createCaller(createContextInner({ db: t.db, config: testConfig, user, sessionToken: token })),
    };
  };

  it("are changed by their owner with the current one; other sessions end, this one stays", async () => {
    const user = await makeUser(t.db);
    const [here, elsewhere] = [await loggedIn(user.email), await loggedIn(user.email)];
    await expect(
      here.caller.auth.changePassword({ current: "wrong-password", next: "a-new-long-password" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: "Your current password is not right." });
    await expect(here.caller.auth.changePassword({ current: PASSWORD, next: "short" })).rejects.toMatchObject(
      { code: "BAD_REQUEST" },
    );
    expect(await userForSession(t.db, elsewhere.token)).not.toBeNull();

    await here.caller.auth.changePassword({ current: PASSWORD, next: "a-new-long-password" });
    expect(await userForSession(t.db, here.token)).toMatchObject({ id: user.id });
    expect(await userForSession(t.db, elsewhere.token)).toBeNull();
    expect(await attempt(from("192.0.2.10", instance()), user.email, PASSWORD)).toBe("UNAUTHORIZED");
    expect(await attempt(from("192.0.2.10", instance()), user.email, "a-new-long-password")).toBe("ok");
    const [event] = await t.db.select().from(events).where(eq(events.action, "password_changed"));
    expect(event).toMatchObject({ entityId: user.id, actorId: user.id });
    expect(JSON.stringify(event)).not.toContain("a-new-long-password");
  });

  it("are reset by admins only, ending every session of the person", async () => {
    const [admin, editor, person] = [
      await makeUser(t.db, { role: "admin" }),
      await makeUser(t.db, { role: "editor" }),
      await makeUser(t.db),
    ];
    const session = await loggedIn(person.email);
    await expect(
      callerFor(t.db, editor).user.resetPassword({ id: person.id, password: "set-by-an-editor" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      callerFor(t.db, admin).user.resetPassword({ id: admin.id, password: "my-own-new-password" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });

    await callerFor(t.db, admin).user.resetPassword({ id: person.id, password: "set-by-the-admin" });
    expect(await userForSession(t.db, session.token)).toBeNull();
    expect(await attempt(from("192.0.2.11", instance()), person.email, "set-by-the-admin")).toBe("ok");
    const [event] = await t.db.select().from(events).where(eq(events.action, "password_reset"));
    expect(event).toMatchObject({ entityId: person.id, actorId: admin.id });
  });
});

describe("sessions over HTTP on two instances", () => {
  it("are kept between requests, and forgotten everywhere as soon as a role changes, a user is deactivated or signs out", async () => {
    const [first, second] = [await startServer(t.handle), await startServer(t.handle)];
    try {
      const admin = callerFor(t.db, await makeUser(t.db, { role: "admin" }));
      const editor = await makeUser(t.db, { role: "editor" });
      const { client, jar } = browserClient(first.url);
      await client.auth.login.mutate({ email: editor.email, password: PASSWORD });
      /** The same cookie sent to the other instance. */
      const onSecond = () => {
        const other = browserClient(second.url);
        other.jar.cookie = jar.cookie;
        return other.client;
      };
      /** An editor's procedure on a verdict that does not exist: NOT_FOUND for editors, FORBIDDEN for others. */
      const editorOnly = (api: typeof client) =>
        api.verdict.withdrawApproval.mutate({ id: randomUUID(), version: 1, reason: "Checking." }).then(
          () => "ok",
          (error: TRPCClientError<AppRouter>) => error.data?.code,
        );
      // Both instances now know the session (and keep it).
      expect(await editorOnly(client)).toBe("NOT_FOUND");
      expect(await editorOnly(onSecond())).toBe("NOT_FOUND");

      await admin.user.setRole({ id: editor.id, role: "fact_checker" });
      await Promise.all([first.caughtUp(), second.caughtUp()]);
      expect(await editorOnly(client)).toBe("FORBIDDEN");
      expect(await editorOnly(onSecond())).toBe("FORBIDDEN");

      await client.auth.logout.mutate();
      await Promise.all([first.caughtUp(), second.caughtUp()]);
      expect(await onSecond().auth.me.query()).toBeNull();

      await client.auth.login.mutate({ email: editor.email, password: PASSWORD });
      expect(await onSecond().auth.me.query()).toMatchObject({ id: editor.id });
      await admin.user.deactivate({ id: editor.id });
      await Promise.all([first.caughtUp(), second.caughtUp()]);
      expect(await onSecond().auth.me.query()).toBeNull();
      expect(await client.auth.me.query()).toBeNull();
    } finally {
      await first.stop();
      await second.stop();
    }
  });
});
