import {
  ZPasswordResetInput,
  ZUserCreateInput,
  ZUserIdInput,
  ZUserInviteInput,
  ZUserSetRoleInput,
} from "@factdesk/schema";
import { inviteUser } from "../../domain/accounts";
import { createUser, listUsers, resetPassword, setActive, setRole } from "../../domain/users";
import { adminProcedure, authedProcedure, router } from "../init";

export const userRouter = router({
  // Everyone sees colleagues, to assign claims and @mention them.
  list: authedProcedure.query(({ ctx }) => listUsers(ctx.db)),
  create: adminProcedure
    .input(ZUserCreateInput)
    .mutation(({ ctx, input }) => createUser(ctx.db, ctx.user, input)),
  /** Invites by e-mail: the person chooses their own password from the link. */
  invite: adminProcedure
    .input(ZUserInviteInput)
    .mutation(({ ctx, input }) => inviteUser(ctx.db, ctx.jobs, ctx.mailer, ctx.user, input)),
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
