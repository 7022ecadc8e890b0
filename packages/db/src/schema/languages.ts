import { pgTable, text } from "drizzle-orm/pg-core";

/** The languages the desk's articles are in (ISO 639-1): searches stem their words in each. */
export const deskLanguages = pgTable("desk_languages", {
  language: text().primaryKey(),
});
