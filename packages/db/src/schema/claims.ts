import { type SQL, sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { articles } from "./articles";
import { createdAt, id, tsvector, updatedAt } from "./columns";
import { claimantKindEnum, claimPriorityEnum, claimStatusEnum } from "./enums";
import { users } from "./users";

export const claims = pgTable(
  "claims",
  {
    id: id(),
    /** Insertion order: a stable, unique key for "newest" and for keyset pagination. */
    seq: bigserial({ mode: "number" }).notNull().unique(),
    text: text().notNull(),
    normalizedText: text().notNull(),
    articleId: uuid().references(() => articles.id, { onDelete: "restrict" }),
    /** The original sentence in the article: article.body.slice(start, end). */
    sentenceStart: integer(),
    sentenceEnd: integer(),
    claimant: text(),
    /** Whether the claimant is a person or an organisation; null: not said (guessed from the name). */
    claimantKind: claimantKindEnum(),
    /** The claimant's party or affiliation, for the balance report of the assessment pack. */
    claimantAffiliation: text(),
    /** The day the claim was made (ClaimReview's itemReviewed.datePublished), when known. */
    statedOn: date({ mode: "string" }),
    score: doublePrecision().notNull().default(0),
    scoreReasons: jsonb().$type<string[]>().notNull().default([]),
    status: claimStatusEnum().notNull().default("unverified"),
    priority: claimPriorityEnum().notNull().default("normal"),
    assigneeId: uuid().references(() => users.id),
    archivedAt: timestamp({ withTimezone: true }),
    archiveReason: text(),
    /** Optimistic concurrency: every write names the version it saw and bumps it. */
    version: integer().notNull().default(1),
    /** ISO 639-1 (BCP 47), the article's unless corrected: what search stems by and matching stays within. */
    language: text().notNull().default("en"),
    search: tsvector()
      .notNull()
      .generatedAlwaysAs((): SQL => sql`to_tsvector(text_search_config(${claims.language}), ${claims.text})`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // One index per queue sort key (see apps/api/src/domain/queue.ts).
    index("claims_queue_idx").on(t.priority.desc(), t.score.desc(), t.seq.desc()),
    index("claims_score_idx").on(t.score.desc(), t.seq.desc()),
    index("claims_activity_idx").on(t.updatedAt.desc(), t.seq.desc()),
    index().on(t.articleId),
    index().on(t.assigneeId),
    // The dashboard's weeks read only the claims created or archived within them.
    index("claims_created_at_idx").on(t.createdAt),
    index("claims_archived_at_idx").on(t.archivedAt).where(sql`${t.archivedAt} is not null`),
    // Claims go straight into the full-text index (no pending list for every search to scan).
    index("claims_search_idx").using("gin", t.search).with({ fastupdate: false }),
    index("claims_trgm_idx").using("gin", t.normalizedText.op("gin_trgm_ops")),
  ],
);

/**
 * How many claims there are per status and archived-or-not, as deltas that triggers on
 * `claims` append (never a shared row to update, so concurrent writes never wait on each
 * other); the queue's counts sum them, and a job folds them together now and then.
 */
export const claimCountDeltas = pgTable("claim_count_deltas", {
  id: bigserial({ mode: "number" }).primaryKey(),
  status: claimStatusEnum().notNull(),
  archived: boolean().notNull(),
  n: bigint({ mode: "number" }).notNull(),
});
