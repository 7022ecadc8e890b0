import { type DbOrTx, ratings, verdictRevisions } from "@factdesk/db";
import { DomainError, type TActor, type TRating } from "@factdesk/schema";
import { asc, eq, inArray, notInArray } from "drizzle-orm";
import { recordEvent } from "./audit";

export const listRatings = (db: DbOrTx) =>
  db
    .select({ key: ratings.key, label: ratings.label, ordinal: ratings.ordinal, colour: ratings.colour })
    .from(ratings)
    .where(eq(ratings.active, true))
    .orderBy(asc(ratings.position));

/**
 * Replaces the scale with `next`, in that order: renames, reorders and additions. A rating
 * that verdicts already use cannot be dropped (their pages would lose their rating).
 */
export async function updateRatingScale(db: DbOrTx, actor: TActor, next: TRating[]) {
  return db.transaction(async (tx) => {
    const keys = next.map((rating) => rating.key);
    const dropped = await tx.select({ key: ratings.key }).from(ratings).where(notInArray(ratings.key, keys));
    if (dropped.length) {
      const used = await tx
        .selectDistinct({ rating: verdictRevisions.rating })
        .from(verdictRevisions)
        .where(
          inArray(
            verdictRevisions.rating,
            dropped.map((d) => d.key),
          ),
        );
      if (used.length) {
        throw new DomainError(
          "BAD_REQUEST",
          `Verdicts use ${used.map((u) => `"${u.rating}"`).join(", ")}; keep ${used.length > 1 ? "those ratings" : "that rating"} (you can rename ${used.length > 1 ? "them" : "it"}).`,
        );
      }
      await tx.delete(ratings).where(notInArray(ratings.key, keys));
    }
    const before = await listRatings(tx);
    for (const [position, rating] of next.entries()) {
      await tx
        .insert(ratings)
        .values({ ...rating, position, active: true })
        .onConflictDoUpdate({ target: ratings.key, set: { ...rating, position, active: true } });
    }
    await recordEvent(tx, {
      actorId: actor.id,
      entityType: "rating_scale",
      entityId: "00000000-0000-0000-0000-000000000000",
      action: "rating_scale_updated",
      data: { before, after: next },
    });
    return listRatings(tx);
  });
}
