import { createHash, randomBytes } from "node:crypto";
import { type DbOrTx, sessions, users } from "@factdesk/db";
import { DomainError, type TLocale, type TLoginInput, type TRole } from "@factdesk/schema";
import argon2 from "argon2";
import { and, eq, gt, lt } from "drizzle-orm";
import { announceChanges } from "./audit";
import { getSettings } from "./settings";
import { checkSecondFactor } from "./two-factor";

export interface TSessionUser {
  id: string;
  email: string;
  name: string;
  role: TRole;
  /** The language the app speaks to them; null: their browser's. */
  locale?: TLocale | null;
  /** The desk requires a second factor of this person, who has not set one up: only that is allowed. */
  needsTwoFactor?: boolean;
}

export const hashPassword = (password: string) => argon2.hash(password, { type: argon2.argon2id });

export const verifyPassword = (hash: string, password: string) => argon2.verify(hash, password);

// Verified against when the email is unknown, so both failures take the same time.
const decoyHash = hashPassword(randomBytes(16).toString("hex"));

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

const sessionUserColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  locale: users.locale,
};

export async function login(
  db: DbOrTx,
  input: TLoginInput,
  options: { ttlMs: number; userAgent?: string | undefined },
): Promise<{ user: TSessionUser; token: string; expiresAt: Date }> {
  const [found] = await db
    .select({
      ...sessionUserColumns,
      passwordHash: users.passwordHash,
      active: users.active,
      totpSecret: users.totpSecret,
      totpEnabledAt: users.totpEnabledAt,
    })
    .from(users)
    .where(eq(users.email, input.email.trim().toLowerCase()));
  const valid = await argon2.verify(found?.passwordHash ?? (await decoyHash), input.password);
  if (!found || !valid || !found.active) {
    throw new DomainError("UNAUTHORIZED", "Email or password is incorrect.");
  }
  // The second factor, for those who turned it on: asked for only once the password is right.
  if (found.totpEnabledAt && found.totpSecret) {
    if (!input.code)
      throw new DomainError(
        "UNAUTHORIZED",
        "Enter the code from your authenticator app, or a recovery code.",
        {
          twoFactor: true,
        },
      );
    if (!(await checkSecondFactor(db, found.id, found.totpSecret, input.code)))
      throw new DomainError(
        "UNAUTHORIZED",
        "That code is not right: try the newest one, or a recovery code.",
        {
          twoFactor: true,
        },
      );
  }
  const needsTwoFactor =
    !found.totpEnabledAt && found.role !== "fact_checker" && (await getSettings(db)).requireTwoFactor;
  // Expired sessions of this user go as a new one comes, so the table stays small.
  await db.delete(sessions).where(and(eq(sessions.userId, found.id), lt(sessions.expiresAt, new Date())));
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + options.ttlMs);
  await db.insert(sessions).values({
    tokenHash: hashToken(token),
    userId: found.id,
    expiresAt,
    userAgent: options.userAgent?.slice(0, 512) ?? null,
    needsTwoFactor,
  });
  const { passwordHash: _hash, active: _active, totpSecret: _secret, totpEnabledAt: _on, ...user } = found;
  return { user: { ...user, needsTwoFactor }, token, expiresAt };
}

/** The user behind a session cookie, or null when it is unknown, expired or deactivated. */
export async function userForSession(db: DbOrTx, token: string): Promise<TSessionUser | null> {
  return (await sessionFor(db, token))?.user ?? null;
}

async function sessionFor(db: DbOrTx, token: string) {
  const [row] = await db
    .select({
      user: { ...sessionUserColumns, needsTwoFactor: sessions.needsTwoFactor },
      expiresAt: sessions.expiresAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.tokenHash, hashToken(token)),
        gt(sessions.expiresAt, new Date()),
        eq(users.active, true),
      ),
    );
  return row ?? null;
}

/** Ends a session; every instance forgets it (see createSessionCache). */
export async function logout(db: DbOrTx, token: string): Promise<void> {
  await db.transaction(async (tx) => {
    const ended = await tx
      .delete(sessions)
      .where(eq(sessions.tokenHash, hashToken(token)))
      .returning({ userId: sessions.userId });
    await announceChanges(
      tx,
      ended.map(({ userId }) => ({ entityType: "user" as const, entityId: userId, action: "signed_out" })),
    );
  });
}

/**
 * Sessions as recently read, so a request does not wait on a query to learn who sent it.
 * Every change of a user (role, deactivation, sign-out: NOTIFY reaches every instance) drops
 * their sessions at once; `ttlMs` bounds how long one is trusted if a notification is lost.
 */
export function createSessionCache({ ttlMs = 10_000, maxEntries = 10_000 } = {}) {
  const kept = new Map<string, { user: TSessionUser; expiresAt: Date; at: number }>();
  // When each user was last forgotten (a counter): a read that began before is not kept.
  let clock = 0;
  let clearedAt = 0;
  const forgotten = new Map<string, number>();
  return {
    async userFor(db: DbOrTx, token: string): Promise<TSessionUser | null> {
      const key = hashToken(token);
      const hit = kept.get(key);
      const now = Date.now();
      if (hit && now - hit.at < ttlMs && hit.expiresAt.getTime() > now) return hit.user;
      kept.delete(key);
      const began = clock;
      const session = await sessionFor(db, token);
      const stale = session && ((forgotten.get(session.user.id) ?? 0) > began || clearedAt > began);
      if (session && ttlMs > 0 && !stale) {
        if (kept.size >= maxEntries) kept.delete(kept.keys().next().value ?? "");
        kept.set(key, { ...session, at: now });
      }
      return session?.user ?? null;
    },
    forgetUser(userId: string) {
      forgotten.set(userId, ++clock);
      for (const [key, entry] of kept) if (entry.user.id === userId) kept.delete(key);
    },
    clear() {
      clearedAt = ++clock;
      forgotten.clear();
      kept.clear();
    },
  };
}
