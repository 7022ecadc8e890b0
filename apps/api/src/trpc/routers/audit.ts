import { readCheckpoints } from "../../audit-checkpoints";
import { verifyAudit } from "../../domain/audit";
import { adminProcedure, router } from "../init";

export const auditRouter = router({
  verify: adminProcedure.query(({ ctx }) =>
    verifyAudit(ctx.db, readCheckpoints(ctx.config.audit.checkpointFile)),
  ),
});
