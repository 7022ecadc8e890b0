import { ZPasswordResetInput, ZUserCreateInput, ZUserIdInput, ZUserSetRoleInput } from "@factdesk/schema";
import { createUser, listUsers, resetPassword, setActive, setRole } from "../../domain/users";
import { adminProcedure, authedProcedure, router } from "../init";

export const userRouter = router({
  // Everyone sees colleagues, to assign claims and @mention them.
  list: authedProcedure.query(({ ctx }) => listUsers(ctx.db)),
  create: adminProcedure
    .input(ZUserCreateInput)
    .mutation(({ ctx, input }) => createUser(ctx.db, ctx.user, input)),
  setRole: adminProcedure
    .input(ZUserSetRoleInput)
    .mutation(({ ctx, input }) => setRole(ctx.db, ctx.user, input)),
  deactivate: adminProcedure
    .input(ZUserIdInput)
    .mutation(({ ctx, input }) => setActive(ctx.db, ctx.user, { id: input.id, active: false })),
  resetPassword: adminProcedure
    .input(ZPasswordResetInput)
    .mutation(({ ctx, input }) => resetPassword(ctx.db, ctx.user, input)),
  reactivate: adminProcedure
    .input(ZUserIdInput)
    .mutation(({ ctx, input }) => setActive(ctx.db, ctx.user, { id: input.id, active: true })),
});
