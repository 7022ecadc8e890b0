import { z } from "zod";

// Inputs of the API's procedures. Every string has a ceiling, so oversized input is a
// BAD_REQUEST with a message rather than work for the database; the forms read the same
// ceilings for their maxLength.

/** The longest each kind of text may be, in characters: one source for zod and the forms. */
export const limits = {
  claimText: 1000,
  claimant: 200,
  comment: 5000,
  reason: 2000,
  headline: 75,
  summary: 1000,
  explanation: 50_000,
  correctionNote: 2000,
  sourceTitle: 300,
  excerpt: 5000,
  note: 2000,
  webAddress: 2000,
  articleTitle: 300,
  outlet: 200,
  author: 200,
  articleText: 2_000_000,
  personName: 120,
  email: 254,
  password: 1024,
  passwordMin: 12,
  ratingLabel: 40,
  organisationName: 200,
  policy: 100_000,
  search: 200,
  webhookSecret: 200,
  webhookSecretMin: 16,
  matchText: 5000,
  viewName: 80,
  tipStatement: 5000,
  tipSeenWhere: 200,
  tipContact: 254,
} as const;

export const ZId = z.uuid({ error: "Not a valid id." });
/** A language as BCP 47's primary subtag, with an optional region: "en", "es", "pt-BR". */
export const ZLanguage = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, "Give a language code such as en, es or pt-BR.");
/** A calendar day, ISO 8601: 2019-08-02. */
export const ZDay = z.iso.date({ error: "Give the date as YYYY-MM-DD." });
/** The version the person saw; a stale one is refused with CONFLICT. */
export const ZVersion = z.number().int().positive();
export const ZText = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(max, `Keep the ${what} to ${max.toLocaleString("en")} characters at most.`);
export const ZRequired = (max: number, what: string) => ZText(max, what).min(1, `The ${what} is required.`);
export const ZReason = ZText(limits.reason, "reason");
export const ZWebAddress = z
  .url({ protocol: /^https?$/, error: "Enter a web address starting with http:// or https://." })
  .max(
    limits.webAddress,
    `Keep the address to ${limits.webAddress.toLocaleString("en")} characters at most.`,
  );
