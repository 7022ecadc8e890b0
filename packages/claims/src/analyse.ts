import { findClaimant } from "./attribution";
import { CHECKWORTHY_THRESHOLD, scoreCheckWorthiness } from "./checkworthiness";
import { cleanArticle } from "./clean";
import { splitSentences } from "./sentences";

/** Every sentence of a clean text with its offsets, score, reasons and claimant. */
export function scoreSentences(text: string, threshold = CHECKWORTHY_THRESHOLD) {
  return splitSentences(text).map((sentence, index) => {
    const { score, reasons } = scoreCheckWorthiness(sentence.text);
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
export function analyseArticle(raw: string, { title = "", threshold = CHECKWORTHY_THRESHOLD } = {}) {
  const { text, removed } = cleanArticle(raw, { title });
  return { text, removed, sentences: scoreSentences(text, threshold) };
}
