import { micromark } from "micromark";
import { gfm, gfmHtml } from "micromark-extension-gfm";

/**
 * Markdown (CommonMark + GitHub tables, strikethrough, autolinks) to HTML that is safe to
 * insert: raw HTML in the source is escaped, and links and images with dangerous protocols
 * (javascript:, data: …) lose their URL. Used for the preview and the public pages alike.
 */
export function renderMarkdown(markdown: string): string {
  return micromark(markdown, {
    allowDangerousHtml: false,
    allowDangerousProtocol: false,
    extensions: [gfm()],
    htmlExtensions: [gfmHtml()],
  });
}
