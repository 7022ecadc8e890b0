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
  version: z.number().int().min(0),
});
export type TSettingsUpdateInput = z.infer<typeof ZSettingsUpdateInput>;
