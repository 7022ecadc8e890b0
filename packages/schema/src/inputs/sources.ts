import { z } from "zod";
import { ZSourceStance } from "../enums";
import { limits, ZId, ZRequired, ZText, ZVersion } from "./common";

const ZSourceUrl = z
  .url({
    protocol: /^https?$/,
    hostname: z.regexes.domain,
    error: "Enter a web address starting with http:// or https://.",
  })
  .max(
    limits.webAddress,
    `Keep the address to ${limits.webAddress.toLocaleString("en")} characters at most.`,
  );
const sourceFields = {
  url: ZSourceUrl,
  title: ZRequired(limits.sourceTitle, "source title"),
  excerpt: ZText(limits.excerpt, "excerpt").nullable().optional(),
  stance: z.enum(ZSourceStance.options, {
    error: "Choose whether the source supports or refutes the claim, or gives context.",
  }),
  note: ZText(limits.note, "note").nullable().optional(),
};
export const ZSourceAddInput = z.object({ claimId: ZId, ...sourceFields });
export const ZSourceUpdateInput = z.object({
  id: ZId,
  version: ZVersion,
  ...z.object(sourceFields).partial().shape,
});
export const ZSourceRemoveInput = z.object({ id: ZId, version: ZVersion });
export const ZSourceArchiveInput = z.object({ id: ZId });
export type TSourceAddInput = z.infer<typeof ZSourceAddInput>;
export type TSourceUpdateInput = z.infer<typeof ZSourceUpdateInput>;
export type TSourceRemoveInput = z.infer<typeof ZSourceRemoveInput>;
