import type { TEmailPreferences, TLocale } from "@factdesk/schema";
import { boolean, index, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./columns";
import { roleEnum } from "./enums";

export const users = pgTable("users", {
  id: id(),
  /** Stored lower-cased, so the unique constraint is case-insensitive. */
  email: text().notNull().unique(),
  name: text().notNull(),
  role: roleEnum().notNull(),
  passwordHash: text().notNull(),
  active: boolean().notNull().default(true),
  /** Which kinds of notification also go by e-mail, at once or in a daily digest (absent: not). */
  emailNotifications: jsonb().$type<TEmailPreferences>().notNull().default({}),
  /** The TOTP secret, sealed with a key of the desk's (see two-factor.ts); set while enabling too. */
  totpSecret: text(),
  /** Two-factor sign-in is on from here (null: off, or set up but not yet confirmed). */
  totpEnabledAt: timestamp({ withTimezone: true }),
  /** The language the app speaks to this person; null: their browser's. */
  locale: text().$type<TLocale>(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const sessions = pgTable(
  "sessions",
  {
    /** SHA-256 of the cookie token: a leaked table does not leak live sessions. */
    tokenHash: text().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    userAgent: text(),
    /** The desk requires two-factor sign-in of this user, who has not set it up: only that is allowed. */
    needsTwoFactor: boolean().notNull().default(false),
  },
  (t) => [index().on(t.userId)],
);

/** One-time links sent by e-mail: a password reset or an invitation. Only the SHA-256 is kept. */
export const accountTokens = pgTable("account_tokens", {
  tokenHash: text().primaryKey(),
  userId: uuid()
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  purpose: text().$type<"reset" | "invite">().notNull(),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
  usedAt: timestamp({ withTimezone: true }),
  createdAt: createdAt(),
});

/** Two-factor recovery codes: each works once; only their SHA-256 is kept. */
export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text().notNull(),
    usedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index().on(t.userId)],
);
