import { createHash, randomBytes } from "node:crypto";
import { type DbOrTx, sessions, users } from "@factdesk/db";
import { DomainError, type TLoginInput, type TRole } from "@factdesk/schema";
import argon2 from "argon2";
import { and, eq, gt, lt } from "drizzle-orm";

export interface TSessionUser {
  id: string;
  email: string;
  name: string;
  role: TRole;
}

export const hashPassword = (password: string) => argon2.hash(password, { type: argon2.argon2id });

// Verified against when the email is unknown, so both failures take the same time.
const decoyHash = hashPassword(randomBytes(16).toString("hex"));

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

const sessionUserColumns = { id: users.id, email: users.email, name: users.name, role: users.role };

export async function login(
  db: DbOrTx,
  input: TLoginInput,
  options: { ttlMs: number; userAgent?: string | undefined },
): Promise<{ user: TSessionUser; token: string; expiresAt: Date }> {
  const [found] = await db
    .select({ ...sessionUserColumns, passwordHash: users.passwordHash, active: users.active })
    .from(users)
    .where(eq(users.email, input.email.trim().toLowerCase()));
  const valid = await argon2.verify(found?.passwordHash ?? (await decoyHash), input.password);
  if (!found || !valid || !found.active) {
    throw new DomainError("UNAUTHORIZED", "Email or password is incorrect.");
  }
  // Expired sessions of this user go as a new one comes, so the table stays small.
  await db.delete(sessions).where(and(eq(sessions.userId, found.id), lt(sessions.expiresAt, new Date())));
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + options.ttlMs);
  await db.insert(sessions).values({
    tokenHash: hashToken(token),
    userId: found.id,
    expiresAt,
    userAgent: options.userAgent?.slice(0, 512) ?? null,
  });
  const { passwordHash: _hash, active: _active, ...user } = found;
  return { user, token, expiresAt };
}

/** The user behind a session cookie, or null when it is unknown, expired or deactivated. */
export async function userForSession(db: DbOrTx, token: string): Promise<TSessionUser | null> {
  const [row] = await db
    .select(sessionUserColumns)
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

export async function logout(db: DbOrTx, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)));
}
