import { boolean, index, pgTable, primaryKey, timestamp, uuid } from "drizzle-orm/pg-core";
import { claims } from "./claims";
import { users } from "./users";

/**
 * Who has a claim open right now, and whether they are typing in it. Browsers report every
 * few seconds; a row older than the presence window means the person has gone.
 */
export const claimPresence = pgTable(
  "claim_presence",
  {
    claimId: uuid()
      .notNull()
      .references(() => claims.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    editing: boolean().notNull().default(false),
    seenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.claimId, t.userId] }), index().on(t.seenAt)],
);
