import {
  ZClaimArchiveInput,
  ZClaimAssignInput,
  ZClaimBulkInput,
  ZClaimCommentInput,
  ZClaimDecideLinksInput,
  ZClaimGetInput,
  ZClaimHistoryInput,
  ZClaimLinksInput,
  ZClaimListInput,
  ZClaimPresenceInput,
  ZClaimTransitionInput,
  ZClaimUpdateInput,
  ZQueueFilter,
} from "@factdesk/schema";
import { z } from "zod";
import { bulkUpdateClaims } from "../../domain/bulk";
import {
  archiveClaim,
  assignClaim,
  claimHistory,
  commentOnClaim,
  getClaim,
  listComments,
  transitionClaim,
  updateClaim,
} from "../../domain/claims";
import { archiveMatchesForClaim } from "../../domain/fact-checks";
import { decideLinks, listLinks } from "../../domain/matching";
import { presenceOn, reportPresence } from "../../domain/presence";
import { countClaimsByStatus, listClaims } from "../../domain/queue";
import { authedProcedure, router } from "../init";

export const claimRouter = router({
  list: authedProcedure.input(ZClaimListInput).query(({ ctx, input }) => listClaims(ctx.db, ctx.user, input)),
  /** One action on many claims (a selection, or everything a filter matches); each judged on its own. */
  bulk: authedProcedure
    .input(ZClaimBulkInput)
    .mutation(({ ctx, input }) => bulkUpdateClaims(ctx.db, ctx.user, input)),
  counts: authedProcedure
    .input(ZQueueFilter.prefault({}))
    .query(({ ctx, input }) => countClaimsByStatus(ctx.db, ctx.user, input)),
  get: authedProcedure.input(ZClaimGetInput).query(async ({ ctx, input }) => ({
    ...(await getClaim(ctx.db, ctx.user, input.id)),
    comments: await listComments(ctx.db, { claimId: input.id }),
    present: (await presenceOn(ctx.db, ctx.user, [input.id])).get(input.id) ?? [],
  })),
  /** "I have this claim open": colleagues' queues and claim pages show who is on it. */
  presence: authedProcedure
    .input(ZClaimPresenceInput)
    .mutation(({ ctx, input }) => reportPresence(ctx.db, ctx.user, input)),
  transition: authedProcedure
    .input(ZClaimTransitionInput)
    .mutation(({ ctx, input }) => transitionClaim(ctx.db, ctx.user, input)),
  assign: authedProcedure
    .input(ZClaimAssignInput)
    .mutation(({ ctx, input }) => assignClaim(ctx.db, ctx.user, input)),
  update: authedProcedure
    .input(ZClaimUpdateInput)
    .mutation(({ ctx, input }) => updateClaim(ctx.db, ctx.user, input, ctx.jobs)),
  archive: authedProcedure
    .input(ZClaimArchiveInput)
    .mutation(({ ctx, input }) => archiveClaim(ctx.db, ctx.user, input)),
  comment: authedProcedure
    .input(ZClaimCommentInput)
    .mutation(({ ctx, input }) => commentOnClaim(ctx.db, ctx.user, input)),
  history: authedProcedure
    .input(ZClaimHistoryInput)
    .query(({ ctx, input }) => claimHistory(ctx.db, input.id)),
  links: authedProcedure.input(ZClaimLinksInput).query(({ ctx, input }) => listLinks(ctx.db, input.id)),
  /** Past fact-checks in the imported archive that this claim matches. */
  archiveMatches: authedProcedure
    .input(ZClaimLinksInput)
    .query(({ ctx, input }) => archiveMatchesForClaim(ctx.db, input.id)),
  decideLinks: authedProcedure
    .input(ZClaimDecideLinksInput)
    .mutation(({ ctx, input }) => decideLinks(ctx.db, ctx.user, input)),
  /** Committed changes, live: all of them, or those of one claim (its sources, verdict, comments). */
  onChange: authedProcedure
    .input(z.object({ claimId: z.uuid().optional() }).prefault({}))
    .subscription(async function* ({ ctx, input, signal }) {
      for await (const change of ctx.changes.subscribe(signal)) {
        if (!input.claimId || change.claimId === input.claimId || change.entityType === "bulk") yield change;
      }
    }),
});
