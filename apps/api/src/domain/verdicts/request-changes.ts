import { comments } from "@factdesk/db";
import { clearApprovals } from "../editorial-rules";
import { notify } from "../notifications";
import type { TVerdictEffect } from "./effects";
import { noRevisionOfTheCycleBy } from "./facts";

/** Back to the author with the editor's comment, which the verdict's thread keeps. */
export const requestChanges: TVerdictEffect = {
  set: () => ({ approverId: null }),
  guard: ({ actor }) => noRevisionOfTheCycleBy(actor.id),
  async after({ tx, actor, verdict, revision, reason }) {
    await clearApprovals(tx, verdict.id);
    if (reason) await tx.insert(comments).values({ verdictId: verdict.id, authorId: actor.id, body: reason });
    await notify(tx, actor, [
      {
        userId: revision.authorId,
        kind: "changes_requested",
        claimId: verdict.claimId,
        data: { revision: revision.number, ...(reason ? { reason } : {}) },
      },
    ]);
  },
};
