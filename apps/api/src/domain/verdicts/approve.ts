import { type DbOrTx, verdictApprovals, verdictRevisions, verdicts } from "@factdesk/db";
import { approversNeeded, DomainError, stateAfterApproval } from "@factdesk/schema";
import { eq, sql } from "drizzle-orm";
import { approversNeededInDatabase, recusedOn } from "../editorial-rules";
import { editorIds, notify } from "../notifications";
import type { TVerdictEffect } from "./effects";
import { captureSnapshot, noRevisionOfTheCycleBy } from "./facts";

/**
 * Each editor's approval is kept; the verdict is approved once as many distinct editors as the
 * desk's rules ask for have approved the revision (until then it stays in review). The last
 * approval pins what was approved: the revision with the claim and its cited sources as they
 * are now, and the rules it was judged by.
 */
export const approve: TVerdictEffect = {
  async before({ tx, actor, verdict, revision }) {
    await tx
      .insert(verdictApprovals)
      .values({ verdictId: verdict.id, revisionId: revision.id, approverId: actor.id })
      .onConflictDoNothing();
  },
  reached: ({ facts }) => stateAfterApproval(facts),
  set: async ({ tx, actor, revision, facts }) =>
    stateAfterApproval(facts) === "approved"
      ? {
          approverId: actor.id,
          approvedSnapshot: await captureSnapshot(tx, revision.id),
          approvedRules: facts.rules,
        }
      : {},
  // In the database as well: four eyes, no conflict of interest, and (to be approved) enough approvals.
  guard: ({ actor, facts }) => sql`${noRevisionOfTheCycleBy(actor.id)}
    and not ${recusedOn(sql`"verdicts"."claim_id"`, actor.id)}
    and (select count(*) from ${verdictApprovals} a where a.revision_id = "verdicts"."current_revision_id")
      >= ${stateAfterApproval(facts) === "approved" ? approversNeededInDatabase : 1}`,
  async after({ tx, actor, verdict, revision, facts }, updated) {
    if (updated.state === "approved") {
      await notify(tx, actor, [
        {
          userId: revision.authorId,
          kind: "approved",
          claimId: verdict.claimId,
          data: { revision: revision.number },
        },
      ]);
      return;
    }
    // Short of the rules: the other editors who may approve hear that one more is needed.
    const approvals = facts.approverIds.length + 1;
    const needed = approversNeeded(facts.rules, facts.draft.rating);
    const reviewers = (await editorIds(tx)).filter(
      (id) => id !== actor.id && !facts.cycleAuthorIds.includes(id) && !facts.recusedIds.includes(id),
    );
    await notify(
      tx,
      actor,
      reviewers.map((userId) => ({
        userId,
        kind: "submitted" as const,
        claimId: verdict.claimId,
        data: { revision: revision.number, approvals, needed },
      })),
    );
  },
};

/**
 * An approval covers the claim and the sources as they were approved, so while a verdict
 * waits for publication (or for the next editor's approval, when the rules ask for several)
 * they are not changed under it: the edit is refused, saying how to go on. Holding the
 * verdict row (FOR SHARE) keeps an approval from slipping in meanwhile.
 */
export async function assertNotUnderApproval(
  tx: DbOrTx,
  claimId: string,
  what: { sourceId?: string; claimWording?: boolean; media?: boolean },
) {
  const [verdict] = await tx
    .select({
      state: verdicts.state,
      approvedSnapshot: verdicts.approvedSnapshot,
      // Sources the revision in review cites, when an editor has approved it already.
      partlyApproved: sql<string[] | null>`(select r.source_ids::text[] from ${verdictRevisions} r
        where r.id = ${verdicts.currentRevisionId}
          and exists (select 1 from ${verdictApprovals} a where a.revision_id = r.id))`,
    })
    .from(verdicts)
    .where(eq(verdicts.claimId, claimId))
    .for("share", { of: verdicts });
  const approved = verdict?.state === "approved";
  const partly = verdict?.state === "submitted" && verdict.partlyApproved !== null;
  if (!approved && !partly) return;
  const cited = what.sourceId
    ? approved
      ? verdict?.approvedSnapshot?.sources.some((source) => source.id === what.sourceId)
      : verdict?.partlyApproved?.includes(what.sourceId)
    : false;
  if (!what.claimWording && !what.media && !cited) return;
  const subject = what.claimWording ? "the claim worded" : what.media ? "the image or video" : "this source";
  throw new DomainError(
    "CONFLICT",
    approved
      ? `An editor approved this verdict with ${subject} as it is. Publish it first (later edits then go into a correction), or ask an editor to withdraw the approval.`
      : `An editor has approved this verdict with ${subject} as it is, and another's approval is awaited. Ask an editor to request changes (the approvals then start over) before changing it.`,
  );
}
