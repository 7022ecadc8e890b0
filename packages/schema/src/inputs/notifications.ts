import { z } from "zod";
import { ZId } from "./common";

/** The newest `limit` of the reader's notifications ("Show older" asks for more). */
export const ZNotificationListInput = z
  .object({ limit: z.number().int().min(1).max(500).default(30) })
  .prefault({});
export const ZNotificationMarkReadInput = z
  .object({
    /** These notifications; all unread ones when absent. */
    ids: z.array(ZId).min(1).max(500).optional(),
  })
  .prefault({});
