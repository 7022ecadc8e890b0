import { bigint, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";
import { users } from "./users";

/**
 * Partners' keys to the public API: read-only, made and revoked by admins. Only a hash of
 * each key is kept (it is shown once, when made); its first characters name it in lists.
 */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: id(),
    name: text().notNull(),
    /** The key's first characters, to tell keys apart ("fd_k3J9…"). */
    prefix: text().notNull(),
    /** SHA-256 of the whole key, hex. */
    keyHash: text().notNull().unique(),
    createdBy: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    revokedAt: timestamp({ withTimezone: true }),
    /** Requests made with the key, and when the last was. */
    uses: bigint({ mode: "number" }).notNull().default(0),
    lastUsedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index().on(t.createdAt.desc())],
);
