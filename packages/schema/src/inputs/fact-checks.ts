import { z } from "zod";
import { limits, ZDay, ZRequired, ZText, ZWebAddress } from "./common";

export const ZFactCheckImportInput = z.object({
  /** Absent: ClaimReview if the content is JSON, else a CSV/TSV table. */
  format: z.enum(["claimreview", "table"]).optional(),
  content: z
    .string()
    .min(1, "The file is empty.")
    .max(4_500_000, "The file is larger than 4.5 MB: split it, or use `factdesk import-factchecks`."),
  /** Resolves relative fact-check links in a table. */
  baseUrl: ZWebAddress.optional(),
});
export type TFactCheckImportInput = z.infer<typeof ZFactCheckImportInput>;
export const ZFactCheckMatchInput = z.object({
  text: ZRequired(limits.matchText, "text"),
  limit: z.number().int().min(1).max(50).default(5),
  /** Who made the claim, when known: a fact-check of the same claimant ranks a little higher. */
  claimant: ZText(limits.claimant, "claimant").optional(),
  /** The day it was made, when known: a fact-check from near that day ranks higher. */
  on: ZDay.optional(),
});
