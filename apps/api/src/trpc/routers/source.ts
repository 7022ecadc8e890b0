import {
  ZSourceAddInput,
  ZSourceArchiveInput,
  ZSourceRemoveInput,
  ZSourceUpdateInput,
} from "@factdesk/schema";
import { sourceArchive } from "../../domain/source-archive";
import { addSource, removeSource, updateSource } from "../../domain/sources";
import { authedProcedure, router } from "../init";

export const sourceRouter = router({
  add: authedProcedure
    .input(ZSourceAddInput)
    .mutation(({ ctx, input }) => addSource(ctx.db, ctx.user, input, { jobs: ctx.jobs })),
  update: authedProcedure
    .input(ZSourceUpdateInput)
    .mutation(({ ctx, input }) => updateSource(ctx.db, ctx.user, input)),
  /** The kept copy of the source's address (the evidence as it read), and its latest checks. */
  archive: authedProcedure
    .input(ZSourceArchiveInput)
    .query(({ ctx, input }) => sourceArchive(ctx.db, input.id)),
  remove: authedProcedure
    .input(ZSourceRemoveInput)
    .mutation(({ ctx, input }) => removeSource(ctx.db, ctx.user, input)),
});
