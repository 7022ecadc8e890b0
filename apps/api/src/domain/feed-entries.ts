import { extractFromJson, extractFromXml } from "@extractus/feed-extractor";
import { XMLParser } from "fast-xml-parser";

/** One item a feed lists: a stable key (its guid, else its address), where it is, its title. */
export interface TFeedEntry {
  key: string;
  url: string;
  title: string | null;
}

/** Items read per poll: a feed's newest; older ones were seen before or are not news. */
export const ENTRIES_PER_POLL = 50;

const asArray = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];
const isWeb = (url: string | undefined): url is string => {
  try {
    return !!url && ["http:", "https:"].includes(new URL(url).protocol);
  } catch {
    return false;
  }
};

/**
 * The items of a feed, whatever kind it is: RSS, Atom and RDF, JSON Feed, or an XML sitemap
 * (news sitemaps included). Only web addresses are kept; a text that is none of these throws.
 */
export function feedEntries(body: string, type: string, baseUrl: string): TFeedEntry[] {
  const text = body.trimStart();
  const entries: TFeedEntry[] = [];
  if (type.includes("json") || text.startsWith("{")) {
    for (const entry of extractFromJson(text, { baseUrl }).entries ?? [])
      if (isWeb(entry.link))
        entries.push({ key: entry.id || entry.link, url: entry.link, title: entry.title ?? null });
  } else if (/<(urlset|sitemapindex)[\s>]/.test(text)) {
    const parsed = new XMLParser({ ignoreAttributes: true }).parse(text) as {
      urlset?: { url?: { loc?: string; "news:news"?: { "news:title"?: string } } | { loc?: string }[] };
    };
    for (const item of asArray(
      parsed.urlset?.url as { loc?: string; "news:news"?: { "news:title"?: string } }[],
    )) {
      const url = typeof item.loc === "string" ? item.loc.trim() : undefined;
      if (isWeb(url)) entries.push({ key: url, url, title: item["news:news"]?.["news:title"] ?? null });
    }
  } else {
    for (const entry of extractFromXml(text, { baseUrl }).entries ?? [])
      if (isWeb(entry.link))
        entries.push({ key: entry.id || entry.link, url: entry.link, title: entry.title ?? null });
  }
  return entries.slice(0, ENTRIES_PER_POLL);
}
