import { DomainError } from "@factdesk/schema";
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { fetchAddress, type TFetchRules } from "../fetcher";

export interface TFetchedArticle {
  title: string;
  text: string;
  url: string;
  author: string | null;
  outlet: string | null;
  publishedAt: Date | null;
}

/** The readable article in an HTML page: title, text, byline, site and date when present. */
export function extractArticle(html: string, url?: string): Omit<TFetchedArticle, "url"> {
  const { document } = parseHTML(html);
  const meta = (name: string) =>
    document
      .querySelector(`meta[property="${name}"], meta[name="${name}"]`)
      ?.getAttribute("content")
      ?.trim() || null;
  const parsed = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0]).parse();
  const raw: string = parsed?.textContent ?? document.body?.textContent ?? "";
  const text = raw
    .split(/\n\s*\n+/)
    .map((paragraph: string) => paragraph.replace(/\s+/g, " ").trim())
    .filter(Boolean)
    .join("\n\n");
  const published = meta("article:published_time") ?? meta("date");
  const date = published ? new Date(published) : null;
  const outlet = parsed?.siteName?.trim() || meta("og:site_name") || (url ? new URL(url).hostname : null);
  const title =
    parsed?.title?.trim() ||
    meta("og:title") ||
    document.querySelector("h1")?.textContent?.replace(/\s+/g, " ").trim() ||
    document.title ||
    (url ?? "Untitled");
  const siteSuffix = outlet
    ? [" | ", " - ", " – ", " — "].map((sep) => sep + outlet).find((s) => title.endsWith(s))
    : undefined;
  return {
    // "Headline | Site" → "Headline"
    title: siteSuffix ? title.slice(0, -siteSuffix.length) : title,
    text,
    author: parsed?.byline?.trim() || meta("author"),
    outlet,
    publishedAt: date && !Number.isNaN(date.getTime()) ? date : null,
  };
}

/** Fetches a page through the one fetcher (its address rules, deadline and size cap) and extracts its article. */
export async function fetchArticle(address: string, rules: TFetchRules): Promise<TFetchedArticle> {
  const response = await fetchAddress(address, { headers: { accept: "text/html,text/plain;q=0.9" } }, rules);
  const url = new URL(response.url);
  if (response.status >= 300 && response.status < 400)
    throw new DomainError(
      "BAD_REQUEST",
      `The page answered ${response.status} without saying where it moved.`,
    );
  if (response.status !== 200) throw new DomainError("BAD_REQUEST", `The page answered ${response.status}.`);
  if (response.type.startsWith("text/plain")) {
    return {
      title: url.pathname.split("/").pop() || url.hostname,
      text: response.body,
      url: response.url,
      author: null,
      outlet: url.hostname,
      publishedAt: null,
    };
  }
  if (!response.type.includes("html"))
    throw new DomainError(
      "BAD_REQUEST",
      `The page is ${response.type || "of an unknown type"}, not HTML or text.`,
    );
  return { ...extractArticle(response.body, response.url), url: response.url };
}
