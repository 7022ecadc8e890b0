import { ZAssessmentPackInput } from "@factdesk/schema";
import { listAssessmentPacks, requestAssessmentPack } from "../../domain/assessment-pack";
import { adminProcedure, router } from "../init";

/** IFCN / EFCSN assessment packs: asked for here, made by a job, downloaded at /export/assessment-packs/<id>.zip. */
export const assessmentPackRouter = router({
  request: adminProcedure
    .input(ZAssessmentPackInput)
    .mutation(({ ctx, input }) => requestAssessmentPack(ctx.db, ctx.jobs, ctx.user, input)),
  list: adminProcedure.query(({ ctx }) => listAssessmentPacks(ctx.db)),
});
