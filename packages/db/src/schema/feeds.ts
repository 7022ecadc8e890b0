import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { articles } from "./articles";
import { createdAt, id } from "./columns";
import { users } from "./users";

/** Outlets' feeds the desk watches (RSS, Atom, JSON Feed, sitemaps), polled by a job. */
export const feeds = pgTable(
  "feeds",
  {
    id: id(),
    url: text().notNull().unique(),
    title: text(),
    intervalMinutes: integer().notNull().default(30),
    active: boolean().notNull().default(true),
    /** The validators of the last answer, sent back so an unchanged feed costs a 304. */
    etag: text(),
    lastModified: text(),
    nextPollAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastPolledAt: timestamp({ withTimezone: true }),
    lastSuccessAt: timestamp({ withTimezone: true }),
    /** Polls failed in a row: shown as failing, retried with backoff, never dropped. */
    failures: integer().notNull().default(0),
    lastError: text(),
    createdBy: uuid().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index("feeds_due_idx").on(t.nextPollAt).where(sql`${t.active}`)],
);

/** Each item a feed listed, once: what makes an item ingested exactly once, however many workers poll. */
export const feedItems = pgTable(
  "feed_items",
  {
    id: id(),
    feedId: uuid()
      .notNull()
      .references(() => feeds.id, { onDelete: "cascade" }),
    /** The item's guid, or its address. */
    itemKey: text().notNull(),
    url: text(),
    title: text(),
    articleId: uuid().references(() => articles.id, { onDelete: "set null" }),
    error: text(),
    seenAt: createdAt(),
  },
  (t) => [unique("feed_items_feed_key").on(t.feedId, t.itemKey)],
);
