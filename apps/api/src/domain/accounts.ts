import { randomBytes } from "node:crypto";
import { accountTokens, type Db, type DbOrTx, notifications, sessions, users } from "@factdesk/db";
import {
  DomainError,
  notificationText,
  sayIn,
  type TActor,
  type TEmailPreferences,
  type TLocale,
  type TSetPasswordWithTokenInput,
  type TUserInviteInput,
  words,
} from "@factdesk/schema";
import { and, asc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import type { TJobQueue } from "../jobs/queue";
import type { TMailer } from "../mailer";
import { announceChanges, recordEvent } from "./audit";
import { hashPassword, hashToken } from "./auth";
import type { TSite } from "./settings";

// Accounts by e-mail: password reset and invitation links (one-time, expiring, only their
// hash kept), and notifications sent at once or in a daily digest, each kind as its person chose.

const HOUR_MS = 3_600_000;
/** How long an e-mailed link works: a reset is urgent, an invitation may wait a few days. */
const LINK_TTL_MS = { reset: HOUR_MS, invite: 7 * 24 * HOUR_MS } as const;
export type TLinkPurpose = keyof typeof LINK_TTL_MS;

/** Without SMTP nothing can be e-mailed: said plainly, before anything is written. */
function assertMail(mailer: TMailer | null): asserts mailer is TMailer {
  if (!mailer)
    throw new DomainError(
      "PRECONDITION_FAILED",
      "E-mail is not set up on this desk (SMTP_URL): an admin can set a password instead.",
    );
}

/**
 * Someone forgot their password: a link is e-mailed if the address belongs to an active
 * account. The answer is the same either way, so nobody learns who has an account here.
 */
export async function requestPasswordReset(
  db: DbOrTx,
  jobs: TJobQueue,
  mailer: TMailer | null,
  email: string,
) {
  assertMail(mailer);
  await db.transaction(async (tx) => {
    const [user] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.email, email.trim().toLowerCase()), eq(users.active, true)));
    if (!user) return;
    await recordEvent(tx, {
      actorId: null,
      entityType: "user",
      entityId: user.id,
      action: "password_reset_requested",
    });
    await jobs.enqueue(tx, "email-account-link", { userId: user.id, purpose: "reset" });
  });
  return { sent: true };
}

/** An admin invites someone: the account exists at once, with no password until they choose one from the e-mail. */
export async function inviteUser(
  db: DbOrTx,
  jobs: TJobQueue,
  mailer: TMailer | null,
  actor: TActor,
  input: TUserInviteInput,
) {
  assertMail(mailer);
  // Nobody can sign in with this: a hash of a secret nobody keeps.
  const unusable = await hashPassword(randomBytes(32).toString("base64url"));
  return db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({
        email: input.email.trim().toLowerCase(),
        name: input.name,
        role: input.role,
        passwordHash: unusable,
      })
      .onConflictDoNothing()
      .returning({ id: users.id, email: users.email, name: users.name, role: users.role });
    if (!user) throw new DomainError("CONFLICT", "Someone with that e-mail address already has an account.");
    await recordEvent(tx, {
      actorId: actor.id,
      entityType: "user",
      entityId: user.id,
      action: "invited",
      data: { role: input.role },
    });
    await jobs.enqueue(tx, "email-account-link", { userId: user.id, purpose: "invite" });
    return user;
  });
}

/** The job: makes a one-time link and e-mails it. Only the token's hash is stored. */
export async function emailAccountLink(
  db: Db,
  mailer: TMailer,
  site: TSite,
  { userId, purpose }: { userId: string; purpose: TLinkPurpose },
) {
  const [user] = await db
    .select({ email: users.email, name: users.name, active: users.active })
    .from(users)
    .where(eq(users.id, userId));
  if (!user?.active) return;
  const token = randomBytes(32).toString("base64url");
  await db.insert(accountTokens).values({
    tokenHash: hashToken(token),
    userId,
    purpose,
    expiresAt: new Date(Date.now() + LINK_TTL_MS[purpose]),
  });
  // In the fragment, so the token never reaches a server log or a Referer.
  const link = new URL(`/app/set-password#${token}`, site.base).href;
  const desk = site.settings.organisationName ?? "Factdesk";
  await mailer.send(
    purpose === "invite"
      ? {
          to: user.email,
          subject: `You are invited to ${desk}`,
          text: `Hello ${user.name},\n\nYou have been invited to the fact-checking desk of ${desk}. Choose your password here (the link works once, for seven days):\n\n${link}\n`,
        }
      : {
          to: user.email,
          subject: `Reset your ${desk} password`,
          text: `Hello ${user.name},\n\nSomeone (we hope you) asked to reset your password. Choose a new one here (the link works once, for an hour):\n\n${link}\n\nIf it was not you, ignore this e-mail: your password stays as it is.\n`,
        },
  );
}

/**
 * Sets a password from an e-mailed link: once, before it expires. Every session of the
 * account ends, and every other link of it stops working.
 */
