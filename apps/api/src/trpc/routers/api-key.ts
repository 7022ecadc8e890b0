import { ZApiKeyCreateInput, ZApiKeyRevokeInput } from "@factdesk/schema";
import { createApiKey, listApiKeys, revokeApiKey } from "../../domain/api-keys";
import { adminProcedure, router } from "../init";

/** Partners' keys to the public API (/api/v1): made, listed with their use, revoked by admins. */
export const apiKeyRouter = router({
  list: adminProcedure.query(({ ctx }) => listApiKeys(ctx.db)),
  create: adminProcedure
    .input(ZApiKeyCreateInput)
    .mutation(({ ctx, input }) => createApiKey(ctx.db, ctx.user, input)),
  revoke: adminProcedure
    .input(ZApiKeyRevokeInput)
    .mutation(({ ctx, input }) => revokeApiKey(ctx.db, ctx.user, input.id)),
});
