import * as chrono from "chrono-node";
import { monthPattern, weekdayPattern } from "./clean";

/** What an article's own lines say about it, where the page did not say it in markup. */
export interface TArticleMetadata {
  author: string | null;
  outlet: string | null;
  publishedAt: Date | null;
}

/** How far into an article its byline or dateline may be (a title, a standfirst, then it). */
const HEAD_LINES = 12;
/** How far into a line a credit line may start (after a title glued to it). */
const CREDIT_CHARS = 400;

/** A capitalised name word: "Jane", "O'Neill", "McDonald", "Smith-Jones", "J.". */
const nameWord = "(?:Mc|Mac|O['’]|D['’])?\\p{Lu}\\p{Ll}*(?:-\\p{Lu}\\p{Ll}*)*\\.?";
const name = `${nameWord}(?:\\s+(?:${nameWord}|van|von|de|da|del|la|bin|al-?)){0,4}`;
const date = `(?:${weekdayPattern},?\\s+)?(?:${monthPattern}\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}|\\d{1,2}\\s+${monthPattern},?\\s+\\d{4})`;
/** A word with its first letter in either case (names stay case-sensitive, so no `i` flag). */
const either = (words: string[]) =>
  words.map((w) => `[${w[0]?.toUpperCase()}${w[0]}]${w.slice(1)}`).join("|");
const role = `(?:(?:${either(["senior", "chief", "special", "foreign", "political", "staff"])})\\s+)*(?:${either(["reporters?", "correspondents?", "editors?", "writers?", "journalists?", "contributors?"])})`;

/** "By Jane Doe, Staff Reporter | 14 March 2025", "Posted by A and B". */
const byline = new RegExp(
  `^(?:${either(["by", "posted by", "written by"])})\\s+(${name}(?:\\s*(?:,|and|&)\\s*${name})*?)(?=\\s*(?:$|[|•·]|,\\s*${role}\\b|,?\\s+${role}\\b|,\\s*(?:${date})|,?\\s*(?:${either(["updated", "published"])})\\b))`,
  "u",
);
/** "Robert Fantina, Counter Punch, August 02 2019": author, outlet, date (even glued to a title). */
const creditLine = new RegExp(
  `(?<!\\p{Lu})(${name}),\\s+(\\p{Lu}[\\p{L}&'’.-]*(?:\\s+\\p{Lu}[\\p{L}&'’.-]*){0,4}),\\s+(${date})`,
  "u",
);
const datelineOnly = new RegExp(`^${date}$`, "iu");
const dateIn = new RegExp(date, "iu");

const parseDate = (text: string | undefined) => {
  if (!text) return null;
  const parsed = chrono.strict.parseDate(text.replace(/(\d)(st|nd|rd|th)\b/, "$1"), new Date(0), {
    forwardDate: false,
  });
  // At noon UTC: the day stays the same day in every newsroom's time zone.
  return parsed ? new Date(Date.UTC(parsed.getFullYear(), parsed.getMonth(), parsed.getDate(), 12)) : null;
};

/**
 * The author, outlet and date an article's first lines give: a byline ("By …, Staff
 * Reporter | 14 March 2025"), a credit line ("Robert Fantina, Counter Punch, August 02
 * 2019"), or a dateline on its own ("Friday, November 13, 2020"). Null where none says.
 */
export function articleMetadata(text: string): TArticleMetadata {
  const found: TArticleMetadata = { author: null, outlet: null, publishedAt: null };
  const head = text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .slice(0, HEAD_LINES);
  for (const line of head) {
    const byLine = byline.exec(line);
    if (byLine && !found.author) {
      found.author = (byLine[1] ?? "").trim();
      found.publishedAt ??= parseDate(dateIn.exec(line.slice(byLine[0].length))?.[0]);
      continue;
    }
    // A credit line opens its paragraph: a long line (a whole article on one line) is not searched further.
    const credit = creditLine.exec(line.slice(0, CREDIT_CHARS));
    if (credit && !found.author) {
      found.author = credit[1] ?? null;
      found.outlet = credit[2] ?? null;
      found.publishedAt ??= parseDate(credit[3]);
      continue;
    }
    if (datelineOnly.test(line)) found.publishedAt ??= parseDate(line);
  }
  return found;
}

/** Just the person's name from a byline as pages mark it up ("By Jane Doe, Staff Reporter"). */
export function authorFromByline(text: string | null | undefined): string | null {
  const trimmed = text?.trim();
  if (!trimmed) return null;
  const parsed = byline.exec(/^(by|posted by|written by)\s/i.test(trimmed) ? trimmed : `By ${trimmed}`);
  return parsed?.[1]?.trim() ?? trimmed;
}
