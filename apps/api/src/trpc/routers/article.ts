import { ZArticleIngestInput, ZArticlePreviewInput } from "@factdesk/schema";
import { ingestArticle, previewArticle } from "../../domain/articles";
import { authedProcedure, router } from "../init";

const threshold = (value: number | undefined) => (value === undefined ? {} : { threshold: value });

export const articleRouter = router({
  // A mutation only because article text is too large for a URL; it writes nothing.
  preview: authedProcedure
    .input(ZArticlePreviewInput)
    .mutation(({ ctx, input }) =>
      previewArticle({ title: input.title, body: input.text }, threshold(ctx.claimThreshold)),
    ),
  ingest: authedProcedure.input(ZArticleIngestInput).mutation(async ({ ctx, input }) => {
    const { text, sentenceIndexes, publishedAt, ...meta } = input;
    const result = await ingestArticle(
      ctx.db,
      { ...meta, body: text, publishedAt: publishedAt ? new Date(publishedAt) : null },
      ctx.user.id,
      { ...threshold(ctx.claimThreshold), ...(sentenceIndexes ? { sentenceIndexes } : {}) },
    );
    return {
      articleId: result.article.id,
      title: result.article.title,
      created: result.created,
      claimCount: result.claimCount,
    };
  }),
});
