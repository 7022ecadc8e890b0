import { type Tx, verdictPublications } from "@factdesk/db";
import { DomainError, type TWebhookEvent } from "@factdesk/schema";
import { sql } from "drizzle-orm";
import { firstReplyRequest, recusedOn, replyOnRecord } from "../editorial-rules";
import { notify } from "../notifications";
import { assertPublishable, slugForPublication, verdictPageUrl } from "../publishing";
import { siteOf, type TSite } from "../settings";
import { enqueueWebhookEvent } from "../webhooks";
import type { TStep, TVerdictEffect } from "./effects";
import type { TVerdict } from "./facts";

/** The approved snapshot of the current revision; without one the approval does not stand. */
function approvedSnapshot({ verdict, revision }: TStep) {
  const snapshot = verdict.approvedSnapshot;
  if (!snapshot || snapshot.revision.id !== revision.id || !verdict.approverId)
    throw new DomainError(
      "PRECONDITION_FAILED",
      "This revision has no standing approval; an editor must approve it first.",
    );
  return { snapshot, approverId: verdict.approverId };
}

/**
 * Publishing makes the approved snapshot public, exactly: the publication keeps it, and every
 * public page, feed, ClaimReview and API answer is read from there. Live edits made since
 * cannot reach readers but through the next reviewed revision.
 */
export const publish: TVerdictEffect = {
  async set(step) {
    const { tx, verdict, now, publicUrl } = step;
    const { snapshot } = approvedSnapshot(step);
    const publishedAt = verdict.publishedAt ?? now;
    const slug = await slugForPublication(tx, verdict, snapshot.revision.headline ?? "verdict");
    assertPublishable(await siteOf(tx, publicUrl), snapshot, { slug, publishedAt });
    return {
      publishedRevisionId: snapshot.revision.id,
      publishedAt,
      slug,
      approvedSnapshot: null,
      approvedRules: null,
    };
  },
  // In the database as well: no conflict of interest, and the right of reply when the rules the
  // verdict was approved under ask for it.
  guard: ({ actor }) =>
    sql`not ${recusedOn(sql`"verdicts"."claim_id"`, actor.id)}
      and (not coalesce(("verdicts"."approved_rules" ->> 'rightOfReply')::boolean, false)
        or ${replyOnRecord(sql`"verdicts"."claim_id"`)})`,
  async after(step, updated) {
    const { tx, actor, verdict, revision, facts } = step;
    const { snapshot: approved, approverId } = approvedSnapshot(step);
    // What was approved, and (when the desk says so) that the claimant was asked, as it stands now.
    const snapshot = {
      ...approved,
      reply: facts.rules.showReplyOnPage ? await firstReplyRequest(tx, verdict.claimId) : null,
    };
    await tx.insert(verdictPublications).values({
      verdictId: verdict.id,
      revisionId: revision.id,
      approverId,
      publisherId: actor.id,
      snapshot,
    });
    const site = await siteOf(tx, step.publicUrl);
    const claimReview = assertPublishable(site, snapshot, {
      slug: updated.slug ?? "",
      publishedAt: updated.publishedAt ?? step.now,
    });
    await announce(
      tx,
      site,
      step,
      updated,
      verdict.publishedRevisionId ? "verdict.corrected" : "verdict.published",
      {
        correctionNote: snapshot.revision.correctionNote,
        claimReview,
      },
    );
    await notify(tx, actor, [
      {
        userId: revision.authorId,
        kind: "published",
        claimId: verdict.claimId,
        data: { revision: revision.number },
      },
    ]);
  },
};

/** Tells the webhooks that a public page appeared, changed or was retracted. */
export async function announce(
  tx: Tx,
  site: TSite,
  { verdict, revision, webhooks }: TStep,
  updated: TVerdict,
  event: TWebhookEvent,
  data: Record<string, unknown>,
) {
  if (!updated.slug) return;
  await enqueueWebhookEvent(tx, webhooks, event, {
    verdictId: verdict.id,
    slug: updated.slug,
    url: verdictPageUrl(site.base, updated.slug),
    headline: revision.headline,
    revision: revision.number,
    ...data,
  });
}
