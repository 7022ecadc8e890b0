import {
  type AnyPgColumn,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { claims } from "./claims";
import { createdAt, id, updatedAt } from "./columns";
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
