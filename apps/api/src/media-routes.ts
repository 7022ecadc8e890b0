import type { DbOrTx } from "@factdesk/db";
import { isDomainError, type TActor, type TDomainErrorCode, ZWebAddress } from "@factdesk/schema";
import express, { type ErrorRequestHandler, type Response } from "express";
import { attachMediaFile, mediaOriginal, mediaPublicCopy } from "./domain/media";
import { sameOrigin } from "./request-guards";

const statusOf: Record<TDomainErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  TOO_MANY_REQUESTS: 429,
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The desk's API errors: the tRPC code's name and a message to act on. */
const refuse = (
  res: Response,
  code: TDomainErrorCode | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE",
  message: string,
) =>
  void res
    .status(code === "PAYLOAD_TOO_LARGE" ? 413 : code === "UNSUPPORTED_MEDIA_TYPE" ? 415 : statusOf[code])
    .json({ error: { code, message } });

/** Bytes as the browser may show them: never sniffed into something else, never run as a page. */
function sendMedia(res: Response, file: { bytes: Uint8Array; mime: string }) {
  res.setHeader("Content-Type", file.mime);
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Content-Security-Policy", "default-src 'none'; sandbox");
  res.end(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength));
}

/**
 * Media over HTTP, as bytes rather than JSON: the desk uploads a claim's image or video
 * (`POST /api/claims/:id/media`, the file as the body, at most MEDIA_MAX_MB, read into memory
 * once) and downloads the original; readers get the public copy of what a published verdict
 * shows (`/media/:id`), without its metadata.
 */
export function mediaRoutes(
  db: DbOrTx,
  {
    publicDb,
    userFor,
    publicUrl,
    maxBytes,
  }: {
    /** Where readers' copies are read (a replica, when there is one). */
    publicDb: DbOrTx;
    /** The desk member signed in (and allowed to work: two-factor set up where the desk asks for it), or null. */
    userFor: (req: express.Request) => Promise<TActor | null>;
    publicUrl: URL;
    maxBytes: number;
  },
) {
  const router = express.Router();
  const megabytes = Math.round(maxBytes / 100_000) / 10;

  router.post(
    "/api/claims/:claimId/media",
    async (req, res, next) => {
      // An HTML form can post only these types: refusing them keeps other sites' forms out.
      const type = req.get("content-type") ?? "";
      if (/^(multipart\/form-data|application\/x-www-form-urlencoded|text\/plain)\b/i.test(type))
        return refuse(
          res,
          "UNSUPPORTED_MEDIA_TYPE",
          "Send the file itself as the body (Content-Type: application/octet-stream).",
        );
      if (!sameOrigin(req, publicUrl))
        return refuse(res, "FORBIDDEN", "Changes are accepted only from this site's own pages.");
      try {
        const user = await userFor(req);
        if (!user) return refuse(res, "UNAUTHORIZED", "Log in to attach media.");
        if (!UUID.test(req.params.claimId ?? ""))
          return refuse(res, "NOT_FOUND", "No claim with that id exists.");
        res.locals.user = user;
        next();
      } catch (error) {
        next(error);
      }
    },
    express.raw({ type: () => true, limit: maxBytes }),
    async (req, res, next) => {
      try {
        const name = typeof req.query.name === "string" ? req.query.name : null;
        const address = typeof req.query.address === "string" && req.query.address ? req.query.address : null;
        if (name && (name.length > 255 || name.includes("\0")))
          return refuse(res, "BAD_REQUEST", "Keep the file name to 255 characters, without NUL characters.");
        const where = address ? ZWebAddress.safeParse(address) : null;
        if (where && !where.success)
          return refuse(res, "BAD_REQUEST", where.error.issues[0]?.message ?? "That is not a web address.");
        const body: unknown = req.body;
        const bytes = Buffer.isBuffer(body)
          ? new Uint8Array(body.buffer, body.byteOffset, body.byteLength)
          : new Uint8Array();
        const media = await attachMediaFile(db, res.locals.user as TActor, {
          claimId: req.params.claimId ?? "",
          bytes,
          fileName: name,
          address,
        });
        res.status(201).json(media);
      } catch (error) {
        if (isDomainError(error)) return refuse(res, error.code, error.message);
        next(error);
      }
    },
  );

  router.get("/api/media/:id/original", async (req, res, next) => {
    try {
      const user = await userFor(req);
      if (!user) return refuse(res, "UNAUTHORIZED", "Log in to see the original file.");
      const file = UUID.test(req.params.id ?? "") ? await mediaOriginal(db, req.params.id ?? "") : null;
      if (!file) return refuse(res, "NOT_FOUND", "No uploaded file with that id exists.");
      res.setHeader("Cache-Control", "private, no-store");
      // Downloaded, not shown: the original still carries its metadata.
      res.attachment(file.fileName ?? "original");
      sendMedia(res, file);
    } catch (error) {
      next(error);
    }
  });

  router.get("/media/:id", async (req, res, next) => {
    try {
      const copy = UUID.test(req.params.id ?? "")
        ? await mediaPublicCopy(publicDb, req.params.id ?? "")
        : null;
      if (!copy) return void res.status(404).type("text").send("There is no published image or video here.");
      res.setHeader("Cache-Control", "public, max-age=31536000, immutable");
      res.setHeader("ETag", `"${copy.sha256}"`);
      if (req.fresh) return void res.status(304).end();
      sendMedia(res, copy);
    } catch (error) {
      next(error);
    }
  });

  // The body parser's refusals (too large, cut off) in the desk API's words.
  const parserErrors: ErrorRequestHandler = (error, _req, res, next) => {
    const type = (error as { type?: string }).type;
    if (type === "entity.too.large")
      return refuse(
        res,
        "PAYLOAD_TOO_LARGE",
        `The file is larger than ${megabytes} MB, the desk's limit (MEDIA_MAX_MB).`,
      );
    if (type === "request.aborted" || type === "request.size.invalid")
      return refuse(res, "BAD_REQUEST", "The upload was cut off; send the file again.");
    next(error);
  };
  router.use(parserErrors);
  return router;
}
