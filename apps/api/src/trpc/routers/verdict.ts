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
import { authedProcedure, editorProcedure, router } from "../init";

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
      transitionVerdict(ctx.db, ctx.user, { ...input, to: "submitted" }, ctx.config),
    ),
  approve: editorProcedure
    .input(ZVerdictStepInput)
    .mutation(({ ctx, input }) =>
      transitionVerdict(ctx.db, ctx.user, { ...input, to: "approved" }, ctx.config),
    ),
  requestChanges: editorProcedure
    .input(ZVerdictRequestChangesInput)
    .mutation(({ ctx, input: { comment, ...input } }) =>
      transitionVerdict(ctx.db, ctx.user, { ...input, to: "changes_requested", reason: comment }, ctx.config),
    ),
  publish: editorProcedure
    .input(ZVerdictStepInput)
    .mutation(({ ctx, input }) =>
      transitionVerdict(ctx.db, ctx.user, { ...input, to: "published" }, ctx.config),
    ),
  withdrawApproval: editorProcedure
    .input(ZVerdictWithdrawApprovalInput)
    .mutation(({ ctx, input }) =>
      transitionVerdict(ctx.db, ctx.user, { ...input, to: "submitted" }, ctx.config),
    ),
  retract: editorProcedure
    .input(ZVerdictRetractInput)
    .mutation(({ ctx, input }) =>
      transitionVerdict(ctx.db, ctx.user, { ...input, to: "retracted" }, ctx.config),
    ),
  revisions: authedProcedure
    .input(ZVerdictRevisionsInput)
    .query(({ ctx, input }) => listRevisions(ctx.db, input.id)),
  approvalQueue: editorProcedure.query(({ ctx }) => approvalQueue(ctx.db, ctx.user)),
});
