import {
  ZApprovalRulesUpdateInput,
  ZClaimIdInput,
  ZRecuseInput,
  ZReplyContactInput,
  ZReplyOverrideInput,
  ZReplyResponseInput,
} from "@factdesk/schema";
import {
  getApprovalRules,
  listRecusals,
  listReplyRecords,
  recordReplyContact,
  recordReplyResponse,
  recuse,
  updateApprovalRules,
  waiveReply,
} from "../../domain/editorial-rules";
import { adminProcedure, authedProcedure, editorProcedure, router } from "../init";

/** The desk's editorial rules, and the facts they judge: conflicts of interest, the right of reply. */
export const editorialRouter = router({
  rules: authedProcedure.query(({ ctx }) => getApprovalRules(ctx.db)),
  updateRules: adminProcedure
    .input(ZApprovalRulesUpdateInput)
    .mutation(({ ctx, input }) => updateApprovalRules(ctx.db, ctx.user, input)),
  recusals: authedProcedure
    .input(ZClaimIdInput)
    .query(({ ctx, input }) => listRecusals(ctx.db, input.claimId)),
  recuse: editorProcedure.input(ZRecuseInput).mutation(({ ctx, input }) => recuse(ctx.db, ctx.user, input)),
  replies: authedProcedure
    .input(ZClaimIdInput)
    .query(({ ctx, input }) => listReplyRecords(ctx.db, input.claimId)),
  recordContact: authedProcedure
    .input(ZReplyContactInput)
    .mutation(({ ctx, input }) => recordReplyContact(ctx.db, ctx.user, input)),
  recordResponse: authedProcedure
    .input(ZReplyResponseInput)
    .mutation(({ ctx, input }) => recordReplyResponse(ctx.db, ctx.user, input)),
  waiveReply: editorProcedure
    .input(ZReplyOverrideInput)
    .mutation(({ ctx, input }) => waiveReply(ctx.db, ctx.user, input)),
});
