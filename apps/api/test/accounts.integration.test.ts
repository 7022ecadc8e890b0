import type { AddressInfo } from "node:net";
import { accountTokens, notifications, settings } from "@factdesk/db";
import { useTestDb } from "@factdesk/db/testing";
import { eq, sql } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config";
import { emailNotifications } from "../src/domain/accounts";
import { siteOf } from "../src/domain/settings";
import { runUntilIdle } from "../src/jobs/workers";
import { mailerFor } from "../src/mailer";
import { callerFor, configureOrganisation, makeClaim, makeUser, PASSWORD, testConfig } from "./factories";
import { browserClient, startServer } from "./http-client";
import { TEST_AUDIT_KEY } from "./setup";

const t = useTestDb();

/** A real SMTP server, started by the test: what arrives is what the desk sent. */
const inbox: { to: string[]; raw: string }[] = [];
let smtp: SMTPServer;
let config: ReturnType<typeof loadConfig>;
let app: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (chunk) => (raw += chunk));
      stream.on("end", () => {
        inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  config = loadConfig({
    WEB_DIST: "/nonexistent",
    AUDIT_KEY: TEST_AUDIT_KEY,
    SMTP_URL: `smtp://127.0.0.1:${port}`,
    MAIL_FROM: "Test Desk <desk@checks.example>",
  });
  app = await startServer(t.handle, undefined, config);
});
afterAll(async () => {
  await app.stop();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});
beforeEach(() => {
  inbox.length = 0;
});

