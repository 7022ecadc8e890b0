import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { claims } from "./claims";
import { createdAt, id } from "./columns";
import { users } from "./users";

/**
 * What readers send in: requests, not claims. A tip becomes part of a claim when the desk
 * attaches it (or makes a claim of it); its tracking code is the reader's only handle on it.
 */
export const tips = pgTable(
  "tips",
  {
    id: id(),
    /** Unguessable (128 random bits): the reader's tracking page is /tips/<code>. */
    code: text().notNull().unique(),
    statement: text().notNull(),
    /** The address where the reader saw it, if they gave one. */
    url: text(),
    /** Where it was seen, in the reader's words ("a WhatsApp group", "Channel 4 news"). */
    seenWhere: text(),
    /** Private: never shown on any public page, feed or export. */
    contact: text(),
    /** The consent wording the reader agreed to, as it read when they sent the tip. */
    consentText: text(),
    claimId: uuid().references(() => claims.id, { onDelete: "set null" }),
    /** When someone on the desk first looked at it. */
    triagedAt: timestamp({ withTimezone: true }),
    triagedBy: uuid().references(() => users.id),
    declinedAt: timestamp({ withTimezone: true }),
    /** Shown to the reader on the tracking page. */
    declinedReason: text(),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.claimId), index().on(t.createdAt.desc())],
);
