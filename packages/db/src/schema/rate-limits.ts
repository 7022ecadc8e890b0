import { bigint, integer, pgTable, varchar } from "drizzle-orm/pg-core";

/**
 * Budgets shared by every API instance (login attempts, expensive work), in the layout
 * rate-limiter-flexible's PostgreSQL store reads and writes: key, points used, expiry (ms).
 */
export const rateLimits = pgTable("rate_limits", {
  key: varchar({ length: 255 }).primaryKey(),
  points: integer().notNull().default(0),
  expire: bigint({ mode: "number" }),
});
