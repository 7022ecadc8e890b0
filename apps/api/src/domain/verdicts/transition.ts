import { type DbOrTx, verdicts } from "@factdesk/db";
import {
  approversNeeded,
  assertTransition,
  DomainError,
  type TActor,
  type TVerdictState,
} from "@factdesk/schema";
import { recordEvent } from "../audit";
import { lockVersion, updateVersion } from "../versioned";
import type { TWebhookQueue } from "../webhooks";
import { approve } from "./approve";
import type { TVerdictEffect } from "./effects";
import { currentRevision, verdictFacts } from "./facts";
import { publish } from "./publish";
import { requestChanges } from "./request-changes";
import { retract } from "./retract";
import { submit } from "./submit";

/**
 * What each state's arrival does. Keyed by every verdict state, so a new state that is not
 * wired fails the typecheck. A draft is reached only by saving (a correction): see save.ts.
 */
const effects: { readonly [S in TVerdictState]: TVerdictEffect | null } = {
  draft: null,
  submitted: submit,
  changes_requested: requestChanges,
  approved: approve,
  published: publish,
  retracted: retract,
};

/**
 * A review step: the workflow judges it, then one transaction writes the guarded update,
 * the step's effects and the audit event. A stale version or a failed guard is CONFLICT.
 */
export async function transitionVerdict(
  db: DbOrTx,
  actor: TActor,
  input: { id: string; version: number; to: TVerdictState; reason?: string },
  { publicUrl, webhooks }: { publicUrl: URL; webhooks: TWebhookQueue },
) {
  const effect = effects[input.to];
  if (!effect) throw new DomainError("CONFLICT", "A verdict becomes a draft again by saving a correction.");
  return db.transaction(async (tx) => {
    const verdict = await lockVersion(tx, verdicts, input.id, input.version, "verdict");
    const revision = await currentRevision(tx, verdict);
    const facts = await verdictFacts(tx, verdict, revision);
    assertTransition(actor, { kind: "verdict", ...facts }, input.to, input.reason);
    const step = {
      tx,
      actor,
      verdict,
      revision,
      facts,
      reason: input.reason,
      publicUrl,
      webhooks,
      now: new Date(),
    };
    await effect.before?.(step);
    const reached = effect.reached?.(step) ?? input.to;
    const updated = await updateVersion(
      tx,
      verdicts,
      verdict.id,
      verdict.version,
      { ...(await effect.set?.(step)), state: reached },
      "verdict",
      effect.guard?.(step),
    );
    await effect.after?.(step, updated);
    await recordEvent(tx, {
      actorId: actor.id,
      entityType: "verdict",
      entityId: verdict.id,
      action: `verdict_${input.to}`,
      from: verdict.state,
      to: reached,
      claimId: verdict.claimId,
      data: {
        revision: revision.number,
        ...(input.reason ? { reason: input.reason } : {}),
        ...(input.to === "approved"
          ? {
              approvals: facts.approverIds.length + 1,
              needed: approversNeeded(facts.rules, facts.draft.rating),
            }
          : {}),
      },
    });
    return updated;
  });
}
