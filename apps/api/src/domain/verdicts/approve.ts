import { type DbOrTx, verdicts } from "@factdesk/db";
import { DomainError } from "@factdesk/schema";
import { eq } from "drizzle-orm";
import { notify } from "../notifications";
import type { TVerdictEffect } from "./effects";
import { captureSnapshot, noRevisionOfTheCycleBy } from "./facts";

/** Approval pins what was approved: the revision with the claim and its cited sources as they are now. */
export const approve: TVerdictEffect = {
  set: async ({ tx, actor, revision }) => ({
    approverId: actor.id,
    approvedSnapshot: await captureSnapshot(tx, revision.id),
  }),
  guard: ({ actor }) => noRevisionOfTheCycleBy(actor.id),
  after: ({ tx, actor, verdict, revision }) =>
    notify(tx, actor, [
      {
        userId: revision.authorId,
        kind: "approved",
        claimId: verdict.claimId,
        data: { revision: revision.number },
      },
    ]),
};

/**
 * An approval covers the claim and the sources as they were approved, so while a verdict
 * waits for publication they are not changed under it: the edit is refused, saying how to
 * go on. Holding the verdict row (FOR SHARE) keeps an approval from slipping in meanwhile.
 */
export async function assertNotUnderApproval(
  tx: DbOrTx,
  claimId: string,
  what: { sourceId?: string; claimWording?: boolean },
) {
  const [verdict] = await tx
    .select({ state: verdicts.state, approvedSnapshot: verdicts.approvedSnapshot })
    .from(verdicts)
    .where(eq(verdicts.claimId, claimId))
    .for("share");
  if (verdict?.state !== "approved") return;
  const cited = what.sourceId
    ? verdict.approvedSnapshot?.sources.some((source) => source.id === what.sourceId)
    : false;
  if (!what.claimWording && !cited) return;
  throw new DomainError(
    "CONFLICT",
    `An editor approved this verdict with ${what.claimWording ? "the claim worded" : "this source"} as it is. Publish it first (later edits then go into a correction), or ask an editor to withdraw the approval.`,
  );
}
