import type { TClaimantKind } from "./enums";

// Words that name bodies rather than people, in English: a claimant containing one is taken to
// be an organisation until someone says otherwise.
const organisationWords =
  /\b(department|ministry|ministers|office|agency|authority|council|government|administration|commission|committee|parliament|congress|senate|assembly|party|campaign|union|association|federation|institute|foundation|university|college|school|hospital|police|army|military|forces|bank|company|corporation|corp|inc|ltd|llc|plc|group|network|news|times|post|press|journal|herald|tribune|gazette|daily|magazine|radio|television|tv|channel|media|reuters|associated|agence|bbc|cnn|nbc|cbs|abc|fox|who|un|eu|nato|opec|imf|unicef|unhcr|state|states|city|county|province|republic|kingdom|organisation|organization|society|board|court|centre|center|club|team|coalition|alliance|movement|church|embassy|consulate|service|services|bureau|nhs|fbi|cia)\b/i;

/**
 * Whether a claimant named like this is a person or an organisation, when nobody said:
 * "transport department", "Example Times" and "the MEK" are organisations; "Jane Doe" a person.
 */
export function guessClaimantKind(name: string | null | undefined): TClaimantKind {
  const trimmed = name?.trim() ?? "";
  if (!trimmed) return "person";
  if (organisationWords.test(trimmed)) return "organisation";
  // An acronym ("MEK", "NHS") or a name that starts with "the" names a body.
  if (/^(the\s)/i.test(trimmed) || /^[A-Z]{2,6}$/.test(trimmed)) return "organisation";
  return "person";
}

/** Offices, honorifics and suffixes that do not tell one claimant from another. */
const nameNoise = new Set(
  "the former president vice sen senator rep representative gov governor mayor secretary speaker minister prime chancellor dr mr mrs ms sir dame rev jr sr ii iii".split(
    " ",
  ),
);
const nameWords = (name: string) =>
  name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word && !nameNoise.has(word));

/**
 * Whether two claimant names plausibly name the same person or body: the same last word
 * ("Trump", "President Donald J. Trump"), and the same first word when both give more than
 * one ("Donald Trump" is not "Melania Trump"; the "Republican" and the "Democratic National
 * Committee" differ).
 */
export function sameClaimant(a: string, b: string): boolean {
  const x = nameWords(a);
  const y = nameWords(b);
  if (x.length === 0 || y.length === 0 || x.at(-1) !== y.at(-1)) return false;
  return x.length === 1 || y.length === 1 || x[0] === y[0];
}
