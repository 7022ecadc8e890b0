import { z } from "zod";

export const ZDashboardInput = z
  .object({
    weeks: z.number().int().min(4, "Show at least 4 weeks.").max(52, "Show at most 52 weeks.").default(12),
  })
  .prefault({});
