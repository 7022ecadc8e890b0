import { customType, timestamp, uuid } from "drizzle-orm/pg-core";

export const id = () => uuid().primaryKey().defaultRandom();
export const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
export const updatedAt = () =>
  timestamp({ withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date());

/** Postgres full-text document; drizzle has no built-in type for it. */
export const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/**
 * A sentence vector as little-endian float32 bytes: plain PostgreSQL has no vector type
 * (pgvector is an extension few servers carry), and bytes cost nothing to parse.
 */
export const vector = customType<{ data: Float32Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  toDriver: (value) => Buffer.from(value.buffer, value.byteOffset, value.byteLength),
  fromDriver: (bytes) => {
    const copy = Uint8Array.from(bytes);
    return new Float32Array(copy.buffer, 0, copy.byteLength / 4);
  },
});
