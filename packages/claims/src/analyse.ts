import { findClaimant } from "./attribution";
import { CHECKWORTHY_THRESHOLD, scoreCheckWorthinessAll, type TScoringOptions } from "./checkworthiness";
import { cleanArticle } from "./clean";
import { splitSentences } from "./sentences";

/** Every sentence of a clean text with its offsets, score, reasons and claimant. */
export async function scoreSentences(
  text: string,
  threshold = CHECKWORTHY_THRESHOLD,
  options: TScoringOptions = {},
) {
  const sentences = splitSentences(text);
  const scored = await scoreCheckWorthinessAll(
    sentences.map((sentence) => sentence.text),
    options,
  );
  return sentences.map((sentence, index) => {
    const { score, reasons } = scored[index] as { score: number; reasons: string[] };
    return {
      index,
      ...sentence,
      score,
      reasons,
      claimant: findClaimant(sentence.text),
      suggested: score >= threshold,
    };
  });
}

/**
 * An article as intake sees it: the clean text (offsets point into it), what was dropped
 * as boilerplate, and each sentence scored. The app's preview and ingest and the CLI's
 * `extract` all read articles through here.
 */
export async function analyseArticle(
  raw: string,
  {
    title = "",
    threshold = CHECKWORTHY_THRESHOLD,
    ...options
  }: TScoringOptions & { title?: string; threshold?: number } = {},
) {
  const { text, removed } = cleanArticle(raw, { title });
  return { text, removed, sentences: await scoreSentences(text, threshold, options) };
}
