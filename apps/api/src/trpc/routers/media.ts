import { ZMediaAttachAddressInput, ZMediaDetachInput, ZMediaGetInput } from "@factdesk/schema";
import { attachMediaAddress, claimMedia, detachMedia } from "../../domain/media";
import { authedProcedure, router } from "../init";

// Files are uploaded over plain HTTP as bytes (media-routes.ts); the rest is here.
export const mediaRouter = router({
  /** The image or video the claim is about, without its bytes. */
  get: authedProcedure.input(ZMediaGetInput).query(({ ctx, input }) => claimMedia(ctx.db, input.claimId)),
  attachAddress: authedProcedure
    .input(ZMediaAttachAddressInput)
    .mutation(({ ctx, input }) => attachMediaAddress(ctx.db, ctx.user, input)),
  detach: authedProcedure
    .input(ZMediaDetachInput)
    .mutation(({ ctx, input }) => detachMedia(ctx.db, ctx.user, input)),
});
