import { sql } from "drizzle-orm";
import { check, index, pgTable, unique, uuid } from "drizzle-orm/pg-core";
import { claims } from "./claims";
import { createdAt, id } from "./columns";
import { factChecks } from "./fact-checks";
import { verdicts } from "./verdicts";

/**
 * A claim already checked and found false or misleading, appearing again: the new claim (its
 * appearance, from an article or a reader's tip) and what it repeats, one of our published
 * verdicts or an archived fact-check. One alert per pair, however often the job runs.
 */
export const recurrences = pgTable(
  "recurrences",
  {
    id: id(),
    claimId: uuid()
      .notNull()
      .references(() => claims.id, { onDelete: "cascade" }),
    verdictId: uuid().references(() => verdicts.id, { onDelete: "cascade" }),
    factCheckId: uuid().references(() => factChecks.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [
    unique("recurrences_claim_verdict_key").on(t.claimId, t.verdictId),
    unique("recurrences_claim_fact_check_key").on(t.claimId, t.factCheckId),
    index().on(t.createdAt.desc()),
    check("recurrences_repeats_one", sql`num_nonnulls(${t.verdictId}, ${t.factCheckId}) = 1`),
  ],
);
