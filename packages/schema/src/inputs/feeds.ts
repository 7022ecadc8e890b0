import { z } from "zod";
import { limits, ZId, ZText, ZWebAddress } from "./common";

export const ZFeedAddInput = z.object({
  url: ZWebAddress,
  title: ZText(limits.outlet, "name").nullish(),
  intervalMinutes: z
    .number()
    .int()
    .min(5, "Poll a feed every 5 minutes at most often.")
    .max(1440, "Poll a feed at least once a day.")
    .default(30),
});
export const ZFeedRemoveInput = z.object({ id: ZId });
