import type { TMediaKind } from "@factdesk/schema";
import { sql } from "drizzle-orm";
import { customType, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { claims } from "./claims";
import { createdAt, id } from "./columns";
import { users } from "./users";

const bytes = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  toDriver: (value) => Buffer.from(value.buffer, value.byteOffset, value.byteLength),
  fromDriver: (value) => Uint8Array.from(value),
});

/**
 * The image or video a claim is about: an uploaded file (kept as sent, with its SHA-256, and
 * as a public copy without its metadata) or only the address where it circulated. A claim has
 * one current item; a replaced one is kept (detached), as a published page may show it.
 */
export const mediaItems = pgTable(
  "media_items",
  {
    id: id(),
    claimId: uuid()
      .notNull()
      .references(() => claims.id, { onDelete: "cascade" }),
    kind: text().$type<TMediaKind>().notNull(),
    /** The type read from the file's content; null when only an address was given. */
    mime: text(),
    fileName: text(),
    byteSize: integer(),
    /** SHA-256 of the file as uploaded (hex). */
    sha256: text(),
    original: bytes(),
    /** The same picture or video without EXIF, XMP, IPTC or comments: what readers get. */
    publicCopy: bytes(),
    publicSha256: text(),
    /** What was taken out of the public copy ("EXIF", "XMP", …). */
    removedMetadata: text().array().notNull().default(sql`'{}'::text[]`),
    /** Where the item circulated (the post or the file's address), when known. */
    address: text(),
    addedBy: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    detachedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index().on(t.claimId),
    uniqueIndex("media_items_current_idx").on(t.claimId).where(sql`${t.detachedAt} is null`),
  ],
);
