import { detectLanguage } from "@factdesk/claims";
import {
  ZArticleIngestInput,
  ZArticleLanguageInput,
  ZArticleListInput,
  ZArticlePreviewInput,
} from "@factdesk/schema";
import {
  articleFromText,
  ingestArticle,
  listArticles,
  previewArticle,
  setArticleLanguage,
  type TArticleInput,
  withMetadata,
} from "../../domain/articles";
import { fetchArticle } from "../../domain/fetch-article";
import type { TContext } from "../init";
import { authedProcedure, router, spending } from "../init";

/** The article to read: given text (HTML extracted), else the page at `url`. */
async function readSource(
  ctx: TContext,
  input: { title?: string | null; text?: string | null; url?: string | null },
): Promise<TArticleInput> {
  if (input.text?.trim()) return articleFromText(input.text, { title: input.title ?? "", url: input.url });
  const { text, ...fetched } = await fetchArticle(input.url ?? "", ctx.config.fetch);
  return withMetadata({ ...fetched, title: input.title || fetched.title, body: text });
}

export const articleRouter = router({
  list: authedProcedure.input(ZArticleListInput).query(({ ctx, input }) => listArticles(ctx.db, input)),
  // A mutation only because article text is too large for a URL; it writes nothing.
  preview: spending("ingest")
    .input(ZArticlePreviewInput)
    .mutation(async ({ ctx, input }) => {
      const source = await readSource(ctx, input);
      return {
        title: source.title,
        // What the article says of itself, for the form to offer where it is empty.
        author: source.author ?? null,
        outlet: source.outlet ?? null,
        publishedAt: source.publishedAt?.toISOString() ?? null,
        language: detectLanguage(source.body),
        ...(await previewArticle(source, { threshold: ctx.config.claimThreshold })),
      };
    }),
  setLanguage: authedProcedure
    .input(ZArticleLanguageInput)
    .mutation(({ ctx, input }) => setArticleLanguage(ctx.db, ctx.jobs, ctx.user, input)),
  ingest: spending("ingest")
    .input(ZArticleIngestInput)
    .mutation(async ({ ctx, input }) => {
      const source = await readSource(ctx, input);
      const { sentenceIndexes, publishedAt } = input;
      const result = await ingestArticle(
        ctx.db,
        ctx.jobs,
        {
          title: source.title,
          body: source.body,
          url: source.url,
          outlet: input.outlet ?? source.outlet ?? null,
          author: input.author ?? source.author ?? null,
          publishedAt: publishedAt ? new Date(publishedAt) : (source.publishedAt ?? null),
          language: input.language,
        },
        ctx.user.id,
        { threshold: ctx.config.claimThreshold, ...(sentenceIndexes ? { sentenceIndexes } : {}) },
      );
      return {
        articleId: result.article.id,
        title: result.article.title,
        created: result.created,
        claimCount: result.claimCount,
      };
    }),
});
