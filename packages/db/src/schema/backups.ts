import { sql } from "drizzle-orm";
import { bigint, check, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { id, updatedAt } from "./columns";
import { users } from "./users";

/** How often the desk backs itself up and how many backups it keeps: one row, edited by admins. */
export const backupSchedule = pgTable(
  "backup_schedule",
  {
    id: integer().primaryKey().default(1),
    /** 0: no scheduled backups. */
    everyHours: integer().notNull().default(24),
    keep: integer().notNull().default(7),
    version: integer().notNull().default(1),
    updatedBy: uuid().references(() => users.id),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("backup_schedule_single_row", sql`${t.id} = 1`),
    check("backup_schedule_sane", sql`${t.everyHours} between 0 and 720 and ${t.keep} between 1 and 365`),
  ],
);

/** Each backup the desk made (by schedule or an admin's request), into the backup folder. */
export const backups = pgTable(
  "backups",
  {
    id: id(),
    trigger: text().$type<"scheduled" | "manual">().notNull(),
    requestedBy: uuid().references(() => users.id),
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp({ withTimezone: true }),
    /** The file's name inside the backup folder. */
    file: text(),
    bytes: bigint({ mode: "number" }),
    rows: integer(),
    error: text(),
    /** When the file was removed because newer backups are kept instead. */
    prunedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index().on(t.startedAt.desc())],
);
