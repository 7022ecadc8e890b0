import { index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
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
    /** What the link check last found: live, dead (gone or failing) or changed (its text differs from the snapshot); null until checked. */
    linkState: text().$type<"live" | "dead" | "changed">(),
    linkCheckedAt: timestamp({ withTimezone: true }),
    addedBy: uuid()
      .notNull()
      .references(() => users.id),
    version: integer().notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index().on(t.claimId)],
);

/**
 * What a source's address served when it was added (and when checked since): kept so the
 * evidence survives link rot. The first snapshot is the reference a later check compares with.
 */
export const sourceSnapshots = pgTable(
  "source_snapshots",
  {
    id: id(),
    sourceId: uuid()
      .notNull()
      .references(() => sources.id, { onDelete: "cascade" }),
    fetchedAt: createdAt(),
    /** The HTTP status; null when nothing answered (the error says why). */
    httpStatus: integer(),
    title: text(),
    /** The readable text of the page (Mozilla Readability), or the text itself. */
    text: text(),
    bodySha256: text(),
    textSha256: text(),
    error: text(),
  },
  (t) => [index().on(t.sourceId, t.fetchedAt)],
);
