import { claims, type DbOrTx, notifications, users } from "@factdesk/db";
import { DomainError, type TActor, type TNotificationKind } from "@factdesk/schema";
import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";

export interface TNotice {
  userId: string;
  kind: TNotificationKind;
  /** The claim it is about; none for an alert raised by a reader's tip. */
  claimId: string | null;
  data?: Record<string, unknown>;
}

/**
 * Tells people about a change, inside the change's own transaction (a rolled-back change
 * tells nobody). Nobody is told about what they did themselves; a null actor is the desk's
 * own jobs. The change's audit event announces it live; the browser then fetches its
 * notifications.
 */
export async function notify(tx: DbOrTx, actor: TActor | null, notices: TNotice[]) {
  const rows = notices
    .filter((notice) => notice.userId !== actor?.id)
    .map((notice) => ({ ...notice, actorId: actor?.id ?? null, data: notice.data ?? {} }));
  if (rows.length) await tx.insert(notifications).values(rows);
}

/** Active editors and admins: the people who can approve a verdict. */
export async function editorIds(db: DbOrTx) {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.active, true), inArray(users.role, ["editor", "admin"])));
  return rows.map((row) => row.id);
}

/** The reader's newest notifications, with the claim and who acted, whether there are older ones, and how many are unread. */
export async function listNotifications(db: DbOrTx, actor: TActor, { limit = 30 } = {}) {
  const items = await db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      data: notifications.data,
      readAt: notifications.readAt,
      createdAt: notifications.createdAt,
      claim: { id: claims.id, text: claims.text },
      actor: { id: users.id, name: users.name },
    })
    .from(notifications)
    .leftJoin(claims, eq(claims.id, notifications.claimId))
    .leftJoin(users, eq(users.id, notifications.actorId))
    .where(eq(notifications.userId, actor.id))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit + 1);
  const [unread] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, actor.id), isNull(notifications.readAt)));
  return { items: items.slice(0, limit), hasMore: items.length > limit, unread: unread?.count ?? 0 };
}

/** Marks some of the reader's notifications read, or all of them. */
export async function markNotificationsRead(db: DbOrTx, actor: TActor, input: { ids?: string[] }) {
  const marked = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(
      and(
        eq(notifications.userId, actor.id),
        isNull(notifications.readAt),
        input.ids ? inArray(notifications.id, input.ids) : undefined,
      ),
    )
    .returning({ id: notifications.id });
  if (input.ids && !marked.length) {
    const [mine] = await db
      .select({ id: notifications.id })
      .from(notifications)
      .where(and(eq(notifications.userId, actor.id), inArray(notifications.id, input.ids)));
    if (!mine) throw new DomainError("NOT_FOUND", "You have no such notification.");
  }
  return { marked: marked.length };
}
