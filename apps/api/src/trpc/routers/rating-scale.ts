import { ZRatingScaleUpdateInput } from "@factdesk/schema";
import { listRatings, updateRatingScale } from "../../domain/ratings";
import { adminProcedure, authedProcedure, router } from "../init";

export const ratingScaleRouter = router({
  list: authedProcedure.query(({ ctx }) => listRatings(ctx.db)),
  update: adminProcedure
    .input(ZRatingScaleUpdateInput)
    .mutation(({ ctx, input }) => updateRatingScale(ctx.db, ctx.user, input.ratings)),
});
