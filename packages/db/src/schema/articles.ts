import { sql } from "drizzle-orm";
import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";
import { users } from "./users";

export const articles = pgTable(
  "articles",
  {
    id: id(),
    title: text().notNull(),
    url: text(),
    outlet: text(),
    author: text(),
    publishedAt: timestamp({ withTimezone: true }),
    body: text().notNull(),
    /** ISO 639-1 (BCP 47), detected at ingest and correctable; its claims take it. */
    language: text().notNull().default("en"),
    /** SHA-256 of the body: ingesting the same text twice finds this row again. */
    contentHash: text().notNull().unique(),
    createdBy: uuid().references(() => users.id),
    createdAt: createdAt(),
  },
  // The queue's outlet filter: found through the index, and estimated from its statistics (an
  // outlet no article has was guessed at 0.5% of claims, and a page walked the whole queue).
  (t) => [index("articles_outlet_idx").on(sql`lower(${t.outlet})`)],
);
