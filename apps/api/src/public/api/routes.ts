import type { DbOrTx } from "@factdesk/db";
import {
  isDomainError,
  ZApiCorrectionsQuery,
  ZApiFactCheckQuery,
  ZClaimsSearchQuery,
} from "@factdesk/schema";
import express, { type NextFunction, type Request, type Response } from "express";
import { z } from "zod";
import { useApiKey } from "../../domain/api-keys";
import type { TRateLimits } from "../../domain/rate-limits";
import { siteOf } from "../../domain/settings";
import type { TPageCache } from "../page-cache";
import { apiReferencePage } from "../pages";
import { sendPage } from "../routes";
import { lastPublicChange } from "../verdicts";
import { ApiError, claimsSearch, factCheckBySlug, listCorrections, listFactChecks } from "./fact-checks";
import { openApiDocument } from "./openapi";

/**
 * The public REST API, /api/v1: read-only, versioned, described by /api/v1/openapi.json.
 * Answers are kept like the pages (ETag, 304) until something public changes; every request
 * draws on a budget, a partner's key's or the caller's address's.
 */
export function publicApiRoutes(
  db: DbOrTx,
  {
    writeDb,
    configuredPublicUrl,
    pages,
    rateLimits,
  }: {
    /** Where keys are counted (the primary: public reads may come from a replica). */
    writeDb: DbOrTx;
    configuredPublicUrl: URL;
    pages: TPageCache;
    rateLimits: TRateLimits;
  },
) {
  const router = express.Router();
  const site = () => siteOf(db, configuredPublicUrl);

  router.use("/api/v1", async (req, res, next) => {
    try {
      res.setHeader("Access-Control-Allow-Origin", "*");
      const presented = bearer(req);
      if (presented !== null) {
        const key = await useApiKey(writeDb, presented);
        if (!key) throw new ApiError(401, "UNAUTHORIZED", "This API key is not known or was revoked.");
        await rateLimits.apiRequest({ keyId: key.id });
      } else {
        await rateLimits.apiRequest({ address: req.ip ?? "unknown" });
      }
      next();
    } catch (error) {
      next(error);
    }
  });

  /** Parses the query with the documented schema; answers from the kept copy or `answer`. */
  const endpoint =
    <T extends z.ZodType>(schema: T, answer: (query: z.infer<T>, req: Request) => Promise<unknown | null>) =>
    async (req: Request, res: Response, next: NextFunction) => {
      try {
        const parsed = schema.safeParse(req.query);
        if (!parsed.success)
          throw new ApiError(400, "BAD_REQUEST", parsed.error.issues.map((issue) => issue.message).join(" "));
        const key = `api:${req.path}:${JSON.stringify(parsed.data)}`;
        const page = await pages.get(key, async () => {
          const [body, changed] = await Promise.all([answer(parsed.data, req), lastPublicChange(db)]);
          return body === null ? null : { body: JSON.stringify(body), type: "json", lastModified: changed };
        });
        if (!page) throw new ApiError(404, "NOT_FOUND", "No published fact-check has this slug.");
        sendPage(req, res, page);
      } catch (error) {
        next(error);
      }
    };

  router.get(
    "/api/v1/fact-checks",
    endpoint(ZApiFactCheckQuery, async (query) => listFactChecks(db, await site(), query)),
  );
  router.get(
    "/api/v1/fact-checks/:slug",
    endpoint(z.object({}), async (_query, req) =>
      factCheckBySlug(db, await site(), String(req.params.slug ?? "").slice(0, 200)),
    ),
  );
  router.get(
    "/api/v1/corrections",
    endpoint(ZApiCorrectionsQuery, async (query) => listCorrections(db, await site(), query)),
  );
  router.get(
    // The colon is Google's, not a route parameter.
    "/api/v1/claims\\:search",
    endpoint(ZClaimsSearchQuery, async (query) => claimsSearch(db, await site(), query)),
  );
  router.get("/api/v1/openapi.json", async (_req, res, next) => {
    try {
      const current = await site();
      res.json(openApiDocument(current.base, current.settings.organisationName));
    } catch (error) {
      next(error);
    }
  });
  router.get(["/api/v1", "/api/v1/"], async (_req, res, next) => {
    try {
      const current = await site();
      res
        .type("html")
        .send(apiReferencePage(current, openApiDocument(current.base, current.settings.organisationName)));
    } catch (error) {
      next(error);
    }
  });
  router.use("/api/v1", (_req, _res, next) =>
    next(new ApiError(404, "NOT_FOUND", "There is no such endpoint: see /api/v1/openapi.json.")),
  );

  // Errors as JSON in the documented shape; anything unexpected is left to the app's handler.
  router.use("/api/v1", (error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (error instanceof ApiError)
      return void res.status(error.status).json({ error: { code: error.code, message: error.message } });
    if (isDomainError(error) && error.code === "TOO_MANY_REQUESTS") {
      res.setHeader("Retry-After", String(error.details?.retryAfterSeconds ?? 60));
      return void res.status(429).json({ error: { code: error.code, message: error.message } });
    }
    next(error);
  });
  return router;
}

/** The key in `Authorization: Bearer …` (or X-Api-Key), null when none is sent. */
function bearer(req: Request): string | null {
  const header = req.headers.authorization;
  if (header?.toLowerCase().startsWith("bearer ")) return header.slice(7).trim();
  const given = req.headers["x-api-key"];
  return typeof given === "string" && given ? given.trim() : null;
}
