import { type DbOrTx, savedViews } from "@factdesk/db";
import { DomainError, queueViewToParams, type TActor, type ZSavedViewSaveInput } from "@factdesk/schema";
import { and, asc, eq } from "drizzle-orm";
import type { z } from "zod";

/** Enough for every desk's standing views; more is a sign of clutter. */
const MAX_VIEWS = 50;

export const listSavedViews = (db: DbOrTx, actor: TActor) =>
  db
    .select({ id: savedViews.id, name: savedViews.name, params: savedViews.params })
    .from(savedViews)
    .where(eq(savedViews.userId, actor.id))
    .orderBy(asc(savedViews.name));

/** Saves the view under a new name (a name already used is refused, never overwritten). */
export async function saveView(db: DbOrTx, actor: TActor, input: z.output<typeof ZSavedViewSaveInput>) {
  return db.transaction(async (tx) => {
    if ((await tx.$count(savedViews, eq(savedViews.userId, actor.id))) >= MAX_VIEWS)
      throw new DomainError("BAD_REQUEST", `You have ${MAX_VIEWS} saved views; remove one first.`);
    const [saved] = await tx
      .insert(savedViews)
      .values({ userId: actor.id, name: input.name, params: queueViewToParams(input.view).toString() })
      .onConflictDoNothing()
      .returning({ id: savedViews.id, name: savedViews.name, params: savedViews.params });
    if (!saved)
      throw new DomainError(
        "CONFLICT",
        `You already have a view called “${input.name}”; choose another name.`,
      );
    return saved;
  });
}

export async function removeSavedView(db: DbOrTx, actor: TActor, id: string) {
  const removed = await db
    .delete(savedViews)
    .where(and(eq(savedViews.id, id), eq(savedViews.userId, actor.id)))
    .returning({ id: savedViews.id });
  if (!removed.length) throw new DomainError("NOT_FOUND", "You have no saved view with that id.");
}
