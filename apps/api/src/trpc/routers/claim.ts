import { ZClaimGetInput, ZClaimListInput, ZClaimTransitionInput } from "@factdesk/schema";
import { getClaim, listClaims, transitionClaim } from "../../domain/claims";
import { authedProcedure, router } from "../init";

export const claimRouter = router({
  list: authedProcedure.input(ZClaimListInput).query(({ ctx, input }) => listClaims(ctx.db, ctx.user, input)),
  get: authedProcedure.input(ZClaimGetInput).query(({ ctx, input }) => getClaim(ctx.db, ctx.user, input.id)),
  transition: authedProcedure
    .input(ZClaimTransitionInput)
    .mutation(({ ctx, input }) => transitionClaim(ctx.db, ctx.user, input)),
});