/** The text of a message, quoted-printable undone. */
const bodyOf = (raw: string) =>
  raw
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
const linkIn = (raw: string) => bodyOf(raw).match(/\/app\/set-password#([A-Za-z0-9_-]{43})/)?.[1] ?? "";
const runJobs = () => runUntilIdle(t.handle, { config, log: () => {} });

describe("accounts by e-mail", () => {
  it("reset a forgotten password by a one-time, expiring link, telling nobody who has an account", async () => {
    const user = await makeUser(t.db, { name: "Rita Reset" });
    const anonymous = callerFor(t.db, null, config);
    expect(await anonymous.account.requestPasswordReset({ email: user.email })).toEqual({ sent: true });
    expect(await anonymous.account.requestPasswordReset({ email: "nobody@factdesk.test" })).toEqual({
      sent: true,
    });
    await runJobs();
    expect(inbox.map((mail) => mail.to)).toEqual([[user.email]]);
    const token = linkIn(inbox[0]?.raw ?? "");
    expect(token).toHaveLength(43);
    // Only the hash is kept.
    expect(JSON.stringify(await t.db.select().from(accountTokens))).not.toContain(token);

    const { client } = browserClient(app.url);
    await client.auth.login.mutate({ email: user.email, password: PASSWORD });
    await anonymous.account.setPassword({ token, password: "a brand new passphrase" });
    // Sessions end; the old password stops working; the link works once.
    await expect(client.auth.me.query()).resolves.toBeNull();
    await expect(
      browserClient(app.url).client.auth.login.mutate({ email: user.email, password: PASSWORD }),
    ).rejects.toMatchObject({ data: { code: "UNAUTHORIZED" } });
    await browserClient(app.url).client.auth.login.mutate({
      email: user.email,
      password: "a brand new passphrase",
    });
    await expect(
      anonymous.account.setPassword({ token, password: "yet another passphrase" }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "This link has expired or was already used: ask for a new one.",
    });

    // An expired link does not work either.
    await anonymous.account.requestPasswordReset({ email: user.email });
    await runJobs();
    const late = linkIn(inbox.at(-1)?.raw ?? "");
    await t.db.update(accountTokens).set({ expiresAt: sql`now() - interval '1 minute'` });
    await expect(
      anonymous.account.setPassword({ token: late, password: "yet another passphrase" }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });

  it("invite people by e-mail to choose their own password", async () => {
    await configureOrganisation(t.db, { organisationName: "Test Checks" });
    const admin = callerFor(t.db, await makeUser(t.db, { role: "admin" }), config);
    const invited = await admin.user.invite({
      email: "Nina@Newsroom.example",
      name: "Nina New",
      role: "editor",
    });
    expect(invited).toMatchObject({ email: "nina@newsroom.example", role: "editor" });
    await expect(
      admin.user.invite({ email: "nina@newsroom.example", name: "Again", role: "editor" }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await runJobs();
    const [mail] = inbox;
    expect(mail?.to).toEqual(["nina@newsroom.example"]);
    expect(bodyOf(mail?.raw ?? "")).toContain("Subject: You are invited to Test Checks");
    await callerFor(t.db, null, config).account.setPassword({
      token: linkIn(mail?.raw ?? ""),
      password: "nina's own passphrase",
    });
    const me = await browserClient(app.url).client.auth.login.mutate({
      email: "nina@newsroom.example",
      password: "nina's own passphrase",
    });
    expect(me).toMatchObject({ name: "Nina New", role: "editor" });
  });

  it("say so when the desk has no SMTP server", async () => {
    const noMail = callerFor(t.db, null, testConfig);
    expect(await noMail.account.mailEnabled()).toEqual({ enabled: false });
    await expect(
      noMail.account.requestPasswordReset({ email: "someone@factdesk.test" }),
    ).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
    });
  });

  it("e-mail each kind of notification as its person chose: at once, in a daily digest, or not", async () => {
    const checker = await makeUser(t.db, { name: "Mia Mail" });
    const editor = callerFor(t.db, await makeUser(t.db, { role: "editor", name: "Eve Editor" }), config);
    const asChecker = callerFor(t.db, checker, config);
    await asChecker.account.setEmailPreferences({
      preferences: { assigned: "immediately", mentioned: "daily" },
    });
    expect(await asChecker.account.emailPreferences()).toEqual({
      preferences: { assigned: "immediately", mentioned: "daily" },
    });
    const claim = await makeClaim(t.db, { text: "The port handled <b>12 million</b> containers." });
    await editor.claim.assign({ id: claim.id, version: 1, assigneeId: checker.id });
    await editor.claim.comment({ claimId: claim.id, body: `@${checker.email.split("@")[0]} can you look?` });
    // Kinds not chosen are not e-mailed.
    await t.db
      .insert(notifications)
      .values({ userId: checker.id, kind: "published", claimId: claim.id, data: {} });
    const mailer = mailerFor(config);
    if (!mailer) throw new Error("no mailer");
    const site = await siteOf(t.db, config.publicUrl);
    expect(await emailNotifications(t.db, mailer, site, "immediately")).toBe(1);
    expect(await emailNotifications(t.db, mailer, site, "immediately")).toBe(0);
    expect(inbox).toHaveLength(1);
    expect(bodyOf(inbox[0]?.raw ?? "")).toContain("Eve Editor assigned you a claim");
    expect(bodyOf(inbox[0]?.raw ?? "")).toContain(`/app/claims/${claim.id}`);
    expect(await emailNotifications(t.db, mailer, site, "daily")).toBe(1);
    expect(inbox).toHaveLength(2);
    expect(bodyOf(inbox[1]?.raw ?? "")).toMatch(/Subject: .*your day's notifications \(1\)/);
    expect(bodyOf(inbox[1]?.raw ?? "")).toContain("Eve Editor mentioned you");
    expect(inbox.every((mail) => mail.to.join() === checker.email)).toBe(true);
  });
});

describe("two-factor sign-in", () => {
  const codeFor = (secret: string) =>
    new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate();

  it("is set up with an authenticator app's code, then asked for at sign-in, with one-time recovery codes", async () => {
    const user = await makeUser(t.db, { name: "Tom Totp" });
    const { client } = browserClient(app.url);
    await client.auth.login.mutate({ email: user.email, password: PASSWORD });
    const { secret, uri } = await client.account.startTwoFactor.mutate();
    expect(uri).toMatch(/^otpauth:\/\/totp\/Factdesk:.+secret=/);
    await expect(
      client.account.enableTwoFactor.mutate({ code: "000000" === codeFor(secret) ? "111111" : "000000" }),
    ).rejects.toMatchObject({
      data: { code: "BAD_REQUEST" },
    });
    const { recoveryCodes } = await client.account.enableTwoFactor.mutate({ code: codeFor(secret) });
    expect(recoveryCodes).toHaveLength(10);
    expect(await client.account.twoFactor.query()).toEqual({ enabled: true, recoveryCodesLeft: 10 });

    const signIn = (code?: string) =>
      browserClient(app.url).client.auth.login.mutate({
        email: user.email,
        password: PASSWORD,
        ...(code ? { code } : {}),
      });
    await expect(signIn()).rejects.toMatchObject({
      message: "Enter the code from your authenticator app, or a recovery code.",
      data: { code: "UNAUTHORIZED", details: { twoFactor: true } },
    });
    await expect(signIn("123456" === codeFor(secret) ? "654321" : "123456")).rejects.toMatchObject({
      data: { code: "UNAUTHORIZED" },
    });
    await expect(signIn(codeFor(secret))).resolves.toMatchObject({ id: user.id });
    const recovery = recoveryCodes[0] as string;
    await expect(signIn(recovery.toUpperCase())).resolves.toMatchObject({ id: user.id });
    await expect(signIn(recovery)).rejects.toMatchObject({ data: { code: "UNAUTHORIZED" } });

    // The secret is sealed in the database, never stored as given.
    const stored = await t.handle.query({
      text: "select totp_secret from users where id = $1",
      values: [user.id],
    });
    expect(JSON.stringify(stored.rows)).not.toContain(secret);

    await expect(
      client.account.disableTwoFactor.mutate({ password: "wrong password" }),
    ).rejects.toMatchObject({
      data: { code: "BAD_REQUEST" },
    });
    await client.account.disableTwoFactor.mutate({ password: PASSWORD });
    await expect(signIn()).resolves.toMatchObject({ id: user.id });
  });

  it("can be required of editors and admins: until they set it up, that is all they can do", async () => {
    await t.db
      .insert(settings)
      .values({ id: 1, requireTwoFactor: true })
      .onConflictDoUpdate({
        target: settings.id,
        set: { requireTwoFactor: true },
      });
    const editor = await makeUser(t.db, { role: "editor" });
    const checker = await makeUser(t.db);
    const asEditor = browserClient(app.url).client;
    await asEditor.auth.login.mutate({ email: editor.email, password: PASSWORD });
    await expect(asEditor.claim.list.query({})).rejects.toMatchObject({
      data: { code: "FORBIDDEN" },
      message: "Your desk requires two-factor sign-in for editors and admins: set it up under Account first.",
    });
    // Fact-checkers are not asked.
    const asChecker = browserClient(app.url).client;
    await asChecker.auth.login.mutate({ email: checker.email, password: PASSWORD });
    await expect(asChecker.claim.list.query({})).resolves.toBeDefined();

    const { secret } = await asEditor.account.startTwoFactor.mutate();
    await asEditor.account.enableTwoFactor.mutate({ code: codeFor(secret) });
    await app.caughtUp();
    await expect(asEditor.claim.list.query({})).resolves.toBeDefined();
    await expect(asEditor.account.disableTwoFactor.mutate({ password: PASSWORD })).rejects.toMatchObject({
      data: { code: "FORBIDDEN" },
    });
    await t.db.update(settings).set({ requireTwoFactor: false }).where(eq(settings.id, 1));
  });
});
