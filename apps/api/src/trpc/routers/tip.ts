import {
  ZTipAttachInput,
  ZTipCreateClaimInput,
  ZTipDeclineInput,
  ZTipListInput,
  ZTipStatusInput,
  ZTipSubmitInput,
  ZTipTriageInput,
} from "@factdesk/schema";
import { siteOf } from "../../domain/settings";
import {
  attachTips,
  claimFromTips,
  declineTips,
  listTips,
  receiveTip,
  tipConsentOf,
  tipProgress,
  tipTicket,
  triageTips,
} from "../../domain/tips";
import { authedProcedure, publicProcedure, router } from "../init";

/** Readers send tips and follow them by code; the desk triages them into claims. */
export const tipRouter = router({
  ticket: publicProcedure.query(async ({ ctx }) => ({
    ticket: tipTicket(),
    consent: await tipConsentOf(ctx.db),
  })),
  submit: publicProcedure
    .input(ZTipSubmitInput)
    .mutation(({ ctx, input }) => receiveTip(ctx.db, ctx, ctx.clientAddress, input)),
  status: publicProcedure
    .input(ZTipStatusInput)
    .query(async ({ ctx, input }) =>
      tipProgress(ctx.db, input.code, await siteOf(ctx.db, ctx.config.publicUrl)),
    ),
  list: authedProcedure.input(ZTipListInput).query(({ ctx, input }) => listTips(ctx.db, input)),
  triage: authedProcedure
    .input(ZTipTriageInput)
    .mutation(({ ctx, input }) => triageTips(ctx.db, ctx.user, input)),
  attach: authedProcedure
    .input(ZTipAttachInput)
    .mutation(({ ctx, input }) => attachTips(ctx.db, ctx.user, input)),
  createClaim: authedProcedure
    .input(ZTipCreateClaimInput)
    .mutation(({ ctx, input }) => claimFromTips(ctx.db, ctx.jobs, ctx.user, input)),
  decline: authedProcedure
    .input(ZTipDeclineInput)
    .mutation(({ ctx, input }) => declineTips(ctx.db, ctx.user, input)),
});
