import { type SQL, sql } from "drizzle-orm";
import {
  date,
  doublePrecision,
  index,
  integer,
  pgMaterializedView,
  pgTable,
  primaryKey,
  text,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { claims } from "./claims";
import { createdAt, id, tsvector, vector } from "./columns";
import { users } from "./users";

/**
 * The archive of fact-checks already published (imported from ClaimReview or a spreadsheet):
 * new claims are matched against it so nobody checks the same thing twice.
 */
export const factChecks = pgTable(
  "fact_checks",
  {
    id: id(),
    claimText: text().notNull(),
    /** The fact-check's headline, when known; searched with less weight than the claim. */
    title: text(),
    claimant: text(),
    /** The rating as the publisher worded it ("Pants on Fire", "Mostly false"). */
    rating: text(),
    /** Where the rating sits on its scale: 0 the worst rating, 1 the best; null if unknown. */
    ratingPosition: doublePrecision(),
    url: text(),
    publisher: text(),
    reviewedOn: date({ mode: "string" }),
    importedBy: uuid().references(() => users.id),
    search: tsvector()
      .notNull()
      .generatedAlwaysAs(
        (): SQL =>
          sql`setweight(to_tsvector('english', ${factChecks.claimText}), 'A') || setweight(to_tsvector('english', coalesce(${factChecks.title}, '')), 'B')`,
      ),
    /** The claim's sentence vector (packages/claims/src/encoder.ts), set by a job after import. */
    embedding: vector(),
    createdAt: createdAt(),
  },
  (t) => [
    // Re-importing the same archive adds nothing.
    unique("fact_checks_claim_url_key").on(t.claimText, t.url).nullsNotDistinct(),
    index("fact_checks_search_idx").using("gin", t.search),
  ],
);

/**
 * Claims that restate a past fact-check of the archive, with how much of it they restate:
 * what the queue's "Already fact-checked" reads. Kept by jobs, when claims are ingested and
 * when fact-checks are imported.
 */
export const claimFactChecks = pgTable(
  "claim_fact_checks",
  {
    claimId: uuid()
      .notNull()
      .references(() => claims.id, { onDelete: "cascade" }),
    factCheckId: uuid()
      .notNull()
      .references(() => factChecks.id, { onDelete: "cascade" }),
    coverage: doublePrecision().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.claimId, t.factCheckId] }),
    index("claim_fact_checks_fact_check_idx").on(t.factCheckId),
  ],
);

/** Document frequency of each lexeme in the archive (ts_stat), for BM25's idf. */
export const factCheckTerms = pgMaterializedView("fact_check_terms", {
  word: text().notNull(),
  ndoc: integer().notNull(),
}).existing();

/** Size of the archive and mean lexemes per fact-check, for BM25's length normalisation. */
export const factCheckCorpus = pgMaterializedView("fact_check_corpus", {
  docs: integer().notNull(),
  avgLength: doublePrecision().notNull(),
}).existing();
