import { z } from "zod";
import { ZLocale } from "../locales";
import { limits, ZDay, ZId, ZText, ZWebAddress } from "./common";

/** Long enough for a thorough methodology; Markdown. */
const ZPolicyText = (what: string) =>
  z.string().max(limits.policy, `Keep the ${what} under ${limits.policy.toLocaleString("en")} characters.`);
export const ZSettingsUpdateInput = z.object({
  organisationName: ZText(limits.organisationName, "organisation name").nullable(),
  organisationUrl: ZWebAddress.nullable(),
  logoUrl: ZWebAddress.nullable(),
  publicUrl: ZWebAddress.nullable(),
  methodology: ZPolicyText("methodology"),
  correctionsPolicy: ZPolicyText("corrections policy"),
  /** Absent: left as it is (older forms do not send it). */
  tipConsent: ZText(limits.reason, "consent wording").optional(),
  about: ZPolicyText("about page").optional(),
  funding: ZPolicyText("funding page").optional(),
  /** Editors and admins must sign in with a second factor. */
  requireTwoFactor: z.boolean().optional(),
  /** The public site's language. */
  publicLocale: ZLocale.optional(),
  version: z.number().int().min(0),
});
export type TSettingsUpdateInput = z.infer<typeof ZSettingsUpdateInput>;

/** An assessment pack's period, whole days in UTC; by default the last three months. */
export const ZAssessmentPackInput = z
  .object({ from: ZDay.optional(), to: ZDay.optional() })
  .refine(({ from, to }) => !from || !to || from <= to, {
    message: "The period ends before it starts.",
    path: ["to"],
  })
  .prefault({});
export type TAssessmentPackInput = z.infer<typeof ZAssessmentPackInput>;

/** How often the desk backs itself up (0: never by itself) and how many backups it keeps. */
export const ZBackupScheduleInput = z.object({
  everyHours: z
    .number()
    .int("Give whole hours.")
    .min(0, "Give 0 (no scheduled backups) or more hours.")
    .max(720, "Back up at least every 30 days (720 hours)."),
  keep: z
    .number()
    .int("Give a whole number.")
    .min(1, "Keep at least one backup.")
    .max(365, "Keep at most 365 backups."),
  version: z.number().int().min(0),
});
export type TBackupScheduleInput = z.infer<typeof ZBackupScheduleInput>;

/** A partner's key to the public API: named for whom it is. */
export const ZApiKeyCreateInput = z.object({
  name: ZText(limits.organisationName, "name").min(1, "Say whose key it is."),
});
export type TApiKeyCreateInput = z.infer<typeof ZApiKeyCreateInput>;
export const ZApiKeyRevokeInput = z.object({ id: ZId });
