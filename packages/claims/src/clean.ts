/**
 * Cleaning before anything else: Unicode normalised, common mojibake repaired, web
 * boilerplate dropped. Rules are data: each has a name (reported for every line it removes)
 * and a test on one trimmed line, or on a line with its neighbours.
 */

// UTF-8 read as Windows-1252 / Latin-1, as it appears on scraped pages.
const mojibake: [string, string][] = [
  ["â€™", "’"],
  ["â€˜", "‘"],
  ["â€œ", "“"],
  ["â€\u009d", "”"],
  ["â€", "”"],
  ["â€”", "—"],
  ["â€“", "–"],
  ["â€¦", "…"],
  ["Ã©", "é"],
  ["Ã¨", "è"],
  ["Ã¡", "á"],
  ["Ã­", "í"],
  ["Ã³", "ó"],
  ["Ãº", "ú"],
  ["Ã±", "ñ"],
  ["Ã¶", "ö"],
  ["Ã¼", "ü"],
  ["Ã¤", "ä"],
  ["Ã§", "ç"],
  ["Ã ", "à"],
  ["Ʊ", "ñ"],
  ["Â ", " "],
];

/** NFC, one kind of space, no invisible characters, repaired mojibake. */
export function normalizeText(text: string): string {
  let result = text.replace(/\r\n?/g, "\n");
  for (const [broken, fixed] of mojibake) result = result.replaceAll(broken, fixed);
  return result
    .normalize("NFC")
    .replace(/[\u00a0\u2007\u202f\u2009\u200a]/g, " ")
    .replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, "")
    .replace(/[ \t]+/g, " ");
}

interface LineRule {
  name: string;
  /** Drop this line? `context` has the neighbouring lines and the article title. */
  test: (line: string, context: { previous: string; next: string; title: string }) => boolean;
}

const words = (line: string) => line.split(/\s+/).filter(Boolean).length;
/** A weekday's name, as a regular expression's source. */
export const weekdayPattern = "(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day";
/** A month's name or abbreviation, as a regular expression's source. */
export const monthPattern =
  "(Jan(uary)?|Feb(ruary)?|Mar(ch)?|Apr(il)?|May|June?|July?|Aug(ust)?|Sep(t(ember)?)?|Oct(ober)?|Nov(ember)?|Dec(ember)?)\\.?";
