import { ZLoginInput, ZPasswordChangeInput } from "@factdesk/schema";
import { login, logout } from "../../domain/auth";
import { changeOwnPassword } from "../../domain/users";
import { authedProcedure, publicProcedure, router } from "../init";

export const authRouter = router({
  login: publicProcedure.input(ZLoginInput).mutation(async ({ ctx, input }) => {
    await ctx.rateLimits.loginAttempt(ctx.clientAddress, input.email);
    const session = await login(ctx.db, input, { ttlMs: ctx.config.session.ttlMs, userAgent: ctx.userAgent });
    await ctx.rateLimits.loginSucceeded(ctx.clientAddress, input.email);
    ctx.cookie.set(session.token, session.expiresAt);
    return session.user;
  }),
  // Public, so that a browser with an expired session can still clear its cookie.
  logout: publicProcedure.mutation(async ({ ctx }) => {
    if (ctx.sessionToken) await logout(ctx.db, ctx.sessionToken);
    ctx.cookie.clear();
    return { ok: true };
  }),
  me: publicProcedure.query(({ ctx }) => ctx.user),
  // Guessing the current password through a stolen session meets the login throttle.
  changePassword: authedProcedure.input(ZPasswordChangeInput).mutation(async ({ ctx, input }) => {
    await ctx.rateLimits.loginAttempt(ctx.clientAddress, ctx.user.email);
    const result = await changeOwnPassword(ctx.db, ctx.user, input, ctx.sessionToken);
    await ctx.rateLimits.loginSucceeded(ctx.clientAddress, ctx.user.email);
    return result;
  }),
});
