import { ZFeedAddInput, ZFeedRemoveInput } from "@factdesk/schema";
import { addFeed, listFeeds, removeFeed } from "../../domain/monitoring";
import { authedProcedure, editorProcedure, router } from "../init";

/** Outlets' feeds the desk watches: editors add and remove them, everyone sees how they are doing. */
export const feedRouter = router({
  list: authedProcedure.query(({ ctx }) => listFeeds(ctx.db)),
  add: editorProcedure.input(ZFeedAddInput).mutation(({ ctx, input }) => addFeed(ctx.db, ctx.user, input)),
  remove: editorProcedure
    .input(ZFeedRemoveInput)
    .mutation(({ ctx, input }) => removeFeed(ctx.db, ctx.user, input.id)),
});
