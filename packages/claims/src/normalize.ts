/**
 * Text used for matching, not display: NFKC, straight quotes, one space, lower case.
 * Display text keeps the author's characters; this is only what search compares.
 */
export function normalizeForMatching(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/[\u2018\u2019\u201A\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"')
    .replace(/[\u2013\u2014]/g, "-")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

const links = /(?:https?:\/\/|pic\.twitter\.com\/|www\.)\S*/gu;

/**
 * "#ScarfaceRemake" → "Scarface Remake", "@LindseyGrahamSC" → "Lindsey Graham SC": a word
 * break before each capital that follows a small letter, unless what precedes is a short
 * prefix of a name ("DiCaprio", "McDonald", "LeBron" stay whole), and between letters and digits.
 */
function splitTag(tag: string) {
  return tag
    .replace(/(?<=\p{Ll})(?=\p{Lu})/gu, (_, offset: number, whole: string) =>
      /(?:^|\s|\p{Ll})\p{Lu}\p{Ll}$/u.test(whole.slice(Math.max(0, offset - 3), offset)) ? "" : " ",
    )
    .replace(/(?<=\p{L})(?=\p{N})|(?<=\p{N})(?=\p{L})/gu, " ")
    .replace(/_/g, " ");
}

/**
 * A social-media post as the words it says, for finding what it repeats: links go; handles
 * and hashtags become words ("#SixFlags" → "Six Flags", "@realDonaldTrump" → "real Donald
 * Trump"). An embedded post's signature stays: who posted it helps find what they said (on the
 * CLEF 2021 train tweets, dropping it lost 0.03 MAP@5). Prose keeps its words.
 */
export function postWords(text: string): string {
  return (
    text
      .replace(links, " ")
      // An e-mail address stays as written; handles may be glued ("@AnaKasparian@cenkuygur").
      .replace(
        /((?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.-]*\w)|[#@]([\p{L}\p{N}_]+)/gu,
        (_, email: string | undefined, tag: string | undefined, offset: number, whole: string) =>
          email ?? `${/[\p{L}\p{N}]/u.test(whole[offset - 1] ?? "") ? " " : ""}${splitTag(tag ?? "")}`,
      )
      .replace(/\s+/gu, " ")
      .trim()
  );
}

const months = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];

/**
 * The day an embedded post was made, from the signature it is copied with ("— Ilhan Omar
 * (@IlhanMN) January 5, 2020"), as YYYY-MM-DD; null without one.
 */
export function postDate(text: string): string | null {
  const signed = /—[^—]*?\b(\p{L}+) (\d{1,2}), (\d{4})\s*$/u.exec(text);
  if (!signed) return null;
  const name = (signed[1] ?? "").toLowerCase();
  const month = name.length >= 3 ? months.findIndex((m) => m.startsWith(name)) : -1;
  const day = new Date(Date.UTC(Number(signed[3]), month, Number(signed[2])));
  return month >= 0 && day.getUTCDate() === Number(signed[2]) ? day.toISOString().slice(0, 10) : null;
}
