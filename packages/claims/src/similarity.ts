import { slotConflict, slotted, type TSlotted } from "./conflicts";
import { contentWords } from "./words";

/** What comparing a claim needs, worked out once per claim however many it is compared with. */
export interface TComparable {
  words: Set<string>;
  facts: Fact[];
  /** Years the text mentions, for telling figures of different times apart. */
  years: Set<string>;
  /** Places, nationalities, sides and negations, for conflicts that are not about numbers. */
  slots: TSlotted;
}

/**
 * Matching compares each new claim with its candidates, and the same candidates come up for
 * many claims: what a text needs for comparing is kept (a bounded map), as stems are.
 */
const kept = new Map<string, TComparable>();

export function comparable(text: string): TComparable {
  let found = kept.get(text);
  if (!found) {
    if (kept.size >= 5_000) kept.clear();
    found = Object.freeze(comparableOf(text));
    kept.set(text, found);
  }
  return found;
}

function comparableOf(text: string): TComparable {
  const words = contentWords(text);
  return {
    words: new Set(words),
    facts: facts(text),
    years: new Set(text.match(/\b(?:1[6-9]|20)\d{2}(?=s?\b)/g) ?? []),
    slots: slotted(text, words),
  };
}

/** Overlap of two claims' content words relative to the shorter one, in [0, 1]. */
export function similarityOf({ words: x }: TComparable, { words: y }: TComparable): number {
  if (x.size === 0 || y.size === 0) return 0;
  let shared = 0;
  for (const word of x) if (y.has(word)) shared++;
  return shared / Math.min(x.size, y.size);
}
export const claimSimilarity = (a: string, b: string) => similarityOf(comparable(a), comparable(b));

interface Fact {
  value: string;
  kind: "year" | "number";
  context: Set<string>;
  /** For figures, the words just after, one of which says what is counted ("MEK members"). */
  counted: Set<string>;
}

/** Years after these words bound a period ("until 2012"); they are not when something happened. */
const boundary = /\b(until|till|since|from|to|between|through|by|before|after)\s+$/i;

/**
 * A numeral right after a capitalised word inside a sentence names something ("that Ashraf 3",
 * "the Apollo 11 crew"); it counts nothing. At the start ("About 2,000") it is a figure.
 */
const partOfName = /[\p{L},]\s+\p{Lu}\p{Ll}+\s$/u;

const factPattern = /\b((?:1[6-9]|20)\d{2})s?\b|\b(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\b/g;
/** A year as `factPattern` reads one, for PostgreSQL's `~` (whose word boundary is `\y`). */
export const YEAR_SQL_PATTERN = "\\y(1[6-9]|20)[0-9]{2}s?\\y";

/** Years and figures in a text, each with the content words around it (its subject). */
function facts(text: string): Fact[] {
  const found: Fact[] = [];
  for (const match of text.matchAll(factPattern)) {
    const index = match.index ?? 0;
    const kind = match[1] ? "year" : "number";
    if (kind === "year" && boundary.test(text.slice(Math.max(0, index - 12), index))) continue;
    if (kind === "number" && partOfName.test(text.slice(Math.max(0, index - 20), index))) continue;
    const before = contentWords(text.slice(Math.max(0, index - 60), index)).slice(-4);
    // A figure's subject may trail it ("2,900 Camp Ashraf MEK members to Albania"); a year's is near.
    const end = index + match[0].length;
    const after = contentWords(text.slice(end, end + 80)).slice(0, kind === "number" ? 6 : 2);
    found.push({
      value: match[1] ?? match[2] ?? "",
      kind,
      context: new Set([...before, ...after]),
      counted: new Set(after.slice(0, 4)),
    });
  }
  return found;
}

/**
 * The subject of each year or figure a text states (the content words around it), which a
 * claim that contradicts it must share: what a search for contradicting claims looks for.
 */
export const factSubjects = (text: string) =>
  facts(text).map((fact) => ({ kind: fact.kind, words: [...fact.context] }));

/**
 * Why two claims contradict each other, if they do: a year or figure stated about the same
 * subject (at least two shared words around it) that differs, e.g. "founded: 1963 vs 1965";
 * else a place, nationality, side or negation that differs (see conflicts.ts).
 */
export const contradictionReason = (a: string, b: string) => contradictionOf(comparable(a), comparable(b));

export function contradictionOf(a: TComparable, b: TComparable): string | null {
  return figureConflict(a, b) ?? slotConflict(a.slots, b.slots);
}

function figureConflict(a: TComparable, b: TComparable): string | null {
  const [x, y] = [a.facts, b.facts];
  // Figures dated to different times ("2,000 in the 1980s", "2,900 in 2016") may both be right.
  const [yearsA, yearsB] = [a.years, b.years];
  const differentTimes = yearsA.size && yearsB.size ? ![...yearsA].some((year) => yearsB.has(year)) : false;
  for (const fa of x) {
    for (const fb of y) {
      if (fa.kind !== fb.kind || fa.value === fb.value) continue;
      if (fa.kind === "number" && (differentTimes || ![...fa.counted].some((word) => fb.counted.has(word))))
        continue;
      // The other claim states this same value elsewhere: no disagreement about it.
      if (y.some((f) => f.value === fa.value) || x.some((f) => f.value === fb.value)) continue;
      const shared = [...fa.context].filter((word) => fb.context.has(word));
      if (shared.length >= 2) {
        const [low, high] = [fa.value, fb.value].sort(
          (p, q) => Number(p.replace(/,/g, "")) - Number(q.replace(/,/g, "")),
        );
        return `${shared.slice(0, 3).join(" ")}: ${low} vs ${high}`;
      }
    }
  }
  return null;
}
