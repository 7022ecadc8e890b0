import * as chrono from "chrono-node";
import { speechVerbs } from "./attribution";

/**
 * The day a claim was made, when its sentence says so: "said Monday", "told officials during a
 * meeting in Baghdad on Saturday", "On April 1, 2017, Bolton addressed …". Only a date tied to
 * the act of saying counts: "said the bombing on 28 June 1981 killed …" dates the bombing, not
 * the statement. Weekdays and dates without a year are read against the article's date (the
 * most recent such day on or before it); without that date only a full date counts.
 * Returns an ISO calendar date ("2019-08-05") or null.
 */
export function claimDateOf(sentence: string, articleDate: Date | null): string | null {
  const reference = articleDate ?? new Date();
  const results = chrono.parse(sentence, { instant: reference, timezone: 0 }, { forwardDate: false });
  for (const result of results) {
    const end = result.index + result.text.replace(/[\s,]+$/u, "").length;
    if (!saysADay(result) || !tiedToSaying(sentence, result.index, end)) continue;
    const known = result.start;
    if (!articleDate && !(known.isCertain("day") && known.isCertain("month") && known.isCertain("year")))
      continue;
    const day = onOrBefore(known.date(), reference, known);
    if (day) return day.toISOString().slice(0, 10);
  }
  return null;
}

const stated = new RegExp(`\\b(?:${speechVerbs}|addressed|spoke|tweeted|posted)\\b`, "giu");
/** Verbs whose audience may stand between them and the day: "told reporters on Monday". */
const addressing = /^(?:told|addressed|warned)$/iu;
const word = "[\\p{L}’'-]+";
/** Who was told: "reporters", "the BBC", "officials from neighboring countries". */
const audience = `(?:the\\s+)?${word}(?:\\s+from\\s+(?:${word}\\s+){0,2}${word})?`;
/** Where a statement is made: "in an interview", "during a meeting in Baghdad". */
const setting = `(?:in|at|during|on)\\s+(?:an?|the|his|her|their|its)\\s+(?:${word}\\s+){0,3}?(?:meeting|conference|interview|speech|briefing|hearing|statement|press\\s+conference|rally|summit|forum|session|debate|broadcast|podcast|post|tweet|video|letter|address|event)s?(?:\\s+(?:in|at)\\s+(?:the\\s+)?\\p{Lu}${word}(?:\\s+\\p{Lu}${word})*)?`;
const afterSaid = new RegExp(`^(?:${setting})?$`, "iu");
const afterTold = new RegExp(`^(?:${audience})?(?:\\s*${setting})?$`, "iu");
/** What may open a sentence before its day: "On", "In a speech on", "Earlier on". */
const opening = new RegExp(`^\\s*(?:${setting}\\s+)?(?:on|in|at|during|earlier|early|late)?\\s*$`, "iu");

/** A day: a date, a weekday, yesterday or today; never "last week" or a year alone. */
function saysADay(result: chrono.ParsedResult) {
  if (/\b(?:week|weekend|month|year|century|decade)s?\b/iu.test(result.text)) return false;
  const start = result.start;
  return start.isCertain("day") || start.isCertain("weekday");
}

/**
 * Whether the date at [start, end) says when the sentence's statement was made: right after a
 * speech verb ("said Monday", "said on 3 March"), after it across whom it was said to and where
 * ("told officials from neighboring countries during a meeting in Baghdad on Saturday"), or
 * opening the sentence with the speech verb soon after ("On April 1, 2017, Bolton addressed …").
 * Anything else between them is what was said, whose dates are not the statement's.
 */
function tiedToSaying(sentence: string, start: number, end: number) {
  for (const verb of sentence.matchAll(stated)) {
    const verbEnd = verb.index + verb[0].length;
    if (verbEnd <= start) {
      const between = sentence
        .slice(verbEnd, start)
        .replace(/\s*\bon\s*$/iu, "")
        .trim();
      if ((addressing.test(verb[0]) ? afterTold : afterSaid).test(between)) return true;
    } else if (verb.index >= end) {
      const after = sentence.slice(end, verb.index);
      if (opening.test(sentence.slice(0, start)) && /^\s*,\s*(?:[^\s,;:]+\s+){0,6}$/u.test(after))
        return true;
    }
  }
  return false;
}

/** The day itself if on or before the reference; a weekday or a yearless date goes back to its last occurrence. */
function onOrBefore(date: Date, reference: Date, known: chrono.ParsedComponents) {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const limit = Date.UTC(reference.getUTCFullYear(), reference.getUTCMonth(), reference.getUTCDate());
  if (day.getTime() <= limit) return day;
  if (!known.isCertain("day") && known.isCertain("weekday")) day.setUTCDate(day.getUTCDate() - 7);
  else if (!known.isCertain("year")) day.setUTCFullYear(day.getUTCFullYear() - 1);
  return day.getTime() <= limit ? day : null;
}
