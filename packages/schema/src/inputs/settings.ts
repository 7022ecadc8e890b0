import { z } from "zod";
import { limits, ZText, ZWebAddress } from "./common";

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
  version: z.number().int().min(0),
});
export type TSettingsUpdateInput = z.infer<typeof ZSettingsUpdateInput>;
