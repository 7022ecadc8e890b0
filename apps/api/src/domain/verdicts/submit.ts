import { citesEnoughSources, clearApprovals } from "../editorial-rules";
import { editorIds, notify } from "../notifications";
import type { TVerdictEffect } from "./effects";
import { cycleAuthorIds } from "./facts";

/**
 * Into review: from a draft (every editor who may approve it hears), or back from an
 * approval an editor withdrew, which then no longer covers anything.
 */
export const submit: TVerdictEffect = {
  set: ({ verdict }) =>
    verdict.state === "approved" ? { approverId: null, approvedSnapshot: null, approvedRules: null } : {},
  // In the database as well: a revision sent for review cites the sources the rules ask for.
  guard: ({ verdict }) => (verdict.state === "approved" ? undefined : citesEnoughSources),
  async after({ tx, actor, verdict, revision, reason }) {
    await clearApprovals(tx, verdict.id);
    const authors = await cycleAuthorIds(tx, verdict);
    const reviewers = (await editorIds(tx)).filter((id) => !authors.includes(id));
    await notify(
      tx,
      actor,
      reviewers.map((userId) => ({
        userId,
        kind: "submitted" as const,
        claimId: verdict.claimId,
        data: { revision: revision.number, ...(reason ? { reason } : {}) },
      })),
    );
  },
};
