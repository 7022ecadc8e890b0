import { sql } from "drizzle-orm";
import { check, index, pgTable, unique, uuid } from "drizzle-orm/pg-core";
import { claims } from "./claims";
import { createdAt, id } from "./columns";
import { factChecks } from "./fact-checks";
import { tips } from "./tips";
import { verdicts } from "./verdicts";

/**
 * A claim already checked and found false or misleading, appearing again: where it appeared (a
 * new claim, from an article or a feed, or a reader's tip before it joins a claim) and what it
 * repeats, one of our published verdicts or an archived fact-check. One alert per pair,
 * however often the job runs.
 */
export const recurrences = pgTable(
  "recurrences",
  {
    id: id(),
    claimId: uuid().references(() => claims.id, { onDelete: "cascade" }),
    tipId: uuid().references(() => tips.id, { onDelete: "cascade" }),
    verdictId: uuid().references(() => verdicts.id, { onDelete: "cascade" }),
    factCheckId: uuid().references(() => factChecks.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [
    unique("recurrences_claim_verdict_key").on(t.claimId, t.verdictId),
    unique("recurrences_claim_fact_check_key").on(t.claimId, t.factCheckId),
    unique("recurrences_tip_verdict_key").on(t.tipId, t.verdictId),
    unique("recurrences_tip_fact_check_key").on(t.tipId, t.factCheckId),
    check("recurrences_appears_once", sql`num_nonnulls(${t.claimId}, ${t.tipId}) = 1`),
    index().on(t.createdAt.desc()),
    check("recurrences_repeats_one", sql`num_nonnulls(${t.verdictId}, ${t.factCheckId}) = 1`),
  ],
);
