import { z } from "zod";
import { limits, ZId, ZLanguage, ZText, ZWebAddress } from "./common";

/** Large enough for a long report; the request body limit is set to match. */
export const ARTICLE_TEXT_MAX = limits.articleText;
/**
 * Text (plain, Markdown or HTML), or a page address to fetch, or both (the text wins). Without
 * a title, the page's own is used, or a text's first line that is not boilerplate.
 */
const ZArticleSource = z
  .object({
    title: ZText(limits.articleTitle, "title").nullish(),
    text: z
      .string()
      .max(ARTICLE_TEXT_MAX, "The text is over 2 million characters; split it into parts.")
      .nullish(),
    url: ZWebAddress.nullish(),
  })
  .refine((input) => Boolean(input.text?.trim()) || Boolean(input.url), {
    message: "Paste or upload the article text, or give its web address.",
    path: ["text"],
  });
export const ZArticlePreviewInput = ZArticleSource;
export type TArticlePreviewInput = z.infer<typeof ZArticlePreviewInput>;
/** Articles to choose from in the queue: the newest, and the one already chosen. */
export const ZArticleListInput = z
  .object({ limit: z.number().int().min(1).max(500).default(100), include: ZId.optional() })
  .prefault({});
export const ZArticleIngestInput = z.intersection(
  ZArticleSource,
  z.object({
    outlet: ZText(limits.outlet, "outlet").nullish(),
    author: ZText(limits.author, "author").nullish(),
    publishedAt: z.iso.datetime({ offset: true, error: "Give the date as an ISO 8601 date-time." }).nullish(),
    /** The article's language (BCP 47, "es"); absent: detected from its text. */
    language: ZLanguage.optional(),
    /** Sentence indexes from the preview to turn into claims; absent: those above the threshold. */
    sentenceIndexes: z.array(z.number().int().min(0)).max(20_000).optional(),
  }),
);
export type TArticleIngestInput = z.infer<typeof ZArticleIngestInput>;

/** A correction of an article's language: its claims take it too (search and matching follow). */
export const ZArticleLanguageInput = z.object({ id: ZId, language: ZLanguage });
export type TArticleLanguageInput = z.infer<typeof ZArticleLanguageInput>;
