import { ZWebhookCreateInput, ZWebhookDeliveriesInput, ZWebhookRemoveInput } from "@factdesk/schema";
import { createWebhook, listDeliveries, listWebhooks, removeWebhook } from "../../domain/webhooks";
import { adminProcedure, router } from "../init";

export const webhookRouter = router({
  list: adminProcedure.query(({ ctx }) => listWebhooks(ctx.db)),
  create: adminProcedure
    .input(ZWebhookCreateInput)
    .mutation(({ ctx, input }) => createWebhook(ctx.db, ctx.user, input, ctx.config.fetch)),
  remove: adminProcedure
    .input(ZWebhookRemoveInput)
    .mutation(({ ctx, input }) => removeWebhook(ctx.db, ctx.user, input.id)),
  deliveries: adminProcedure
    .input(ZWebhookDeliveriesInput)
    .query(({ ctx, input }) => listDeliveries(ctx.db, input.webhookId)),
});
