import { boolean, integer, pgTable, text } from "drizzle-orm/pg-core";
import { createdAt, updatedAt } from "./columns";

/** The organisation's rating scale; admins rename, reorder and extend it. */
export const ratings = pgTable("ratings", {
  /** Stable key stored on verdict revisions, e.g. "mostly_false". */
  key: text().primaryKey(),
  label: text().notNull(),
  /** ClaimReview ratingValue on the ordinal scale (1 = worst); null = outside the scale. */
  ordinal: integer(),
  /** CSS colour of the badge. */
  colour: text().notNull(),
  position: integer().notNull(),
  active: boolean().notNull().default(true),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});
