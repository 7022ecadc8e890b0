import { z } from "zod";
import { limits, ZText } from "./common";

export const ZPublishedListInput = z.object({
  page: z.number().int().min(1).max(10_000).default(1),
  rating: z.string().max(64).optional(),
  q: ZText(limits.search, "search").optional(),
});
export type TPublishedListInput = z.infer<typeof ZPublishedListInput>;
export const ZPublishedGetInput = z.object({ slug: z.string().min(1).max(200) });
