import { z } from "zod";
import { webhookEvents, ZWebhookEvent } from "../enums";
import { limits, ZId, ZWebAddress } from "./common";

export const ZWebhookCreateInput = z.object({
  url: ZWebAddress,
  secret: z
    .string()
    .min(limits.webhookSecretMin, `Use a secret of at least ${limits.webhookSecretMin} characters.`)
    .max(limits.webhookSecret, `Keep the secret under ${limits.webhookSecret} characters.`),
  events: z.array(ZWebhookEvent).min(1, "Choose at least one event.").max(webhookEvents.length),
});
export type TWebhookCreateInput = z.infer<typeof ZWebhookCreateInput>;
export const ZWebhookRemoveInput = z.object({ id: ZId });
export const ZWebhookDeliveriesInput = z.object({ webhookId: ZId.optional() }).prefault({});
