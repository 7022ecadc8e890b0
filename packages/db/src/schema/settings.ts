import type { TLocale } from "@factdesk/schema";
import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  customType,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, id, updatedAt } from "./columns";
import { users } from "./users";

/** The organisation's public identity and policies: one row, edited by admins. */
export const settings = pgTable(
  "settings",
  {
    id: integer().primaryKey().default(1),
    organisationName: text(),
    /** The organisation's home page: ClaimReview's author.url. */
    organisationUrl: text(),
    logoUrl: text(),
    /** Overrides the PUBLIC_URL setting as the base of canonical URLs, when set. */
    publicUrl: text(),
    /** Markdown. */
    methodology: text().notNull().default(""),
    /** Markdown. */
    correctionsPolicy: text().notNull().default(""),
    /** What the tip form tells readers their contact address is for; empty: the default wording. */
    tipConsent: text().notNull().default(""),
    /** Markdown: the public /about page (who works here, who owns the desk). */
    about: text().notNull().default(""),
    /** Markdown: the public /funding page (who pays for the work). */
    funding: text().notNull().default(""),
    /** Editors and admins must sign in with a second factor (TOTP). */
    requireTwoFactor: boolean().notNull().default(false),
    /** The language of the public site (its pages, feeds' wording and the tip form). */
    publicLocale: text().$type<TLocale>().notNull().default("en"),
    version: integer().notNull().default(1),
    updatedBy: uuid().references(() => users.id),
    updatedAt: updatedAt(),
  },
  (t) => [check("settings_single_row", sql`${t.id} = 1`)],
);

/** The public policy pages whose every version is kept (assessors ask for their change history). */
export const policyPages = ["methodology", "correctionsPolicy", "about", "funding"] as const;
export type TPolicyPage = (typeof policyPages)[number];

/** Each saved text of a public policy page: append-only, the newest is the one shown. */
export const policyVersions = pgTable(
  "policy_versions",
  {
    id: id(),
    page: text().$type<TPolicyPage>().notNull(),
    body: text().notNull(),
    updatedBy: uuid().references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.page, t.createdAt.desc())],
);

const bytes = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  toDriver: (value) => Buffer.from(value.buffer, value.byteOffset, value.byteLength),
  fromDriver: (value) => Uint8Array.from(value),
});

/** IFCN/EFCSN assessment packs: asked for by an admin, made by a job, kept to download. */
export const assessmentPacks = pgTable("assessment_packs", {
  id: id(),
  periodFrom: timestamp({ withTimezone: true }).notNull(),
  periodTo: timestamp({ withTimezone: true }).notNull(),
  requestedBy: uuid()
    .notNull()
    .references(() => users.id),
  /** The zip (HTML and CSV), once made; a few megabytes at most for a quarter's work. */
  zip: bytes(),
  error: text(),
  createdAt: createdAt(),
  readyAt: timestamp({ withTimezone: true }),
});
