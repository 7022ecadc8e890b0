import { sql } from "drizzle-orm";
import { check, doublePrecision, index, integer, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { claims } from "./claims";
import { createdAt, id, updatedAt } from "./columns";
import { claimLinkKindEnum, claimLinkStateEnum } from "./enums";
import { users } from "./users";

export const claimLinks = pgTable(
  "claim_links",
  {
    id: id(),
    /** A pair is stored once, smaller id first. */
    claimAId: uuid()
      .notNull()
      .references(() => claims.id, { onDelete: "cascade" }),
    claimBId: uuid()
      .notNull()
      .references(() => claims.id, { onDelete: "cascade" }),
    kind: claimLinkKindEnum().notNull(),
    score: doublePrecision().notNull(),
    /** Why it was suggested, e.g. "1963 vs 1965". */
    reason: text(),
    state: claimLinkStateEnum().notNull().default("suggested"),
    decidedBy: uuid().references(() => users.id),
    version: integer().notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique().on(t.claimAId, t.claimBId, t.kind),
    index().on(t.claimBId),
    check("claim_links_ordered_pair", sql`${t.claimAId} < ${t.claimBId}`),
  ],
);
