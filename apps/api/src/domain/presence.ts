import { claimPresence, claims, type DbOrTx, users } from "@factdesk/db";
import { PRESENCE_BEAT_SECONDS, type TActor } from "@factdesk/schema";
import { and, eq, gt, inArray, ne, sql } from "drizzle-orm";
import { announceChanges } from "./audit";
import { findClaim } from "./claims";

const WINDOW = sql`now() - make_interval(secs => ${PRESENCE_BEAT_SECONDS * 2 + 5})`;

export interface TPresent {
  userId: string;
  name: string;
  editing: boolean;
}

/**
 * Records that the actor has a claim open (or has left it). Others are told only when that
 * changes what they would see: someone arrived, left, or started or stopped typing.
 */
export async function reportPresence(
  db: DbOrTx,
  actor: TActor,
  input: { claimId: string; here: boolean; editing: boolean },
) {
  return db.transaction(async (tx) => {
    await findClaim(tx, input.claimId);
    const [before] = await tx
      .select({ editing: claimPresence.editing, fresh: sql<boolean>`${claimPresence.seenAt} > ${WINDOW}` })
      .from(claimPresence)
      .where(and(eq(claimPresence.claimId, input.claimId), eq(claimPresence.userId, actor.id)));
    if (input.here) {
      await tx
        .insert(claimPresence)
        .values({ claimId: input.claimId, userId: actor.id, editing: input.editing })
        .onConflictDoUpdate({
          target: [claimPresence.claimId, claimPresence.userId],
          set: { editing: input.editing, seenAt: sql`now()` },
        });
    } else {
      await tx
        .delete(claimPresence)
        .where(and(eq(claimPresence.claimId, input.claimId), eq(claimPresence.userId, actor.id)));
    }
    const wasVisible = Boolean(before?.fresh);
    if (wasVisible !== input.here || (input.here && before?.editing !== input.editing)) {
      await announceChanges(tx, [
        { entityType: "claim", entityId: input.claimId, action: "presence", claimId: input.claimId },
      ]);
    }
    return { here: input.here, editing: input.editing };
  });
}

/**
 * Who else has the row's claim open now, people typing first, as a column of a claims query:
 * the queue gets its rows and their presence in one statement.
 */
export const presentColumn = (actor: TActor) => sql<TPresent[]>`coalesce((
  select json_agg(json_build_object('userId', u.id, 'name', u.name, 'editing', p.editing)
    order by p.editing desc, u.name)
  from ${claimPresence} p join ${users} u on u.id = p.user_id
  where p.claim_id = ${claims.id} and p.user_id <> ${actor.id} and p.seen_at > ${WINDOW}), '[]'::json)`;

/** Who else has each of these claims open now, by claim id; people typing first. */
export async function presenceOn(db: DbOrTx, actor: TActor, claimIds: string[]) {
  const byClaim = new Map<string, TPresent[]>();
  if (!claimIds.length) return byClaim;
  const rows = await db
    .select({
      claimId: claimPresence.claimId,
      userId: users.id,
      name: users.name,
      editing: claimPresence.editing,
    })
    .from(claimPresence)
    .innerJoin(users, eq(users.id, claimPresence.userId))
    .where(
      and(
        inArray(claimPresence.claimId, claimIds),
        ne(claimPresence.userId, actor.id),
        gt(claimPresence.seenAt, WINDOW),
      ),
    )
    .orderBy(sql`${claimPresence.editing} desc`, users.name);
  for (const { claimId, ...person } of rows) byClaim.set(claimId, [...(byClaim.get(claimId) ?? []), person]);
  return byClaim;
}
