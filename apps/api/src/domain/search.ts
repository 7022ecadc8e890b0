import { deskLanguages } from "@factdesk/db";
import { sql } from "drizzle-orm";

/**
 * A search's words as a tsquery, stemmed in each language the desk's articles are in and
 * OR-ed: texts are stemmed in their own language, so "reasentamientos" finds a Spanish
 * claim's "reasentamiento". Computed once per statement; the full-text index answers it in
 * one scan.
 */
export const searchQuery = (q: string) =>
  sql`(select tsquery_or_agg(websearch_to_tsquery(text_search_config(${deskLanguages.language}), ${q})) from ${deskLanguages})`;
