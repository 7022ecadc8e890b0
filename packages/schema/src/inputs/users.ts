import { z } from "zod";
import { ZRole } from "../enums";
import { limits, ZId, ZRequired } from "./common";

const ZEmail = z.email({ error: "Enter a valid email address." }).max(limits.email);
const ZNewPassword = z
  .string()
  .min(limits.passwordMin, `Use at least ${limits.passwordMin} characters for the password.`)
  .max(limits.password, `Keep the password under ${limits.password.toLocaleString("en")} characters.`);

export const ZLoginInput = z.object({
  email: ZEmail,
  password: z.string().min(1, "Enter your password.").max(limits.password, "Password is too long."),
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
