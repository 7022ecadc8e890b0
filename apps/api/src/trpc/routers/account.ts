import {
  ZEmailPreferencesInput,
  ZLocaleInput,
  ZPasswordLinkRequestInput,
  ZSetPasswordWithTokenInput,
  ZTwoFactorDisableInput,
  ZTwoFactorEnableInput,
} from "@factdesk/schema";
import {
  emailPreferencesOf,
  requestPasswordReset,
  setEmailPreferences,
  setOwnLocale,
  setPasswordWithToken,
} from "../../domain/accounts";
import { getSettings } from "../../domain/settings";
import { disableTwoFactor, enableTwoFactor, startTwoFactor, twoFactorStatus } from "../../domain/two-factor";
import { authedProcedure, publicProcedure, router } from "../init";

/** One's own account: a forgotten password, e-mailed notifications, two-factor sign-in. */
export const accountRouter = router({
  // Both meet the login throttle: they are as good as a password to someone guessing.
  requestPasswordReset: publicProcedure.input(ZPasswordLinkRequestInput).mutation(async ({ ctx, input }) => {
    await ctx.rateLimits.loginAttempt(ctx.clientAddress, input.email);
    return requestPasswordReset(ctx.db, ctx.jobs, ctx.mailer, input.email);
  }),
  setPassword: publicProcedure.input(ZSetPasswordWithTokenInput).mutation(async ({ ctx, input }) => {
    await ctx.rateLimits.loginAttempt(ctx.clientAddress, "one-time link");
    // Its audit event of the user ends their cached sessions on every instance.
    return setPasswordWithToken(ctx.db, input);
  }),
  /** The language the app speaks to me (null: my browser's). */
  setLocale: authedProcedure
    .input(ZLocaleInput)
    .mutation(({ ctx, input }) => setOwnLocale(ctx.db, ctx.user, input.locale)),
  mailEnabled: publicProcedure.query(({ ctx }) => ({ enabled: ctx.mailer !== null })),
  emailPreferences: authedProcedure.query(({ ctx }) => emailPreferencesOf(ctx.db, ctx.user)),
  setEmailPreferences: authedProcedure
    .input(ZEmailPreferencesInput)
    .mutation(({ ctx, input }) => setEmailPreferences(ctx.db, ctx.user, input.preferences)),
  twoFactor: authedProcedure.query(({ ctx }) => twoFactorStatus(ctx.db, ctx.user)),
  startTwoFactor: authedProcedure.mutation(({ ctx }) => startTwoFactor(ctx.db, ctx.user)),
  enableTwoFactor: authedProcedure
    .input(ZTwoFactorEnableInput)
    .mutation(({ ctx, input }) => enableTwoFactor(ctx.db, ctx.user, input.code)),
  disableTwoFactor: authedProcedure.input(ZTwoFactorDisableInput).mutation(async ({ ctx, input }) => {
    await ctx.rateLimits.loginAttempt(ctx.clientAddress, ctx.user.email);
    return disableTwoFactor(ctx.db, ctx.user, input.password, (await getSettings(ctx.db)).requireTwoFactor);
  }),
});
