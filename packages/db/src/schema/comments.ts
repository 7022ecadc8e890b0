import { sql } from "drizzle-orm";
import { check, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { claims } from "./claims";
import { createdAt, id } from "./columns";
import { users } from "./users";
import { verdicts } from "./verdicts";

export const comments = pgTable(
  "comments",
  {
    id: id(),
    claimId: uuid().references(() => claims.id, { onDelete: "cascade" }),
    verdictId: uuid().references(() => verdicts.id, { onDelete: "cascade" }),
    authorId: uuid()
      .notNull()
      .references(() => users.id),
    body: text().notNull(),
    /** Users @mentioned in the body, stored as references. */
    mentions: uuid().array().notNull().default([]),
    createdAt: createdAt(),
    editedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index().on(t.claimId),
    index().on(t.verdictId),
    check("comments_one_target", sql`num_nonnulls(${t.claimId}, ${t.verdictId}) = 1`),
  ],
);
