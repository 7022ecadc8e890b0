import {
  ZVerdictGetInput,
  ZVerdictRequestChangesInput,
  ZVerdictRetractInput,
  ZVerdictRevisionsInput,
  ZVerdictSaveInput,
  ZVerdictStepInput,
  ZVerdictWithdrawApprovalInput,
} from "@factdesk/schema";
import {
  approvalQueue,
  getVerdict,
  listRevisions,
  saveVerdict,
  transitionVerdict,
} from "../../domain/verdicts";
import { authedProcedure, editorProcedure, router, type TContext } from "../init";

/** What a review step needs from the request: the site's address, and where webhooks are queued. */
const reviewDeps = (ctx: TContext) => ({
  publicUrl: ctx.config.publicUrl,
  webhooks: { jobs: ctx.jobs, retrySeconds: ctx.config.webhooks.retrySeconds },
});

// Each review step is the workflow's transition of the same name; the rules live there.
export const verdictRouter = router({
  get: authedProcedure
    .input(ZVerdictGetInput)
    .query(({ ctx, input }) => getVerdict(ctx.db, ctx.user, input.claimId)),
  save: authedProcedure
    .input(ZVerdictSaveInput)
    .mutation(({ ctx, input }) => saveVerdict(ctx.db, ctx.user, input)),
  submit: authedProcedure
    .input(ZVerdictStepInput)
    .mutation(({ ctx, input }) =>
      transitionVerdict(ctx.db, ctx.user, { ...input, to: "submitted" }, reviewDeps(ctx)),
    ),
  approve: editorProcedure
    .input(ZVerdictStepInput)
    .mutation(({ ctx, input }) =>
      transitionVerdict(ctx.db, ctx.user, { ...input, to: "approved" }, reviewDeps(ctx)),
    ),
  requestChanges: editorProcedure
    .input(ZVerdictRequestChangesInput)
    .mutation(({ ctx, input: { comment, ...input } }) =>
      transitionVerdict(
        ctx.db,
        ctx.user,
        { ...input, to: "changes_requested", reason: comment },
        reviewDeps(ctx),
      ),
    ),
  publish: editorProcedure
    .input(ZVerdictStepInput)
    .mutation(({ ctx, input }) =>
      transitionVerdict(ctx.db, ctx.user, { ...input, to: "published" }, reviewDeps(ctx)),
    ),
  withdrawApproval: editorProcedure
    .input(ZVerdictWithdrawApprovalInput)
    .mutation(({ ctx, input }) =>
      transitionVerdict(ctx.db, ctx.user, { ...input, to: "submitted" }, reviewDeps(ctx)),
    ),
  retract: editorProcedure
    .input(ZVerdictRetractInput)
    .mutation(({ ctx, input }) =>
      transitionVerdict(ctx.db, ctx.user, { ...input, to: "retracted" }, reviewDeps(ctx)),
    ),
  revisions: authedProcedure
    .input(ZVerdictRevisionsInput)
    .query(({ ctx, input }) => listRevisions(ctx.db, input.id)),
  approvalQueue: editorProcedure.query(({ ctx }) => approvalQueue(ctx.db, ctx.user)),
});
