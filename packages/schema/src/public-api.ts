import { z } from "zod";
import { limits, ZDay } from "./inputs/common";

// The public REST API's contract (/api/v1): its queries and answers, from which the OpenAPI
// document is generated, so the routes and the document cannot drift apart.

const ZCursor = z
  .string()
  .max(200, "That cursor is not one this API gave.")
  .regex(/^[\w-]+$/, "That cursor is not one this API gave.");
const ZPageSize = z.coerce
  .number()
  .int("Give a whole number of results.")
  .min(1, "Ask for at least one result.")
  .max(100, "Ask for at most 100 results at a time.");

export const ZApiFactCheckQuery = z
  .object({
    q: z
      .string()
      .trim()
      .max(limits.search, `Keep the search under ${limits.search} characters.`)
      .optional()
      .meta({
        description: 'Words in the claim or the headline (web search syntax: "quotes", -not, or).',
        example: "camp",
      }),
    rating: z
      .string()
      .max(40)
      .optional()
      .meta({ description: "A rating's key, as in `rating.key`.", example: "false" }),
    claimant: z
      .string()
      .trim()
      .max(limits.claimant)
      .optional()
      .meta({ description: "Who made the claim (case does not matter).", example: "Example Times" }),
    from: ZDay.optional().meta({
      description: "Published on or after this day (UTC).",
      example: "2026-01-01",
    }),
    to: ZDay.optional().meta({
      description: "Published on or before this day (UTC).",
      example: "2026-12-31",
    }),
    language: z
      .string()
      .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, "Give a language code such as en or es.")
      .optional()
      .meta({ description: "The fact-check's language (BCP 47).", example: "en" }),
    cursor: ZCursor.optional().meta({ description: "`nextCursor` of the previous page." }),
    limit: ZPageSize.default(20).meta({ description: "Results per page (1–100).", example: 20 }),
  })
  .refine(({ from, to }) => !from || !to || from <= to, {
    message: "The period ends before it starts.",
    path: ["to"],
  });
export type TApiFactCheckQuery = z.infer<typeof ZApiFactCheckQuery>;

const ZRating = z
  .object({
    key: z.string().meta({ example: "false" }),
    label: z.string().meta({ example: "False" }),
    /** On the ordinal scale, 1 = worst; null for ratings outside it (Misleading, Unproven). */
    ordinal: z.number().int().nullable(),
    best: z.number().int(),
  })
  .meta({ id: "Rating" });

export const ZApiCorrection = z
  .object({
    kind: z.enum(["correction", "retraction"]),
    at: z.iso.datetime(),
    note: z.string().nullable().meta({ description: "The correction note, or why it was retracted." }),
  })
  .meta({ id: "Correction" });

export const ZApiFactCheck = z
  .object({
    slug: z.string().meta({ example: "albania-took-in-2-900-camp-residents-in-2013" }),
    url: z.url().meta({ description: "The public verdict page." }),
    headline: z.string(),
    summary: z.string().nullable(),
    rating: ZRating.nullable(),
    claim: z.object({
      text: z.string(),
      claimant: z.string().nullable(),
      statedOn: z.iso.date().nullable().meta({ description: "The day the claim was made, when known." }),
      appearance: z
        .object({
          url: z.string().nullable(),
          title: z.string().nullable(),
          outlet: z.string().nullable(),
          publishedAt: z.string().nullable(),
        })
        .nullable()
        .meta({ description: "Where the claim was seen." }),
    }),
    language: z.string().meta({ example: "en" }),
    publishedAt: z.iso.datetime(),
    modifiedAt: z.iso.datetime(),
    retracted: z.boolean(),
    corrections: z.array(ZApiCorrection),
  })
  .meta({ id: "FactCheck" });
export type TApiFactCheck = z.infer<typeof ZApiFactCheck>;

export const ZApiFactCheckPage = z
  .object({
    items: z.array(ZApiFactCheck),
    nextCursor: z
      .string()
      .nullable()
      .meta({ description: "Pass as `cursor` for the next page; null at the end." }),
  })
  .meta({ id: "FactCheckPage" });

export const ZApiCorrectionsQuery = z.object({
  cursor: ZCursor.optional().meta({ description: "`nextCursor` of the previous page." }),
  limit: ZPageSize.default(20).meta({ description: "Results per page (1–100).", example: 20 }),
});
export type TApiCorrectionsQuery = z.infer<typeof ZApiCorrectionsQuery>;

export const ZApiCorrectionsPage = z
  .object({
    items: z.array(ZApiCorrection.extend({ slug: z.string(), url: z.url(), headline: z.string() })),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: "CorrectionPage" });

/** Google Fact Check Tools' `claims:search`, answered from this desk's own archive. */
export const ZClaimsSearchQuery = z
  .object({
    query: z
      .string()
      .trim()
      .max(limits.search, `Keep the query under ${limits.search} characters.`)
      .optional()
      .meta({ description: "Words to find in the claim or the review's title.", example: "camp" }),
    languageCode: z
      .string()
      .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, "Give a language code such as en or es.")
      .optional()
      .meta({ example: "en" }),
    reviewPublisherSiteFilter: z
      .string()
      .max(253)
      .optional()
      .meta({ description: "Only reviews published on this site (this desk's own host)." }),
    maxAgeDays: z.coerce.number().int().min(1).max(36_500).optional().meta({ example: 365 }),
    pageSize: ZPageSize.default(10).meta({ example: 10 }),
    pageToken: ZCursor.optional().meta({ description: "`nextPageToken` of the previous page." }),
  })
  .refine(({ query, reviewPublisherSiteFilter }) => query || reviewPublisherSiteFilter, {
    message: "Give a query or a reviewPublisherSiteFilter, as Fact Check Tools asks.",
    path: ["query"],
  });
export type TClaimsSearchQuery = z.infer<typeof ZClaimsSearchQuery>;

export const ZClaimsSearchAnswer = z
  .object({
    claims: z.array(
      z.object({
        text: z.string(),
        claimant: z.string().optional(),
        claimDate: z.iso.datetime().optional(),
        claimReview: z.array(
          z.object({
            publisher: z.object({ name: z.string(), site: z.string() }),
            url: z.url(),
            title: z.string(),
            reviewDate: z.iso.datetime(),
            textualRating: z.string(),
            languageCode: z.string(),
          }),
        ),
      }),
    ),
    nextPageToken: z.string().optional(),
  })
  .meta({ id: "ClaimsSearchResponse" });
export type TClaimsSearchAnswer = z.infer<typeof ZClaimsSearchAnswer>;

export const ZApiError = z
  .object({ error: z.object({ code: z.string().meta({ example: "BAD_REQUEST" }), message: z.string() }) })
  .meta({ id: "Error" });
