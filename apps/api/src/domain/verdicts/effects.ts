import type { Tx, verdicts } from "@factdesk/db";
import type { TActor, TVerdictFacts, TVerdictState } from "@factdesk/schema";
import type { SQL } from "drizzle-orm";
import type { TWebhookQueue } from "../webhooks";
import type { TRevision, TVerdict } from "./facts";

/** One review step as it happens: who, on which verdict and revision, why. */
export interface TStep {
  tx: Tx;
  actor: TActor;
  verdict: TVerdict;
  revision: TRevision;
  /** What the workflow judged the step by (the desk's rules included). */
  facts: TVerdictFacts;
  reason: string | undefined;
  publicUrl: URL;
  /** Where announcements to webhooks are queued. */
  webhooks: TWebhookQueue;
  now: Date;
}

/**
 * What reaching a state does besides setting it. The workflow table decides whether a step
 * is allowed; an effect only says what else is written, all in the step's transaction.
 */
export interface TVerdictEffect {
  /** Writes before the update, which its guard may count (an editor's approval). */
  before?(step: TStep): Promise<void>;
  /** The state actually reached, when it is not the one asked for (an approval still short of the rules). */
  reached?(step: TStep): TVerdictState;
  /** Columns written with the state, by the same guarded update. */
  set?(step: TStep): Promise<Partial<typeof verdicts.$inferInsert>> | Partial<typeof verdicts.$inferInsert>;
  /** A condition the guarded update must meet too (the four-eyes rule, in the database). */
  guard?(step: TStep): SQL | undefined;
  /** Writes after the update: comments, publications, notifications, webhooks. */
  after?(step: TStep, updated: TVerdict): Promise<void>;
}
