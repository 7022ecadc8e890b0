import * as chrono from "chrono-node";
import { parse as parseCsv } from "csv-parse/sync";

/** One past fact-check, as the archive stores it. */
export interface TFactCheckRecord {
  claimText: string;
  title: string | null;
  claimant: string | null;
  rating: string | null;
  /** 0 = the scale's worst rating, 1 = its best; null when the scale is unknown or broken. */
  ratingPosition: number | null;
  url: string | null;
  publisher: string | null;
  /** YYYY-MM-DD */
  reviewedOn: string | null;
}

export interface TParsedFactChecks {
  records: TFactCheckRecord[];
  /** Entries that could not be used, with the reason (1-based entry or line numbers). */
  skipped: { at: number; reason: string }[];
}

/** Longer "claims" are whole articles pasted into the wrong field; the archive keeps sentences. */
const MAX_CLAIM_LENGTH = 2000;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null;
const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);

function str(value: unknown): string | null {
  const v = first(value);
  if (typeof v === "number") return String(v);
  if (typeof v !== "string") return null;
  const trimmed = v.replace(/\s+/g, " ").trim();
  return trimmed === "" ? null : trimmed;
}

function num(value: unknown): number | null {
  const v = first(value);
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : Number.NaN;
  return Number.isFinite(n) ? n : null;
}

