import type { TApprovalRules, TMediaRating, TVerdictSnapshot } from "@factdesk/schema";
import { type SQL, sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { claims } from "./claims";
import { createdAt, id, tsvector, updatedAt } from "./columns";
import { verdictStateEnum } from "./enums";
import { users } from "./users";

export const verdicts = pgTable("verdicts", {
  id: id(),
  /** One current verdict per claim. */
  claimId: uuid()
    .notNull()
    .unique()
    .references(() => claims.id, { onDelete: "restrict" }),
  state: verdictStateEnum().notNull().default("draft"),
  authorId: uuid()
    .notNull()
    .references(() => users.id),
  approverId: uuid().references(() => users.id),
  currentRevisionId: uuid().references((): AnyPgColumn => verdictRevisions.id),
  publishedRevisionId: uuid().references((): AnyPgColumn => verdictRevisions.id),
  slug: text().unique(),
  publishedAt: timestamp({ withTimezone: true }),
  retractedAt: timestamp({ withTimezone: true }),
  retractionReason: text(),
  /** What the approving editor approved; publishing publishes exactly this. */
  approvedSnapshot: jsonb().$type<TVerdictSnapshot>(),
  /** The desk's rules in force when it was approved: publication is judged by them, not later ones. */
  approvedRules: jsonb().$type<TApprovalRules>(),
  version: integer().notNull().default(1),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** Immutable: the database refuses UPDATE and DELETE (see the append-only migration). */
export const verdictRevisions = pgTable(
  "verdict_revisions",
  {
    id: id(),
    verdictId: uuid()
      .notNull()
      .references((): AnyPgColumn => verdicts.id, { onDelete: "restrict" }),
    number: integer().notNull(),
    rating: text(),
    /** MediaReview's rating, for a claim about an image or a video. */
    mediaRating: text().$type<TMediaRating>(),
    headline: text(),
    summary: text(),
    explanation: text(),
    sourceIds: uuid().array().notNull().default([]),
    correctionNote: text(),
    authorId: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [unique().on(t.verdictId, t.number), index().on(t.authorId)],
);

/** Each time a revision goes public: the corrections history readers see. Append-only. */
export const verdictPublications = pgTable(
  "verdict_publications",
  {
    id: id(),
    verdictId: uuid()
      .notNull()
      .references(() => verdicts.id, { onDelete: "restrict" }),
    revisionId: uuid()
      .notNull()
      .references(() => verdictRevisions.id, { onDelete: "restrict" }),
    approverId: uuid()
      .notNull()
      .references(() => users.id),
    publisherId: uuid()
      .notNull()
      .references(() => users.id),
    publishedAt: createdAt(),
    /** What readers see of this publication, frozen (see TVerdictSnapshot). */
    snapshot: jsonb().$type<TVerdictSnapshot>().notNull(),
    /** Readers' search over the published claim and headline, never the live claim. */
    search: tsvector()
      .notNull()
      .generatedAlwaysAs(
        (): SQL =>
          // Stemmed in the claim's language (snapshots from before languages are English).
          sql`to_tsvector(text_search_config(coalesce(${verdictPublications.snapshot} #>> '{claim,language}', 'en')), coalesce(${verdictPublications.snapshot} #>> '{claim,text}', '') || ' ' || coalesce(${verdictPublications.snapshot} #>> '{revision,headline}', ''))`,
      ),
  },
  (t) => [
    unique().on(t.verdictId, t.revisionId),
    index("verdict_publications_search_idx").using("gin", t.search),
  ],
);

/** Former slugs of verdicts whose headline changed: old links redirect to the current one. */
export const verdictSlugs = pgTable("verdict_slugs", {
  slug: text().primaryKey(),
  verdictId: uuid()
    .notNull()
    .references(() => verdicts.id, { onDelete: "cascade" }),
  createdAt: createdAt(),
});
