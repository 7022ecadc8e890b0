import { DomainError, ZPublishedGetInput, ZPublishedListInput } from "@factdesk/schema";
import { siteOf } from "../../domain/settings";
import { listPublicVerdicts, publicVerdict } from "../../public/verdicts";
import { publicProcedure, router } from "../init";

/** The read-only public API: what the public pages show, as data, without signing in (from the replica, if any). */
export const publishedRouter = router({
  list: publicProcedure
    .input(ZPublishedListInput)
    .query(({ ctx, input }) => listPublicVerdicts(ctx.readDb, input)),
  get: publicProcedure.input(ZPublishedGetInput).query(async ({ ctx, input }) => {
    const verdict = await publicVerdict(
      ctx.readDb,
      input.slug,
      await siteOf(ctx.readDb, ctx.config.publicUrl),
    );
    if (!verdict) throw new DomainError("NOT_FOUND", "No published verdict has that address.");
    return verdict;
  }),
});
