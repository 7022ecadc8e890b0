import { type DbOrTx, deskLanguages } from "@factdesk/db";
import { type SQL, sql } from "drizzle-orm";

/**
 * A search's words as a tsquery, stemmed in each language the desk's articles are in and
 * OR-ed: texts are stemmed in their own language, so "reasentamientos" finds a Spanish
 * claim's "reasentamiento". The languages are written into the statement (not read by a
 * subquery) so Postgres folds the query to a constant when planning and can estimate its
 * matches: a common word then walks the page's sort index and stops after a page, a rare one
 * reads the full-text index. With a subquery every search read all its matches, linear in
 * the table.
 */
export const searchQuery = (q: string, languages: readonly string[]): SQL =>
  sql`(${sql.join(
    languages.map((language) => sql`websearch_to_tsquery(text_search_config(${language}), ${q})`),
    sql` || `,
  )})`;

/** How long an instance trusts its list of the desk's languages (others add to it too). */
const LANGUAGES_KEPT_MS = 10_000;
let kept = new WeakMap<object, { languages: string[]; until: number }>();

/** The languages the desk's articles are in (English at least), kept for a few seconds. */
export async function deskLanguageList(db: DbOrTx): Promise<string[]> {
  const known = kept.get(db);
  if (known && known.until > Date.now()) return known.languages;
  const rows = await db.select({ language: deskLanguages.language }).from(deskLanguages);
  const languages = rows.length ? rows.map((row) => row.language).sort() : ["en"];
  kept.set(db, { languages, until: Date.now() + LANGUAGES_KEPT_MS });
  return languages;
}

/** After a new language joins the desk: this instance reads the list again at once. */
export function forgetDeskLanguages() {
  kept = new WeakMap();
}

/** The search of `q` for `db`'s desk, or undefined without words. */
export const deskSearch = async (db: DbOrTx, q: string | undefined) =>
  q ? searchQuery(q, await deskLanguageList(db)) : undefined;
