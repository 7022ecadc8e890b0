import { ZDashboardInput } from "@factdesk/schema";
import { dashboard } from "../../domain/dashboard";
import { authedProcedure, router } from "../init";

/** The newsroom's numbers: backlog, time to verdict, output by rating, workload, outlets. */
export const dashboardRouter = router({
  get: authedProcedure.input(ZDashboardInput).query(({ ctx, input }) => dashboard(ctx.db, input)),
});