/** A headline-like line: short, no sentence punctuation at the end. */
const titleLike = (line: string) => line.length > 0 && words(line) <= 16 && !/[.!?:;"”’)]$/.test(line);
const truncated = (line: string) => /(\.\.\.|…)$/.test(line);
/** A date and then a cut-in opening: ", August 02 2019:… ". */
const EXCERPT_CHARS = 1_000;
const excerptCredit = new RegExp(`\\b${monthPattern}\\s+\\d{1,2},?\\s+\\d{4}\\s*:\\s*(…|\\.\\.\\.)`, "i");

export const lineRules: LineRule[] = [
  {
    name: "cookie notice",
    test: (l) =>
      /\b(uses?|using) cookies\b|\bcookie (policy|settings|consent)\b|\baccept (all )?cookies\b/i.test(l),
  },
  {
    name: "comment form",
    test: (l) =>
      /^leave a (reply|comment)\b|your email address will not be published|required fields are marked|^(post|submit) comment$|^(name|email|website|comment)\s*\*?$/i.test(
        l,
      ),
  },
  { name: "captcha arithmetic", test: (l) => /^[\d\s]*[+\-×x*]\s*\d+\s*=\s*\d*\s*$/.test(l) && /=/.test(l) },
  { name: "rating widget", test: (l) => /^user reviews?$|^\d+(\.\d+)?\s*\(\d+ votes?\)$/i.test(l) },
  {
    name: "image caption",
    test: (l) =>
      /^\(?(related image|image result for\b.*|(photo|image|picture|video)s?( credits?)?\s*:.*)\)?$/i.test(l),
  },
  {
    name: "also read",
    test: (l) =>
      /^(also read|read more|read also|see also|related( posts| articles| stories)?)\s*:?$/i.test(l) ||
      // A link to another story under a marker: "Also read: Budget 2025 in five charts".
      (words(l) <= 20 &&
        /^(also read|read more|read also|see also|related|recommended|more on this( story)?|you (may|might) also like|watch)\s*[:|–—-]\s*\S/i.test(
          l,
        )),
  },
  {
    name: "social buttons",
    test: (l) =>
      /^(?:(?:share|facebook|twitter|x|email|e-mail|print|whatsapp|linkedin|reddit|telegram|pinterest|messenger|copy link|comments?)(?:\s*[,|·•/]\s*|\s+|$))+$/i.test(
        l,
      ),
  },
  {
    name: "newsletter prompt",
    test: (l) =>
      words(l) <= 14 &&
      (/^(subscribe|sign up|get|join)\b.*\b(newsletter|briefing|bulletin|daily|weekly|alerts|updates)\b/i.test(
        l,
      ) ||
        /^follow us\b/i.test(l) ||
        /^(newsletter|subscribe( now)?)\s*[.!]?$/i.test(l)),
  },
  {
    name: "advertisement",
    test: (l) =>
      /^(advertisement|advertising|sponsored( content)?|story continues below( advertisement)?|scroll to continue( with content)?|ad)\s*$/i.test(
        l,
      ),
  },
  {
    name: "link to the source",
    test: (l) => /^(link to the source|source:?\s*source|source|sources)\s*:?$/i.test(l),
  },
  {
    name: "share prompt",
    test: (l) =>
      words(l) <= 8 &&
      /^(share( this( article| story)?)?|click to share\b.*|share on \w+|tweet( this)?|email this|print this)\s*:?$/i.test(
        l,
      ),
  },
  {
    name: "blog navigation",
    test: (l) => /^showing posts with label\b|^(older|newer) posts?$|^home$/i.test(l),
  },
  { name: "separator", test: (l) => /^[*\-_=•·~#]{3,}$/.test(l) },
  { name: "end marker", test: (l) => /^\(?(end|ends|###)\)?\.?$/i.test(l) },
  {
    name: "bare link",
    // Or with a few words of label: "News From Antiwar.com - http://… -", "Source: https://…".
    test: (l) =>
      /^(https?:\/\/|www\.)\S+$/i.test(l) ||
      (/\bhttps?:\/\/\S/i.test(l) &&
        l
          .replace(/\bhttps?:\/\/\S*/gi, "")
          .split(/\s+/)
          .filter((word) => /\p{L}/u.test(word)).length <= 4),
  },
  {
    name: "byline",
    test: (l) =>
      (words(l) <= 10 && /^(?:[Bb]y|[Pp]osted [Bb]y)\s+\p{Lu}/u.test(l)) ||
      // Longer bylines carry a role, a separator or the date: "By A and B, Staff Reporters | Updated …".
      (words(l) <= 24 &&
        /^(?:[Bb]y|[Pp]osted [Bb]y)\s+\p{Lu}/u.test(l) &&
        // Not a sentence that starts with a time: "By March 2025, unemployment had fallen …".
        !/[.!?]$/.test(l) &&
        !new RegExp(`^by\\s+(${monthPattern}|\\d)\\b`, "i").test(l) &&
        new RegExp(
          `[|•·]|\\b(reporters?|correspondents?|editors?|writers?|staff|updated|published)\\b|\\b${monthPattern}\\b`,
          "iu",
        ).test(l)) ||
      /^(?:\p{Lu}[\p{L}.'-]+\s){1,4}(?:[Ss]taff [Ww]riters?|[Cc]orrespondents?)$/u.test(l) ||
      /contributed to this report\.?$/i.test(l) ||
      /^(previously\s+)?published (in|by|at) the\b/i.test(l) ||
      /^the (whole|full) article is (at|on)\b/i.test(l),
  },
  {
    name: "dateline",
    test: (l) =>
      new RegExp(`^(${weekdayPattern},?\\s+)?${monthPattern}\\s+\\d{1,2},?\\s+\\d{4}(;\\s*\\w+)?$`, "i").test(
        l,
      ),
  },
  {
    name: "repeated title",
    test: (l, { title }) => title !== "" && l.replace(/[‘’'"“”]/g, "") === title.replace(/[‘’'"“”]/g, ""),
  },
  // A teaser of another post: a headline followed by a cut-off first sentence.
  {
    name: "teaser",
    test: (l, { previous, next }) =>
      (truncated(l) && titleLike(previous)) || (titleLike(l) && truncated(next)),
  },
  // An aggregator's excerpt of an article: its credit, then the opening cut in: "…, Counter
  // Punch, August 02 2019:… The oddly named …". A paragraph's length at most: a whole article
  // pasted as one line after such a credit is the article, not an excerpt of it.
  {
    name: "excerpt",
    test: (l) => l.length <= EXCERPT_CHARS && excerptCredit.test(l),
  },
];

/** The boilerplate rule a line meets on its own (without neighbours), if any: for titles. */
export const boilerplateRule = (line: string) =>
  lineRules.find((rule) => rule.test(line.trim(), { previous: "", next: "", title: "" }))?.name ?? null;

export interface TCleaned {
  text: string;
  removed: { rule: string; line: string }[];
}

/**
 * The article text without boilerplate, paragraphs kept (one blank line between them).
 * Lines repeated verbatim are kept once. After an "Also read" marker, the block of headline
 * links that follows goes too.
 */
export function cleanArticle(raw: string, { title = "" } = {}): TCleaned {
  const lines = normalizeText(raw)
    .split("\n")
    .map((line) => line.trim());
  const cleanTitle = normalizeText(title).trim();
  const removed: TCleaned["removed"] = [];
  const kept: string[] = [];
  const seen = new Set<string>();
  let inRelatedBlock = false;
  // A line's neighbours are the nearest lines with words: paragraphs are apart by blank lines.
  const previous: string[] = [];
  const next: string[] = [];
  lines.forEach((line, index) => {
    previous[index + 1] = line === "" ? (previous[index] ?? "") : line;
  });
  for (let index = lines.length - 1; index > 0; index--)
    next[index - 1] = lines[index] === "" ? (next[index] ?? "") : (lines[index] as string);

  lines.forEach((line, index) => {
    if (line === "") {
      if (kept.at(-1) !== "") kept.push("");
      return;
    }
    const context = { previous: previous[index] ?? "", next: next[index] ?? "", title: cleanTitle };
    const rule = lineRules.find((candidate) => candidate.test(line, context));
    if (rule?.name === "also read") inRelatedBlock = true;
    else if (inRelatedBlock && !titleLike(line) && !/^https?:/i.test(line)) inRelatedBlock = false;
    const reason = rule?.name ?? (inRelatedBlock ? "also read" : seen.has(line) ? "repeated line" : null);
    if (reason) {
      removed.push({ rule: reason, line });
      return;
    }
    seen.add(line);
    kept.push(line);
  });
  while (kept[0] === "") kept.shift();
  while (kept.at(-1) === "") kept.pop();
  return { text: kept.join("\n"), removed };
}
