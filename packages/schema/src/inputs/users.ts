import { z } from "zod";
import { ZNotificationKind, ZRole } from "../enums";
import { ZLocale } from "../locales";
import { limits, ZId, ZRequired } from "./common";

const ZEmail = z.email({ error: "Enter a valid email address." }).max(limits.email);
const ZNewPassword = z
  .string()
  .min(limits.passwordMin, `Use at least ${limits.passwordMin} characters for the password.`)
  .max(limits.password, `Keep the password under ${limits.password.toLocaleString("en")} characters.`);

export const ZLoginInput = z.object({
  email: ZEmail,
  password: z.string().min(1, "Enter your password.").max(limits.password, "Password is too long."),
  /** The authenticator app's code, or a recovery code, for those who sign in with a second factor. */
  code: z.string().trim().max(32, "That code is too long.").optional(),
});
export type TLoginInput = z.infer<typeof ZLoginInput>;
export const ZUserCreateInput = z.object({
  email: ZEmail,
  name: ZRequired(limits.personName, "name"),
  role: ZRole,
  password: ZNewPassword,
});
export type TUserCreateInput = z.infer<typeof ZUserCreateInput>;
export const ZPasswordChangeInput = z
  .object({
    current: z.string().min(1, "Enter your current password.").max(limits.password, "Password is too long."),
    next: ZNewPassword,
  })
  .refine((input) => input.current !== input.next, {
    path: ["next"],
    message: "Choose a new password, not the current one.",
  });
export type TPasswordChangeInput = z.infer<typeof ZPasswordChangeInput>;
export const ZPasswordResetInput = z.object({ id: ZId, password: ZNewPassword });
export type TPasswordResetInput = z.infer<typeof ZPasswordResetInput>;
export const ZUserSetRoleInput = z.object({ id: ZId, role: ZRole });
export type TUserSetRoleInput = z.infer<typeof ZUserSetRoleInput>;
export const ZUserIdInput = z.object({ id: ZId });

/** A one-time link's token, as e-mailed (32 random bytes, base64url). */
const ZAccountToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, "This link is not valid: ask for a new one.");

export const ZPasswordLinkRequestInput = z.object({ email: ZEmail });
export type TPasswordLinkRequestInput = z.infer<typeof ZPasswordLinkRequestInput>;
export const ZSetPasswordWithTokenInput = z.object({ token: ZAccountToken, password: ZNewPassword });
export type TSetPasswordWithTokenInput = z.infer<typeof ZSetPasswordWithTokenInput>;
export const ZUserInviteInput = z.object({
  email: ZEmail,
  name: ZRequired(limits.personName, "name"),
  role: ZRole,
});
export type TUserInviteInput = z.infer<typeof ZUserInviteInput>;

/** Per kind of notification: sent at once, gathered in a daily digest, or not e-mailed (absent). */
export const ZEmailPreferences = z.partialRecord(ZNotificationKind, z.enum(["immediately", "daily"]));
export type TEmailPreferences = z.infer<typeof ZEmailPreferences>;
export const ZLocaleInput = z.object({ locale: ZLocale.nullable() });
export const ZEmailPreferencesInput = z.object({ preferences: ZEmailPreferences });

export const ZTwoFactorEnableInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, "Enter the six digits your authenticator app shows."),
});
export const ZTwoFactorDisableInput = z.object({
  password: z.string().min(1, "Enter your password.").max(limits.password, "Password is too long."),
});
