import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";
import { users } from "./users";

/** Endpoints admins register; each delivery is signed with the endpoint's secret. */
export const webhooks = pgTable("webhooks", {
  id: id(),
  url: text().notNull(),
  /** Needed in clear to sign deliveries (HMAC); never sent back to a browser. */
  secret: text().notNull(),
  events: text().array().notNull(),
  active: boolean().notNull().default(true),
  createdBy: uuid().references(() => users.id),
  createdAt: createdAt(),
});

/**
 * The outbox: a delivery is written in the transaction of the change it announces, so a
 * rolled-back change never sends one. Workers claim due rows with FOR UPDATE SKIP LOCKED.
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: id(),
    webhookId: uuid()
      .notNull()
      .references(() => webhooks.id, { onDelete: "cascade" }),
    event: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    /** pending → delivered, or failed after the last attempt. */
    status: text().$type<"pending" | "delivered" | "failed">().notNull().default("pending"),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastStatusCode: integer(),
    lastError: text(),
    deliveredAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index("webhook_deliveries_due_idx").on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index().on(t.webhookId, t.createdAt),
  ],
);
