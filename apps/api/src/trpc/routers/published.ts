import { DomainError, ZPublishedGetInput, ZPublishedListInput } from "@factdesk/schema";
import { siteOf } from "../../domain/settings";
import { listPublicVerdicts, publicVerdict } from "../../public/verdicts";
import { publicProcedure, router } from "../init";

/** The read-only public API: what the public pages show, as data, without signing in. */
export const publishedRouter = router({
  list: publicProcedure
    .input(ZPublishedListInput)
    .query(({ ctx, input }) => listPublicVerdicts(ctx.db, input)),
  get: publicProcedure.input(ZPublishedGetInput).query(async ({ ctx, input }) => {
    const verdict = await publicVerdict(ctx.db, input.slug, await siteOf(ctx.db, ctx.config.publicUrl));
    if (!verdict) throw new DomainError("NOT_FOUND", "No published verdict has that address.");
    return verdict;
  }),
});
