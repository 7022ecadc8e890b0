import { sql } from "drizzle-orm";
import { bigserial, index, jsonb, pgTable, smallint, text, uuid } from "drizzle-orm/pg-core";
import { createdAt } from "./columns";
import { entityTypeEnum } from "./enums";
import { users } from "./users";

/** Append-only audit log: the database refuses UPDATE, DELETE and TRUNCATE. */
export const events = pgTable(
  "events",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    actorId: uuid().references(() => users.id),
    entityType: entityTypeEnum().notNull(),
    entityId: uuid().notNull(),
    action: text().notNull(),
    from: text(),
    to: text(),
    data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    /**
     * Which of the parallel chains the event is on (0–15; events from before there were
     * several are on 0): writers on different chains do not wait for each other.
     */
    chain: smallint().notNull().default(0),
    /** Keyed hash chain (see packages/db/src/audit.ts). */
    prevHash: text(),
    hash: text(),
  },
  (t) => [
    index().on(t.entityType, t.entityId, t.id),
    index("events_chain_idx").on(t.chain, t.id),
    // The dashboard's weeks read only the claims whose status changed within them.
    index("events_status_changes_idx")
      .on(t.createdAt)
      .where(sql`${t.entityType} = 'claim' and ${t.action} = 'status_changed'`),
    // A claim's history includes its sources', verdict's and comments' events.
    index("events_claim_id_idx").on(sql`(${t.data}->>'claimId')`, t.id),
  ],
);
