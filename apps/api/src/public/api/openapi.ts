import {
  ZApiCorrectionsPage,
  ZApiCorrectionsQuery,
  ZApiError,
  ZApiFactCheck,
  ZApiFactCheckPage,
  ZApiFactCheckQuery,
  ZClaimsSearchAnswer,
  ZClaimsSearchQuery,
} from "@factdesk/schema";
import { z } from "zod";
import { createDocument, type ZodOpenApiOperationObject } from "zod-openapi";

// The OpenAPI 3.1 document of /api/v1, generated from the same zod schemas the routes parse
// their queries with and whose shapes they answer in.

const json = (schema: z.ZodType, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
const errors = {
  "400": json(ZApiError, "The query is not valid; the message says why."),
  "429": json(ZApiError, "Too many requests for this key or address; Retry-After says when to try again."),
};
const cached = {
  header: z.object({
    "if-none-match": z
      .string()
      .optional()
      .meta({ description: "An ETag from an earlier answer: 304 when unchanged." }),
  }),
};

const operations: Record<string, ZodOpenApiOperationObject> = {
  "/fact-checks": {
    operationId: "listFactChecks",
    summary: "Published fact-checks, newest first",
    description:
      "Filter by words, rating, claimant, period and language; page with `cursor`. Retracted ones stay listed with `retracted: true`.",
    requestParams: { query: ZApiFactCheckQuery, ...cached },
    responses: {
      "200": json(ZApiFactCheckPage, "A page of fact-checks."),
      "304": { description: "Unchanged." },
      ...errors,
    },
  },
  "/fact-checks/{slug}": {
    operationId: "getFactCheck",
    summary: "One fact-check by its slug",
    requestParams: {
      path: z.object({
        slug: z.string().max(200).meta({ example: "albania-took-in-2-900-camp-residents-in-2013" }),
      }),
      ...cached,
    },
    responses: {
      "200": json(ZApiFactCheck, "The fact-check, with its corrections and any retraction."),
      "304": { description: "Unchanged." },
      "404": json(ZApiError, "No published fact-check has this slug."),
      "429": errors["429"],
    },
  },
  "/corrections": {
    operationId: "listCorrections",
    summary: "Corrections and retractions, newest first",
    requestParams: { query: ZApiCorrectionsQuery, ...cached },
    responses: {
      "200": json(ZApiCorrectionsPage, "A page of corrections and retractions."),
      "304": { description: "Unchanged." },
      ...errors,
    },
  },
  "/claims:search": {
    operationId: "claimsSearch",
    summary: "Google Fact Check Tools' claims:search, over this desk's fact-checks",
    description:
      "The same query parameters and answer as `https://factchecktools.googleapis.com/v1alpha1/claims:search`, so tools written for it work here.",
    requestParams: { query: ZClaimsSearchQuery, ...cached },
    responses: {
      "200": json(ZClaimsSearchAnswer, "Claims and their reviews."),
      "304": { description: "Unchanged." },
      ...errors,
    },
  },
};

/** The document for a desk at `base` (its servers entry). */
export function openApiDocument(base: URL, organisation: string | null) {
  return createDocument({
    openapi: "3.1.0",
    info: {
      title: `${organisation ?? "Factdesk"} public API`,
      version: "1.0.0",
      description:
        "Published fact-checks of this desk, read-only. Anonymous use has a lower rate limit; partners send an API key in `Authorization: Bearer <key>`. Answers carry an ETag: send it back in If-None-Match for a 304.",
    },
    servers: [{ url: new URL("/api/v1", base).href }],
    components: {
      securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "A partner's API key." } },
    },
    security: [{}, { apiKey: [] }],
    paths: Object.fromEntries(Object.entries(operations).map(([path, get]) => [path, { get }])),
  });
}
export type TOpenApiDocument = ReturnType<typeof openApiDocument>;
