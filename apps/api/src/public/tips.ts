import { type Db, transientDatabaseFailure } from "@factdesk/db";
import {
  inputProblem,
  isDomainError,
  type TDomainErrorCode,
  ZTipCode,
  ZTipSubmitInput,
} from "@factdesk/schema";
import express, { type ErrorRequestHandler, type Request, type Response } from "express";
import type { TRateLimits } from "../domain/rate-limits";
import { siteOf } from "../domain/settings";
import { receiveTip, tipConsentOf, tipProgress, tipTicket } from "../domain/tips";
import type { TJobQueue } from "../jobs/queue";
import { notFoundPage, tipFormPage, tipTrackingPage } from "./pages";

/** A tip is a few kilobytes; a larger body is refused before it is read. */
const BODY_LIMIT = "64kb";

const TOO_LARGE = "That is too long to send: keep the tip to a few thousand characters.";

const statusOf: Partial<Record<TDomainErrorCode, number>> = {
  BAD_REQUEST: 400,
  NOT_FOUND: 404,
  TOO_MANY_REQUESTS: 429,
};

/** Personal pages: never kept by a CDN or a shared cache, never indexed, never told to another site. */
function privatePage(res: Response) {
  res.setHeader("Cache-Control", "no-store");
  res.setHeader("X-Robots-Tag", "noindex");
  res.setHeader("Referrer-Policy", "no-referrer");
}

/** Why a tip was refused, as a status and a message for the reader; anything else is thrown on. */
function refusal(error: unknown): { status: number; message: string } {
  if (isDomainError(error) && statusOf[error.code])
    return { status: statusOf[error.code] as number, message: error.message };
  throw error;
}

/** The form's fields as the API's input: a ticked box sends "yes", an empty field nothing. */
const fromForm = (body: Record<string, unknown>) => ({
  ...body,
  consent: body.consent === "yes",
});

function parseTip(body: unknown) {
  const problem = inputProblem(body);
  if (problem) return { problem };
  const parsed = ZTipSubmitInput.safeParse(body);
  if (!parsed.success) return { problem: parsed.error.issues[0]?.message ?? "The tip is not valid." };
  return { input: parsed.data };
}

/**
 * Readers' tips: the form at /tips (plain HTML, no JavaScript), its tracking pages, and a JSON
 * API for apps and partner sites (POST /api/tips, with a ticket from GET /api/tips/ticket).
 * Writes go to the primary database, never a replica.
 */
export function tipRoutes(
  db: Db,
  configuredPublicUrl: URL,
  intake: { rateLimits: TRateLimits; jobs: TJobQueue },
) {
  const router = express.Router();
  const site = () => siteOf(db, configuredPublicUrl);
  const address = (req: Request) => req.ip ?? "unknown";

  const showForm = async (
    res: Response,
    status: number,
    state: { values?: object; problem?: string } = {},
  ) => {
    privatePage(res);
    res
      .status(status)
      .type("html")
      .send(tipFormPage(await site(), { ticket: tipTicket(), consent: await tipConsentOf(db), ...state }));
  };

  router.get("/tips", (_req, res, next) => showForm(res, 200).catch(next));

  router.post("/tips", express.urlencoded({ extended: false, limit: BODY_LIMIT }), async (req, res, next) => {
    try {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const values = Object.fromEntries(
        ["statement", "url", "seenWhere", "contact"].map((key) => [
          key,
          typeof body[key] === "string" ? (body[key] as string).replace(/\0/g, "") : undefined,
        ]),
      );
      const { input, problem } = parseTip(fromForm(body));
      if (!input) return await showForm(res, 400, { values, problem });
      try {
        const { code } = await receiveTip(db, intake, address(req), input);
        res.redirect(303, `/tips/${code}?sent=1`);
      } catch (error) {
        const { status, message } = refusal(error);
        await showForm(res, status, { values, problem: message });
      }
    } catch (error) {
      next(error);
    }
  });

  router.get("/tips/:code", async (req, res, next) => {
    try {
      privatePage(res);
      const current = await site();
      const code = ZTipCode.safeParse(req.params.code);
      const progress = code.success
        ? await tipProgress(db, code.data, current).catch((error) => {
            if (isDomainError(error) && error.code === "NOT_FOUND") return null;
            throw error;
          })
        : null;
      if (!progress || !code.success)
        return void res.status(404).type("html").send(notFoundPage(current, req.path));
      res
        .type("html")
        .send(tipTrackingPage(current, code.data, progress, { justSent: req.query.sent === "1" }));
    } catch (error) {
      next(error);
    }
  });

  router.get("/api/tips/ticket", async (_req, res, next) => {
    try {
      privatePage(res);
      res.json({ ticket: tipTicket(), consent: await tipConsentOf(db) });
    } catch (error) {
      next(error);
    }
  });

  router.post("/api/tips", express.json({ limit: BODY_LIMIT }), async (req, res, next) => {
    privatePage(res);
    const { input, problem } = parseTip(req.body ?? {});
    if (!input) return void res.status(400).json({ error: { code: "BAD_REQUEST", message: problem } });
    try {
      const { code } = await receiveTip(db, intake, address(req), input);
      const base = (await site()).base;
      res.status(201).json({ code, trackingUrl: new URL(`/tips/${code}`, base).href });
    } catch (error) {
      if (transientDatabaseFailure(error)) return next(error);
      try {
        const { status, message } = refusal(error);
        res.status(status).json({
          error: {
            code: status === 429 ? "TOO_MANY_REQUESTS" : status === 404 ? "NOT_FOUND" : "BAD_REQUEST",
            message,
          },
        });
      } catch (other) {
        next(other);
      }
    }
  });

  // A body over the limit is the reader's mistake, told plainly, not a server error.
  router.use(((error, req, res, next) => {
    if ((error as { type?: string }).type !== "entity.too.large") return next(error);
    if (req.path.startsWith("/api/"))
      return void res.status(413).json({ error: { code: "PAYLOAD_TOO_LARGE", message: TOO_LARGE } });
    showForm(res, 413, { problem: TOO_LARGE }).catch(next);
  }) as ErrorRequestHandler);

  return router;
}
