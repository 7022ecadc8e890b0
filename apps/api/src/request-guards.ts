import { BATCH_CALLS_MAX, NUL_MESSAGE } from "@factdesk/schema";
import type { NextFunction, Request, RequestHandler, Response } from "express";

type TLog = (message: string, error?: unknown) => void;

/** The error envelope tRPC clients read, for refusals made before tRPC sees the request. */
function refuseTrpc(res: Response, status: 400 | 403 | 415, message: string) {
  const code = { 400: "BAD_REQUEST", 403: "FORBIDDEN", 415: "UNSUPPORTED_MEDIA_TYPE" }[status];
  const rpcCode = { 400: -32600, 403: -32003, 415: -32015 }[status];
  res.status(status).json({ error: { message, code: rpcCode, data: { code, httpStatus: status } } });
}

/**
 * An address with a NUL byte (`/verdicts/%00`, `?q=%00`) is malformed whatever it names:
 * refused before routing, with one short log line instead of a database error's stack.
 */
export function refuseNulInAddress(log: TLog): RequestHandler {
  return (req, res, next) => {
    if (!/%00|\0/i.test(req.url)) return next();
    log(`400 ${req.method} ${req.path.slice(0, 80)}: NUL byte in the address`);
    if (req.path.startsWith("/trpc")) return refuseTrpc(res, 400, NUL_MESSAGE);
    if (req.path.startsWith("/api/"))
      return void res.status(400).json({ error: { code: "BAD_REQUEST", message: NUL_MESSAGE } });
    res.status(400).type("text").send("Bad request: the address contains a NUL byte.");
  };
}

/**
 * Before tRPC: batches are bounded, mutations come only as JSON (an HTML form cannot send
 * JSON, so no other site can post one with the reader's cookie), and a browser's request
 * from another origin is refused outright.
 */
export function trpcRequestGuards(publicUrl: URL): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const calls = req.query.batch === "1" ? req.path.split(",").length : 1;
    if (calls > BATCH_CALLS_MAX)
      return refuseTrpc(
        res,
        400,
        `A batch may carry at most ${BATCH_CALLS_MAX} calls; this one has ${calls}.`,
      );
    if (req.method !== "POST") return next();
    // A call without input may send no body at all; anything else must say it is JSON.
    const type = req.get("content-type");
    const json = type
      ? /^application\/json\s*(;|$)/i.test(type)
      : !req.get("transfer-encoding") && !Number(req.get("content-length") ?? 0);
    if (!json) return refuseTrpc(res, 415, "Send changes as JSON (Content-Type: application/json).");
    if (!sameOrigin(req, publicUrl))
      return refuseTrpc(res, 403, "Changes are accepted only from this site's own pages.");
    next();
  };
}

/** Browsers say where a request comes from; programs that send neither header are not browsers. */
export function sameOrigin(req: Request, publicUrl: URL) {
  const site = req.get("sec-fetch-site");
  if (site) return site === "same-origin" || site === "none";
  const origin = req.get("origin");
  if (!origin) return true;
  return origin === publicUrl.origin || origin === `${req.protocol}://${req.get("host")}`;
}
