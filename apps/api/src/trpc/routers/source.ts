import { ZSourceAddInput, ZSourceRemoveInput, ZSourceUpdateInput } from "@factdesk/schema";
import { addSource, removeSource, updateSource } from "../../domain/sources";
import { authedProcedure, router } from "../init";

export const sourceRouter = router({
  add: authedProcedure
    .input(ZSourceAddInput)
    .mutation(({ ctx, input }) => addSource(ctx.db, ctx.user, input, { jobs: ctx.jobs })),
  update: authedProcedure
    .input(ZSourceUpdateInput)
    .mutation(({ ctx, input }) => updateSource(ctx.db, ctx.user, input)),
  remove: authedProcedure
    .input(ZSourceRemoveInput)
    .mutation(({ ctx, input }) => removeSource(ctx.db, ctx.user, input)),
});