/** A calendar date from ISO or from the prose dates publishers emit ("Sun, 23 Feb 2020"). */
export function parseLooseDate(value: unknown): string | null {
  const text = str(value);
  if (!text) return null;
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  // Only dates that name their year: "last week" is relative to a reading date we do not know.
  if (!/\b\d{4}\b/.test(text)) return null;
  const found = chrono.parse(text)[0]?.start;
  if (!found) return null;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${found.get("year")}-${pad(found.get("month") ?? 1)}-${pad(found.get("day") ?? 1)}`;
}

/** An absolute http(s) URL, resolving a relative one against `base` when there is one. */
function httpUrl(value: unknown, base?: string | null): string | null {
  const text = str(value);
  if (!text) return null;
  try {
    const url = base ? new URL(text, base) : new URL(text);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/** Drops a quotation mark left unbalanced at either end ("“People of colour…"). */
function tidyClaim(text: string): string {
  let t = text;
  const opens = (t.match(/[“"]/g) ?? []).length;
  const closes = (t.match(/[”"]/g) ?? []).length;
  if (/^[“"]/.test(t) && opens + closes === 1) t = t.slice(1);
  if (/[”"]$/.test(t) && opens + closes === 1) t = t.slice(0, -1);
  return t.trim();
}

/**
 * Where a rating sits on its scale. Publishers send numbers as strings, leave out worstRating
 * (schema.org's defaults are 1 and 5) and sometimes invert the scale (best 0, worst 5): the
 * position is measured from worst towards best either way. Values off the scale give null.
 */
export function ratingPosition(rating: Json): number | null {
  const value = num(rating.ratingValue);
  if (value === null) return null;
  const best = num(rating.bestRating) ?? 5;
  const worst = num(rating.worstRating) ?? 1;
  if (best === worst) return null;
  const position = (value - worst) / (best - worst);
  return position >= 0 && position <= 1 ? Math.round(position * 1000) / 1000 : null;
}

/**
 * Ratings given in words only (a spreadsheet's "False", a ClaimReview with no numbers) placed
 * on the same scale, from the wording desks commonly use (PolitiFact, Snopes, Full Fact, AFP,
 * the Washington Post's Pinocchios). The more specific wording is tried first; anything else
 * (satire, unproven, a desk's own phrase) has no position.
 */
const ratingWords: [RegExp, number][] = [
  [/pants on fire|fabricated|\bfake\b|\bhoax\b|\bscam\b|four pinocchios/, 0],
  [/mostly false|largely false|mostly inaccurate|three pinocchios/, 0.25],
  [/mostly true|largely true|mostly accurate|mostly correct|one pinocchio/, 0.75],
  [
    /half[- ]true|mixture|\bmixed\b|partly (true|false|correct)|partially (true|false|correct)|two pinocchios/,
    0.5,
  ],
  [/missing context|lacks context|needs context/, 0.4],
  [/misleading|distorted|exaggerat|out of context|cherry[- ]pick/, 0.3],
  [/\bfalse\b|incorrect|inaccurate|untrue|not true|\bwrong\b|baseless/, 0.1],
  [/^(true|correct|accurate)\b|geppetto/, 1],
];

export function ratingPositionOfWords(rating: string | null | undefined): number | null {
  const words = rating?.trim().toLowerCase();
  if (!words) return null;
  return ratingWords.find(([pattern]) => pattern.test(words))?.[1] ?? null;
}

function typesOf(node: Json): string[] {
  const type = node["@type"];
  return (Array.isArray(type) ? type : [type]).filter((t): t is string => typeof t === "string");
}

/** Every ClaimReview anywhere in a document: top level, arrays, @graph, DataFeed items, MediaReview. */
function findClaimReviews(node: unknown, found: Json[] = [], depth = 0): Json[] {
  if (depth > 12) return found;
  if (Array.isArray(node)) {
    for (const item of node) findClaimReviews(item, found, depth + 1);
  } else if (isObject(node)) {
    if (typesOf(node).some((t) => t.replace(/^.*[/:]/, "") === "ClaimReview")) found.push(node);
    else for (const value of Object.values(node)) findClaimReviews(value, found, depth + 1);
  }
  return found;
}

function fromClaimReview(review: Json): TFactCheckRecord | string {
  const item = isObject(first(review.itemReviewed)) ? (first(review.itemReviewed) as Json) : {};
  const claimText = str(review.claimReviewed) ?? str(item.description) ?? str(item.name);
  if (!claimText) return "no claimReviewed";
  if (claimText.length > MAX_CLAIM_LENGTH) return `claimReviewed longer than ${MAX_CLAIM_LENGTH} characters`;
  const author = isObject(first(review.author)) ? (first(review.author) as Json) : {};
  const rating = isObject(first(review.reviewRating)) ? (first(review.reviewRating) as Json) : {};
  const claimantNode = first(item.author);
  const value = num(rating.ratingValue);
  const best = num(rating.bestRating) ?? 5;
  const publisherUrl = httpUrl(author.url);
  const words = str(rating.alternateName) ?? str(rating.name);
  return {
    claimText: tidyClaim(claimText),
    title: str(review.name) ?? str(review.headline),
    claimant: isObject(claimantNode) ? str(claimantNode.name) : str(claimantNode),
    rating: words ?? (value !== null ? `${value}/${best}` : null),
    ratingPosition: ratingPosition(rating) ?? ratingPositionOfWords(words),
    url: httpUrl(review.url, publisherUrl),
    publisher:
      str(author.name) ?? (publisherUrl ? new URL(publisherUrl).hostname.replace(/^www\./, "") : null),
    reviewedOn: parseLooseDate(review.datePublished),
  };
}

/**
 * Google Fact Check Tools' `claims:search` answers (one, or a list of pages): each claim's
 * reviews, as Factdesk's own /api/v1/claims:search also gives them.
 */
function fromFactCheckTools(document: unknown): (TFactCheckRecord | string)[] {
  const pages = (Array.isArray(document) ? document : [document]).filter(isObject);
  return pages.flatMap((page) =>
    (Array.isArray(page.claims) ? page.claims : []).filter(isObject).flatMap((claim) =>
      (Array.isArray(claim.claimReview) ? claim.claimReview : []).filter(isObject).map((review) => {
        const claimText = str(claim.text);
        if (!claimText) return "a claim without text";
        if (claimText.length > MAX_CLAIM_LENGTH)
          return `claim text longer than ${MAX_CLAIM_LENGTH} characters`;
        const publisher = isObject(review.publisher) ? review.publisher : {};
        const rating = str(review.textualRating);
        return {
          claimText: tidyClaim(claimText),
          title: str(review.title),
          claimant: str(claim.claimant),
          rating,
          ratingPosition: ratingPositionOfWords(rating),
          url: httpUrl(review.url),
          publisher: str(publisher.name) ?? str(publisher.site),
          reviewedOn: parseLooseDate(review.reviewDate),
        };
      }),
    ),
  );
}

/** Past fact-checks from ClaimReview JSON or JSON-LD, however the publisher wrapped them. */
export function parseClaimReviewJson(text: string): TParsedFactChecks {
  let document: unknown;
  try {
    document = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    return { records: [], skipped: [{ at: 0, reason: `not JSON: ${(error as Error).message}` }] };
  }
  const reviews = findClaimReviews(document);
  const toolsReviews = reviews.length ? [] : fromFactCheckTools(document);
  if (reviews.length === 0 && toolsReviews.length === 0)
    return { records: [], skipped: [{ at: 0, reason: "no ClaimReview found" }] };
  const result: TParsedFactChecks = { records: [], skipped: [] };
  const records: (TFactCheckRecord | string)[] = reviews.length ? reviews.map(fromClaimReview) : toolsReviews;
  records.forEach((record, index) => {
    if (typeof record === "string") result.skipped.push({ at: index + 1, reason: record });
    else result.records.push(record);
  });
  return result;
}

/** Column names a spreadsheet may use for each field (compared lower-case, without spaces or _). */
const columnAliases: Record<keyof TFactCheckRecord, string[]> = {
  claimText: ["text", "claim", "claimtext", "claimreviewed", "statement", "vclaim"],
  title: ["title", "headline"],
  claimant: ["claimant", "speaker", "author", "source"],
  rating: ["rating", "verdict", "truthlabel", "label", "ruling", "alternatename"],
  ratingPosition: [],
  url: ["url", "link", "factcheckurl"],
  publisher: ["publisher", "organisation", "organization", "outlet"],
  reviewedOn: ["date", "datepublished", "published", "reviewed", "reviewdate"],
};

/**
 * Past fact-checks from a CSV or TSV with a header row (text, rating, url, date; also title,
 * claimant, publisher). The delimiter is whichever of tab, comma or semicolon the header uses.
 */
export function parseFactCheckTable(text: string, { baseUrl }: { baseUrl?: string } = {}): TParsedFactChecks {
  const header = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  const delimiter = ["\t", ",", ";"].sort((a, b) => header.split(b).length - header.split(a).length)[0];
  const key = (name: string) => name.toLowerCase().replace(/[\s_-]/g, "");
  let rows: Record<string, string>[];
  try {
    rows = parseCsv(text, {
      bom: true,
      delimiter,
      columns: (names: string[]) => names.map(key),
      relax_column_count: true,
      relax_quotes: delimiter === "\t",
      quote: delimiter === "\t" ? false : '"',
      skip_empty_lines: true,
      trim: true,
    });
  } catch (error) {
    return { records: [], skipped: [{ at: 0, reason: `unreadable table: ${(error as Error).message}` }] };
  }
  const columns = Object.keys(rows[0] ?? {});
  const column = (field: keyof TFactCheckRecord) =>
    columnAliases[field].find((alias) => columns.includes(alias));
  const textColumn = column("claimText");
  if (!textColumn) {
    return {
      records: [],
      skipped: [{ at: 1, reason: `no claim text column (one of: ${columnAliases.claimText.join(", ")})` }],
    };
  }
  const result: TParsedFactChecks = { records: [], skipped: [] };
  const cell = (row: Record<string, string>, field: keyof TFactCheckRecord) => {
    const name = column(field);
    return name ? str(row[name]) : null;
  };
  for (const [index, row] of rows.entries()) {
    const claimText = cell(row, "claimText");
    const line = index + 2;
    if (!claimText) {
      result.skipped.push({ at: line, reason: "empty claim text" });
      continue;
    }
    if (claimText.length > MAX_CLAIM_LENGTH) {
      result.skipped.push({ at: line, reason: `claim longer than ${MAX_CLAIM_LENGTH} characters` });
      continue;
    }
    result.records.push({
      claimText: tidyClaim(claimText),
      title: cell(row, "title"),
      claimant: cell(row, "claimant"),
      rating: cell(row, "rating"),
      ratingPosition: ratingPositionOfWords(cell(row, "rating")),
      url: httpUrl(cell(row, "url"), baseUrl),
      publisher: cell(row, "publisher"),
      reviewedOn: parseLooseDate(cell(row, "reviewedOn")),
    });
  }
  return result;
}

export const factCheckFormats = ["claimreview", "table"] as const;
export type TFactCheckFormat = (typeof factCheckFormats)[number];

/** Past fact-checks from a file's text: ClaimReview when it is JSON, else a CSV/TSV table. */
export function parseFactCheckFile(
  text: string,
  { format, baseUrl }: { format?: TFactCheckFormat | undefined; baseUrl?: string | undefined } = {},
): TParsedFactChecks {
  const json = format ? format === "claimreview" : /^\s*[[{]/.test(text.replace(/^\uFEFF/, ""));
  return json ? parseClaimReviewJson(text) : parseFactCheckTable(text, baseUrl ? { baseUrl } : {});
}
