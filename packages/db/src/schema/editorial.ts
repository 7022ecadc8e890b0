import { defaultApprovalRules, type TApprovalRules } from "@factdesk/schema";
import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { claims } from "./claims";
import { createdAt, id, updatedAt } from "./columns";
import { users } from "./users";
import { verdictRevisions, verdicts } from "./verdicts";

/**
 * The desk's editorial rules (`ZApprovalRules`): one row, edited by admins, audited. A verdict
 * in review is judged by the rules in force when it is approved; published ones never reopen.
 */
export const approvalRules = pgTable(
  "approval_rules",
  {
    id: integer().primaryKey().default(1),
    rules: jsonb().$type<TApprovalRules>().notNull().default(defaultApprovalRules),
    version: integer().notNull().default(1),
    updatedBy: uuid().references(() => users.id),
    updatedAt: updatedAt(),
  },
  (t) => [check("approval_rules_single_row", sql`${t.id} = 1`)],
);

/**
 * Each editor's approval of a verdict revision, while the rules ask for more than one: the
 * verdict becomes approved when enough distinct editors have. Cleared when the review starts over.
 */
export const verdictApprovals = pgTable(
  "verdict_approvals",
  {
    id: id(),
    verdictId: uuid()
      .notNull()
      .references(() => verdicts.id, { onDelete: "cascade" }),
    revisionId: uuid()
      .notNull()
      .references(() => verdictRevisions.id),
    approverId: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    unique("verdict_approvals_once_per_editor").on(t.revisionId, t.approverId),
    index().on(t.verdictId),
  ],
);

/** An editor's declared conflict of interest on a claim: they can then neither approve nor publish its verdict. */
export const recusals = pgTable(
  "recusals",
  {
    id: id(),
    claimId: uuid()
      .notNull()
      .references(() => claims.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    reason: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [unique("recusals_once_per_editor").on(t.claimId, t.userId)],
);

/**
 * The claimant's right of reply: each contact attempt (when, how, whom, what was asked, until
 * when they may answer) with its response, or an editor's waiver with the reason.
 */
export const replyRecords = pgTable(
  "reply_records",
  {
    id: id(),
    claimId: uuid()
      .notNull()
      .references(() => claims.id, { onDelete: "cascade" }),
    contactedAt: timestamp({ withTimezone: true }),
    channel: text(),
    /** Whom the desk contacted (the claimant, their office, a spokesperson). */
    contacted: text(),
    asked: text(),
    deadline: timestamp({ withTimezone: true }),
    response: text(),
    respondedAt: timestamp({ withTimezone: true }),
    /** A waiver by an editor: why no reply is sought. */
    waiverReason: text(),
    createdBy: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    version: integer().notNull().default(1),
  },
  (t) => [
    index().on(t.claimId),
    check(
      "reply_records_attempt_or_waiver",
      sql`(${t.waiverReason} is null) = (${t.contactedAt} is not null and ${t.deadline} is not null and ${t.contacted} is not null)`,
    ),
  ],
);