export async function setPasswordWithToken(db: DbOrTx, input: TSetPasswordWithTokenInput) {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [link] = await tx
      .select()
      .from(accountTokens)
      .where(
        and(
          eq(accountTokens.tokenHash, hashToken(input.token)),
          isNull(accountTokens.usedAt),
          gt(accountTokens.expiresAt, new Date()),
        ),
      )
      .for("update");
    if (!link)
      throw new DomainError("BAD_REQUEST", "This link has expired or was already used: ask for a new one.");
    await tx
      .update(users)
      .set({ passwordHash })
      .where(and(eq(users.id, link.userId), eq(users.active, true)));
    await tx
      .update(accountTokens)
      .set({ usedAt: sql`now()` })
      .where(and(eq(accountTokens.userId, link.userId), isNull(accountTokens.usedAt)));
    await tx.delete(sessions).where(eq(sessions.userId, link.userId));
    await recordEvent(tx, {
      actorId: link.userId,
      entityType: "user",
      entityId: link.userId,
      action: link.purpose === "invite" ? "invitation_accepted" : "password_reset",
    });
    const [user] = await tx.select({ email: users.email }).from(users).where(eq(users.id, link.userId));
    return { email: user?.email ?? "" };
  });
}

/** Saves which kinds of notification a person also wants by e-mail, and how often. */
export async function setEmailPreferences(db: DbOrTx, actor: TActor, preferences: TEmailPreferences) {
  await db.update(users).set({ emailNotifications: preferences }).where(eq(users.id, actor.id));
  return { preferences };
}

/** The language the app speaks to this person (null: their browser's); every open session hears it. */
export async function setOwnLocale(db: DbOrTx, actor: TActor, locale: TLocale | null) {
  await db.transaction(async (tx) => {
    await tx.update(users).set({ locale }).where(eq(users.id, actor.id));
    await announceChanges(tx, [{ entityType: "user", entityId: actor.id, action: "locale_set" }]);
  });
  return { locale };
}

export async function emailPreferencesOf(db: DbOrTx, actor: TActor) {
  const [row] = await db
    .select({ preferences: users.emailNotifications })
    .from(users)
    .where(eq(users.id, actor.id));
  return { preferences: row?.preferences ?? {} };
}

/** Notifications older than this are never e-mailed (a desk that just set up SMTP is not flooded). */
const EMAIL_WITHIN = sql`interval '2 days'`;

/**
 * The job, every minute (`mode` "immediately") or daily ("daily"): each person's notifications
 * of the kinds they want by e-mail that way, not yet sent, go out as one e-mail and are marked.
 */
export async function emailNotifications(
  db: Db,
  mailer: TMailer,
  site: TSite,
  mode: "immediately" | "daily",
) {
  const due = await db
    .select({
      id: notifications.id,
      userId: notifications.userId,
      kind: notifications.kind,
      data: notifications.data,
      claimId: notifications.claimId,
      createdAt: notifications.createdAt,
      to: users.email,
      locale: users.locale,
      actorName: sql<string | null>`(select a.name from users a where a.id = ${notifications.actorId})`,
    })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .where(
      and(
        isNull(notifications.emailedAt),
        isNull(notifications.readAt),
        eq(users.active, true),
        sql`${users.emailNotifications} ->> ${notifications.kind}::text = ${mode}`,
        sql`${notifications.createdAt} > now() - ${EMAIL_WITHIN}`,
      ),
    )
    .orderBy(asc(notifications.createdAt))
    .limit(500);
  const byPerson = new Map<string, typeof due>();
  for (const row of due) byPerson.set(row.userId, [...(byPerson.get(row.userId) ?? []), row]);
  const desk = site.settings.organisationName ?? "Factdesk";
  for (const rows of byPerson.values()) {
    // In the person's language, else the one the desk publishes in.
    const say = sayIn(rows[0]?.locale ?? site.settings.publicLocale);
    const lines = rows.map((row) => {
      const text = notificationText({ kind: row.kind, actorName: row.actorName, data: row.data }, say);
      const where = row.claimId
        ? new URL(`/app/claims/${row.claimId}`, site.base).href
        : new URL("/app/notifications", site.base).href;
      return `- ${text}\n  ${where}`;
    });
    const first = rows[0];
    if (!first) continue;
    await mailer.send({
      to: first.to,
      subject: say(
        mode === "daily"
          ? words("email.daily", { desk, count: rows.length })
          : rows.length === 1
            ? words("email.one", { desk, text: notificationText(first, say) })
            : words("email.several", { desk, count: rows.length }),
      ),
      text: `${lines.join("\n\n")}\n\n${say(words("email.choose", { url: new URL("/app/account", site.base).href }))}\n`,
    });
    await db
      .update(notifications)
      .set({ emailedAt: sql`now()` })
      .where(
        inArray(
          notifications.id,
          rows.map((row) => row.id),
        ),
      );
  }
  return due.length;
}
