import { sql } from "drizzle-orm";
import { check, integer, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { updatedAt } from "./columns";
import { users } from "./users";

/** The organisation's public identity and policies: one row, edited by admins. */
export const settings = pgTable(
  "settings",
  {
    id: integer().primaryKey().default(1),
    organisationName: text(),
    /** The organisation's home page: ClaimReview's author.url. */
    organisationUrl: text(),
    logoUrl: text(),
    /** Overrides the PUBLIC_URL setting as the base of canonical URLs, when set. */
    publicUrl: text(),
    /** Markdown. */
    methodology: text().notNull().default(""),
    /** Markdown. */
    correctionsPolicy: text().notNull().default(""),
    /** What the tip form tells readers their contact address is for; empty: the default wording. */
    tipConsent: text().notNull().default(""),
    version: integer().notNull().default(1),
    updatedBy: uuid().references(() => users.id),
    updatedAt: updatedAt(),
  },
  (t) => [check("settings_single_row", sql`${t.id} = 1`)],
);
