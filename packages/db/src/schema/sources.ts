import { index, integer, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { claims } from "./claims";
import { createdAt, id, updatedAt } from "./columns";
import { sourceStanceEnum } from "./enums";
import { users } from "./users";

export const sources = pgTable(
  "sources",
  {
    id: id(),
    claimId: uuid()
      .notNull()
      .references(() => claims.id, { onDelete: "cascade" }),
    url: text().notNull(),
    title: text().notNull(),
    excerpt: text(),
    stance: sourceStanceEnum().notNull(),
    note: text(),
    /** SHA-256 of the quoted excerpt, to show later that the quote is unchanged. */
    contentHash: text(),
    archivedCopy: text(),
    addedBy: uuid()
      .notNull()
      .references(() => users.id),
    version: integer().notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index().on(t.claimId)],
);
