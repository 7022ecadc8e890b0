import { ZSavedViewRemoveInput, ZSavedViewSaveInput } from "@factdesk/schema";
import { listSavedViews, removeSavedView, saveView } from "../../domain/saved-views";
import { authedProcedure, router } from "../init";

/** Each person's named queue views. */
export const savedViewRouter = router({
  list: authedProcedure.query(({ ctx }) => listSavedViews(ctx.db, ctx.user)),
  save: authedProcedure
    .input(ZSavedViewSaveInput)
    .mutation(({ ctx, input }) => saveView(ctx.db, ctx.user, input)),
  remove: authedProcedure
    .input(ZSavedViewRemoveInput)
    .mutation(({ ctx, input }) => removeSavedView(ctx.db, ctx.user, input.id)),
});
