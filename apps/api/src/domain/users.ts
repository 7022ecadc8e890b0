import { type DbOrTx, sessions, users } from "@factdesk/db";
import { DomainError, type TActor, type TRole } from "@factdesk/schema";
import { and, asc, eq, inArray, ne, or } from "drizzle-orm";
import { recordEvent } from "./audit";
import { hashPassword, hashToken, verifyPassword } from "./auth";

const publicColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  role: users.role,
  active: users.active,
};

export const listUsers = (db: DbOrTx) => db.select(publicColumns).from(users).orderBy(asc(users.name));

/**
 * Locks, in one order (by id), the acting admin, the user changed and every admin, then
 * returns the user changed. One order means two admins demoting each other wait for one
 * another instead of deadlocking; locking the admins means they cannot both pass the
 * last-admin check; and an actor demoted meanwhile is refused.
 */
async function lockForAdminChange(tx: DbOrTx, actor: TActor, userId: string) {
  const locked = await tx
    .select(publicColumns)
    .from(users)
    .where(or(eq(users.role, "admin"), inArray(users.id, [actor.id, userId])))
    .orderBy(asc(users.id))
    .for("update");
  const self = locked.find((row) => row.id === actor.id);
  if (!self?.active || self.role !== "admin")
    throw new DomainError("FORBIDDEN", "You are no longer an admin, so you cannot change accounts.");
  const user = locked.find((row) => row.id === userId);
  if (!user) throw new DomainError("NOT_FOUND", "No user with that id exists.");
  return user;
}

/** The last active admin cannot be demoted or deactivated: someone must be able to manage users. */
async function assertAnotherAdmin(db: DbOrTx, userId: string) {
  const others = await db.$count(
    users,
    and(eq(users.role, "admin"), eq(users.active, true), ne(users.id, userId)),
  );
  if (others === 0)
    throw new DomainError("PRECONDITION_FAILED", "Make someone else an admin first: this is the last one.");
}

export async function createUser(
  db: DbOrTx,
  actor: TActor,
  input: { email: string; name: string; role: TRole; password: string },
) {
  const passwordHash = await hashPassword(input.password); // slow by design: outside the transaction
  return db.transaction(async (tx) => {
    const email = input.email.trim().toLowerCase();
    const [user] = await tx
      .insert(users)
      .values({ email, name: input.name, role: input.role, passwordHash })
      .onConflictDoNothing({ target: users.email })
      .returning(publicColumns);
    if (!user) throw new DomainError("CONFLICT", `There is already an account for ${email}.`);
    await recordEvent(tx, {
      actorId: actor.id,
      entityType: "user",
      entityId: user.id,
      action: "created",
      to: input.role,
    });
    return user;
  });
}

export async function setRole(db: DbOrTx, actor: TActor, input: { id: string; role: TRole }) {
  return db.transaction(async (tx) => {
    const user = await lockForAdminChange(tx, actor, input.id);
    if (user.role === input.role) return user;
    if (user.role === "admin") await assertAnotherAdmin(tx, user.id);
    const [updated] = await tx
      .update(users)
      .set({ role: input.role })
      .where(eq(users.id, user.id))
      .returning(publicColumns);
    await recordEvent(tx, {
      actorId: actor.id,
      entityType: "user",
      entityId: user.id,
      action: "role_changed",
      from: user.role,
      to: input.role,
    });
    return updated ?? user;
  });
}

/** Deactivating ends the user's sessions at once; reactivating lets them log in again. */
export async function setActive(db: DbOrTx, actor: TActor, input: { id: string; active: boolean }) {
  return db.transaction(async (tx) => {
    const user = await lockForAdminChange(tx, actor, input.id);
    if (!input.active && user.id === actor.id)
      throw new DomainError("BAD_REQUEST", "You cannot deactivate yourself.");
    if (user.active === input.active) return user;
    if (!input.active && user.role === "admin") await assertAnotherAdmin(tx, user.id);
    const [updated] = await tx
      .update(users)
      .set({ active: input.active })
      .where(eq(users.id, user.id))
      .returning(publicColumns);
    if (!input.active) await tx.delete(sessions).where(eq(sessions.userId, user.id));
    await recordEvent(tx, {
      actorId: actor.id,
      entityType: "user",
      entityId: user.id,
      action: input.active ? "reactivated" : "deactivated",
    });
    return updated ?? user;
  });
}

/**
 * A person changes their own password: the current one must be right, and every other
 * session of theirs ends (a device someone else may hold is signed out; this one stays).
 */
export async function changeOwnPassword(
  db: DbOrTx,
  actor: TActor,
  input: { current: string; next: string },
  sessionToken: string | null,
) {
  // Argon2 is deliberately slow: verify and hash before the transaction, which only writes
  // (and only if the password is still the one verified).
  const [user] = await db
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, actor.id));
  if (!user || !(await verifyPassword(user.passwordHash, input.current)))
    throw new DomainError("BAD_REQUEST", "Your current password is not right.");
  const passwordHash = await hashPassword(input.next);
  return db.transaction(async (tx) => {
    const changed = await tx
      .update(users)
      .set({ passwordHash })
      .where(and(eq(users.id, actor.id), eq(users.passwordHash, user.passwordHash)))
      .returning({ id: users.id });
    if (!changed.length)
      throw new DomainError(
        "CONFLICT",
        "Your password was changed meanwhile; use the new one and try again.",
      );
    const kept = sessionToken ? hashToken(sessionToken) : "";
    await tx.delete(sessions).where(and(eq(sessions.userId, actor.id), ne(sessions.tokenHash, kept)));
    await recordEvent(tx, {
      actorId: actor.id,
      entityType: "user",
      entityId: actor.id,
      action: "password_changed",
    });
    return { ok: true };
  });
}

/** An admin sets someone's password (they forgot it): all of that person's sessions end. */
export async function resetPassword(db: DbOrTx, actor: TActor, input: { id: string; password: string }) {
  if (input.id === actor.id)
    throw new DomainError("BAD_REQUEST", "Change your own password from your account page.");
  // Hashed before the transaction, so the admins' locks are not held through Argon2.
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const user = await lockForAdminChange(tx, actor, input.id);
    await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
    await tx.delete(sessions).where(eq(sessions.userId, user.id));
    await recordEvent(tx, {
      actorId: actor.id,
      entityType: "user",
      entityId: user.id,
      action: "password_reset",
    });
    return user;
  });
}
