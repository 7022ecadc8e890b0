/**
 * Who a sentence attributes its statement to, when the text says so:
 * "according to NBC News", "Bolton said", "said John Bolton", "the ministry claimed".
 */
/** Verbs that report speech ("Bolton said", "the ministry claimed"). */
export const speechVerbs =
  "said|says|told|stated|claimed|claims|announced|added|argued|insisted|warned|wrote|testified|alleged|reported|declared";
const name = "(?:the\\s+)?(?:[\\p{Lu}][\\p{L}’'.-]*\\s+){0,4}[\\p{Lu}][\\p{L}’'.-]*";

const patterns: RegExp[] = [
  // A name, or someone described: "according to the ministry", "according to a local historian".
  new RegExp(
    `\\b[Aa]ccording to (${name}|(?:the|an?) [\\p{L}'’ -]{3,40}?)(?=[,.;:)]|$| who\\b| in\\b| on\\b)`,
    "u",
  ),
  new RegExp(`(?:^|[,“”"]\\s*)(${name})\\s+(?:${speechVerbs})\\b`, "u"),
  new RegExp(`[,”"]\\s*(?:${speechVerbs})\\s+(${name})`, "u"),
  new RegExp(`\\b(${name})\\s+(?:${speechVerbs})\\s+(?:that|on|in)\\b`, "u"),
];

const notClaimants = new Set([
  "It",
  "This",
  "That",
  "He",
  "She",
  "They",
  "We",
  "I",
  "There",
  "The",
  "Officials",
]);

export function findClaimant(sentence: string): string | null {
  for (const pattern of patterns) {
    const match = pattern
      .exec(sentence)?.[1]
      ?.trim()
      .replace(/^the\s+/i, "")
      .replace(/[.,]$/, "");
    if (match && !notClaimants.has(match) && match.length <= 80) return match;
  }
  return null;
}
