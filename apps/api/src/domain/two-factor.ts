import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { type DbOrTx, recoveryCodes, sessions, users } from "@factdesk/db";
import { DomainError, type TActor } from "@factdesk/schema";
import { and, eq, isNull, sql } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import { purposeKey, recordEvent } from "./audit";
import { hashToken, verifyPassword } from "./auth";

// Two-factor sign-in with TOTP (RFC 6238: the codes of any authenticator app) and one-time
// recovery codes. The secret is sealed (AES-256-GCM) with a key of the desk's, so a copy of
// the database alone cannot mint codes; recovery codes are kept as hashes only.

const RECOVERY_CODES = 10;

const key = () => purposeKey("totp secrets");

function seal(secret: string) {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const sealed = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return [iv, cipher.getAuthTag(), sealed].map((part) => part.toString("base64url")).join(".");
}

function unseal(stored: string) {
  const [iv = "", tag = "", sealed = ""] = stored.split(".");
  const decipher = createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(sealed, "base64url")), decipher.final()]).toString(
    "utf8",
  );
}

const totpOf = (base32: string, label: string) =>
  new TOTP({ issuer: "Factdesk", label, secret: Secret.fromBase32(base32), digits: 6, period: 30 });

/** Whether a code is the app's current one (a step either side forgives a slow typist or a drifting clock). */
const isCurrentCode = (base32: string, code: string) =>
  totpOf(base32, "").validate({ token: code.replace(/\s/g, ""), window: 1 }) !== null;

const recoveryCode = () => {
  const raw = randomBytes(8).toString("hex");
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 12)}-${raw.slice(12)}`;
};
const normaliseRecovery = (code: string) =>
  code
    .trim()
    .toLowerCase()
    .replace(/[^0-9a-f]/g, "");

/** Starts setting up: a new secret, shown once as text and as an otpauth:// address for the app. */
export async function startTwoFactor(db: DbOrTx, actor: TActor & { email: string }) {
  const [user] = await db.select({ enabled: users.totpEnabledAt }).from(users).where(eq(users.id, actor.id));
  if (user?.enabled)
    throw new DomainError("CONFLICT", "Two-factor sign-in is already on; turn it off first.");
  const secret = new Secret({ size: 20 }).base32;
  await db
    .update(users)
    .set({ totpSecret: seal(secret) })
    .where(eq(users.id, actor.id));
  return { secret, uri: totpOf(secret, actor.email).toString() };
}

/**
 * Turns it on once the app shows a matching code; returns the recovery codes, shown this once.
 * A session that was waiting for it (the desk requires it) is let through.
 */
export async function enableTwoFactor(db: DbOrTx, actor: TActor, code: string) {
  return db.transaction(async (tx) => {
    const [user] = await tx
      .select({ secret: users.totpSecret, enabled: users.totpEnabledAt })
      .from(users)
      .where(eq(users.id, actor.id))
      .for("update");
    if (user?.enabled) throw new DomainError("CONFLICT", "Two-factor sign-in is already on.");
    if (!user?.secret)
      throw new DomainError("PRECONDITION_FAILED", "Start setting up two-factor sign-in first.");
    if (!isCurrentCode(unseal(user.secret), code))
      throw new DomainError(
        "BAD_REQUEST",
        "That code does not match: check the app's clock and try the newest code.",
      );
    const codes = Array.from({ length: RECOVERY_CODES }, recoveryCode);
    await tx.update(users).set({ totpEnabledAt: sql`now()` }).where(eq(users.id, actor.id));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, actor.id));
    await tx
      .insert(recoveryCodes)
      .values(codes.map((c) => ({ userId: actor.id, codeHash: hashToken(normaliseRecovery(c)) })));
    await tx.update(sessions).set({ needsTwoFactor: false }).where(eq(sessions.userId, actor.id));
    await recordEvent(tx, {
      actorId: actor.id,
      entityType: "user",
      entityId: actor.id,
      action: "two_factor_enabled",
    });
    return { recoveryCodes: codes };
  });
}

/** Turns it off, with the password; not while the desk requires it of this person's role. */
export async function disableTwoFactor(db: DbOrTx, actor: TActor, password: string, required: boolean) {
  if (required && actor.role !== "fact_checker")
    throw new DomainError("FORBIDDEN", "Your desk requires two-factor sign-in for editors and admins.");
  const [user] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, actor.id));
  if (!user || !(await verifyPassword(user.hash, password)))
    throw new DomainError("BAD_REQUEST", "That password is not right.");
  await db.transaction(async (tx) => {
    await tx.update(users).set({ totpSecret: null, totpEnabledAt: null }).where(eq(users.id, actor.id));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, actor.id));
    await recordEvent(tx, {
      actorId: actor.id,
      entityType: "user",
      entityId: actor.id,
      action: "two_factor_disabled",
    });
  });
  return { enabled: false };
}

/**
 * The second factor at sign-in: the app's current code, or an unused recovery code (which is
 * then spent). False when it is neither; the caller says so as it says a wrong password.
 */
export async function checkSecondFactor(db: DbOrTx, userId: string, secret: string, code: string) {
  if (/^\d{6}$/.test(code.replace(/\s/g, ""))) return isCurrentCode(unseal(secret), code);
  const spent = await db
    .update(recoveryCodes)
    .set({ usedAt: sql`now()` })
    .where(
      and(
        eq(recoveryCodes.userId, userId),
        eq(recoveryCodes.codeHash, hashToken(normaliseRecovery(code))),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .returning({ id: recoveryCodes.id });
  return spent.length === 1;
}

/** Whether two-factor sign-in is on for this person, and how many recovery codes are left. */
export async function twoFactorStatus(db: DbOrTx, actor: TActor) {
  const [user] = await db.select({ enabled: users.totpEnabledAt }).from(users).where(eq(users.id, actor.id));
  const [left] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, actor.id), isNull(recoveryCodes.usedAt)));
  return { enabled: !!user?.enabled, recoveryCodesLeft: left?.count ?? 0 };
}
