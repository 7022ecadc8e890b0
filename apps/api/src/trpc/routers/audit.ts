import { verifyAuditChain } from "@factdesk/db";
import { adminProcedure, router } from "../init";

export const auditRouter = router({
  verify: adminProcedure.query(({ ctx }) => verifyAuditChain(ctx.db)),
});
