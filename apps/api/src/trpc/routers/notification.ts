import { ZNotificationListInput, ZNotificationMarkReadInput } from "@factdesk/schema";
import { listNotifications, markNotificationsRead } from "../../domain/notifications";
import { authedProcedure, router } from "../init";

/** The reader's own in-app notifications. */
export const notificationRouter = router({
  list: authedProcedure
    .input(ZNotificationListInput)
    .query(({ ctx, input }) => listNotifications(ctx.db, ctx.user, input)),
  markRead: authedProcedure
    .input(ZNotificationMarkReadInput)
    .mutation(({ ctx, input }) => markNotificationsRead(ctx.db, ctx.user, input)),
});
