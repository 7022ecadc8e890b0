import { sql } from "drizzle-orm";
import { index, jsonb, pgTable, timestamp, uuid } from "drizzle-orm/pg-core";
import { claims } from "./claims";
import { createdAt, id } from "./columns";
import { notificationKindEnum } from "./enums";
import { users } from "./users";

/** What someone should know about: written in the same transaction as the change behind it. */
export const notifications = pgTable(
  "notifications",
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: notificationKindEnum().notNull(),
    claimId: uuid().references(() => claims.id, { onDelete: "cascade" }),
    actorId: uuid().references(() => users.id),
    /** Details for the message, e.g. the reason changes were requested. */
    data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    readAt: timestamp({ withTimezone: true }),
    /** When it went out by e-mail (at once or in a digest); null: not (yet). */
    emailedAt: timestamp({ withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index().on(t.userId, t.createdAt.desc()),
    index("notifications_unread_idx").on(t.userId).where(sql`${t.readAt} is null`),
  ],
);
