import { existsSync } from "node:fs";
import { join } from "node:path";
import { type DbHandle, transientDatabaseFailure } from "@factdesk/db";
import { BATCH_CALLS_MAX, NUL_MESSAGE } from "@factdesk/schema";
import { TRPCError } from "@trpc/server";
import { createExpressMiddleware } from "@trpc/server/adapters/express";
import { parse as parseCookies } from "cookie";
import express, { type ErrorRequestHandler, type Request, type Response } from "express";
import helmet from "helmet";
import type { Logger } from "pino";
import type { TConfig } from "./config";
import { createSessionCache } from "./domain/auth";
import { createRateLimits } from "./domain/rate-limits";
import { assessmentPackRoute } from "./exports/assessment-pack";
import { claimsCsvRoute } from "./exports/claims-csv";
import { createJobQueue } from "./jobs/queue";
import type { TChangeFeed } from "./live";
import type { TLiveStreams } from "./live-streams";
import { mediaRoutes } from "./media-routes";
import { createMetrics, logTo, noteUser, requestIdFor, requestLogging } from "./observability";
import { publicApiRoutes } from "./public/api/routes";
import { changesPublicPages, createPageCache } from "./public/page-cache";
import { publicRoutes } from "./public/routes";
import { tipRoutes } from "./public/tips";
import { refuseNulInAddress, trpcRequestGuards } from "./request-guards";
import { createContextInner } from "./trpc/init";
import { appRouter } from "./trpc/router";

export const SESSION_COOKIE = "factdesk_session";
const sessionToken = (req: Request) => parseCookies(req.headers.cookie ?? "")[SESSION_COOKIE] ?? null;
/** The web app lives under /app; the site root is left for the public verdict pages. */
export const WEB_BASE = "/app";

export interface TAppDeps {
  database: DbHandle;
  /** A read replica for public pages, feeds and the public API; absent, they read `database`. */
  readDatabase?: DbHandle | undefined;
  /** Committed changes for subscriptions; without it, subscriptions stay silent. */
  changes?: TChangeFeed;
  config: TConfig;
  log?: (message: string, error?: unknown) => void;
  /** The in-process job workers, whose state /readyz reports; absent, they run elsewhere. */
  workers?: { running(): boolean } | null;
  /** The open live streams, for a stopping server to close (see main.ts). */
  liveStreams?: TLiveStreams;
  /** With a logger, one JSON line per request (request id, user, route, status, duration). */
  logger?: Logger;
  /** Keep rendered public pages until a public change is heard (default); false renders each time. */
  keepPublicPages?: boolean;
}

export function createApp({
  database,
  readDatabase,
  config,
  changes,
  workers,
  liveStreams,
  logger,
  log = logger ? logTo(logger) : console.error,
  keepPublicPages = true,
}: TAppDeps) {
  const app = express();
  if (logger) app.use(requestLogging(logger));
  // A stopping server (main.ts) ends each connection with its answer.
  app.use((_req, res, next) => {
    if (app.locals.stopping) res.setHeader("Connection", "close");
    next();
  });
  const metrics = createMetrics(database, {
    liveStreams,
    procedures: new Set(Object.keys(appRouter._def.procedures)),
  });
  app.use(metrics.timing);
  if (liveStreams) app.use("/trpc", liveStreams.middleware);
  app.disable("x-powered-by");
  app.set("trust proxy", config.trustProxy);
  app.use(
    helmet({
      hsts: config.https,
      contentSecurityPolicy: { directives: { upgradeInsecureRequests: config.https ? [] : null } },
    }),
  );

  app.use(refuseNulInAddress(log));
  const { publicUrl } = config;

  app.use(metrics.route(config.observability.metricsToken));
  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  // Ready: the database answers, its schema is this code's, and the job workers run (here, or
  // in `factdesk worker` processes when JOBS_IN_PROCESS=false); not while stopping.
  app.get("/readyz", async (_req, res) => {
    const jobs = workers ? (workers.running() ? "running" : "stopped") : "in separate worker processes";
    try {
      await database.ping();
      const migrationsBehind = await database.migrationsBehind();
      const ready = migrationsBehind === 0 && jobs !== "stopped" && !app.locals.stopping;
      res.status(ready ? 200 : 503).json({
        status: app.locals.stopping ? "stopping" : ready ? "ready" : "not ready",
        database: database.engine,
        migrationsBehind,
        jobs,
      });
    } catch (error) {
      log("readyz: database did not answer", error);
      res.status(503).json({ status: "unavailable", database: database.engine, jobs });
    }
  });

  const cookieOptions = {
    httpOnly: true,
    sameSite: "lax",
    secure: config.https,
    path: "/",
  } as const;

  const rateLimits = createRateLimits(database, {
    apiPerAddress: config.publicApi.perAddress,
    apiPerKey: config.publicApi.perKey,
  });
  // Without a change feed a session could not be forgotten when it ends: read it every time.
  const signedIn = createSessionCache(changes ? {} : { ttlMs: 0 });
  changes?.onChange((change) => {
    if (change.entityType === "user") signedIn.forgetUser(change.entityId);
    if (change.entityType === "bulk") signedIn.clear();
  });
  const publicDb = (readDatabase ?? database).db;
  const jobs = createJobQueue(database.db);
  // Public pages are kept rendered while nothing public changes; without a change feed to
  // say when, each is rendered per request.
  // A replica may lag behind the change just heard: what it renders right after one is served
  // but not kept, so a page read before the replica caught up is not kept for a minute.
  const pages = createPageCache({
    ...(changes && keepPublicPages ? {} : { maxBytes: 0 }),
    ...(readDatabase ? { settleMs: REPLICA_SETTLE_MS } : {}),
  });
  changes?.onChange((change) => changesPublicPages(change) && pages.invalidate());
  // Readers' pages first: the busiest routes (a CDN revalidates them all the time) do not walk
  // the newsroom's routers; none of those share their paths.
  app.use(publicRoutes(publicDb, publicUrl, pages));
  app.use(
    "/trpc",
    trpcRequestGuards(publicUrl),
    createExpressMiddleware({
      router: appRouter,
      maxBatchSize: BATCH_CALLS_MAX,
      maxBodySize: 5_000_000, // room for a long article's text
      async createContext({ req, res }: { req: Request; res: Response }) {
        const token = sessionToken(req);
        const user = token ? await readAgainOnce(() => signedIn.userFor(database.db, token)) : null;
        noteUser(res, user?.id);
        return createContextInner({
          db: database.db,
          config,
          user,
          sessionToken: token,
          userAgent: req.headers["user-agent"],
          clientAddress: req.ip ?? "unknown",
          requestId: requestIdFor(req),
          rateLimits,
          changes,
          jobs,
          readDb: publicDb,
          cookie: {
            set: (value, expires) => res.cookie(SESSION_COOKIE, value, { ...cookieOptions, expires }),
            clear: () => res.clearCookie(SESSION_COOKIE, cookieOptions),
          },
        });
      },
      // A 503 (the database connection was interrupted) tells clients when to try again.
      responseMeta: ({ errors }) =>
        errors.some((error) => error.code === "SERVICE_UNAVAILABLE")
          ? { headers: { "retry-after": String(RETRY_AFTER_SECONDS) } }
          : {},
      onError({ error, path }) {
        if (error.code === "INTERNAL_SERVER_ERROR") log(`tRPC ${path ?? "?"} failed`, error);
        else if (error.message === NUL_MESSAGE) log(`400 tRPC ${path ?? "?"}: NUL character in input`);
      },
    }),
  );

  app.use(claimsCsvRoute(database.db, sessionToken, publicUrl, rateLimits));
  app.use(
    assessmentPackRoute(database.db, async (req) => {
      const token = sessionToken(req);
      return token ? signedIn.userFor(database.db, token) : null;
    }),
  );
  app.use(
    mediaRoutes(database.db, {
      publicDb,
      publicUrl,
      maxBytes: config.media.maxBytes,
      async userFor(req) {
        const token = sessionToken(req);
        const user = token ? await signedIn.userFor(database.db, token) : null;
        if (req.res) noteUser(req.res, user?.id);
        return user && !user.needsTwoFactor ? user : null;
      },
    }),
  );
  app.use(tipRoutes(database.db, publicUrl, { rateLimits, jobs }));
  app.use(
    publicApiRoutes(publicDb, { writeDb: database.db, configuredPublicUrl: publicUrl, pages, rateLimits }),
  );
  serveWebApp(app, config.webDist, log);
  app.use(lastResort(log));
  return app;
}

const RETRY_AFTER_SECONDS = 2;
/** How long after a public change a replica's renders are not kept (replication lag allowance). */
const REPLICA_SETTLE_MS = 10_000;

/**
 * A read before any procedure runs (the session): read again once if the connection was
 * lost, else answer 503 like the procedures do.
 */
async function readAgainOnce<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (!transientDatabaseFailure(error)) throw error;
    try {
      return await read();
    } catch (again) {
      if (!transientDatabaseFailure(again)) throw again;
      throw new TRPCError({
        code: "SERVICE_UNAVAILABLE",
        message: "The database connection was interrupted. Try again in a moment.",
        cause: again,
      });
    }
  }
}

/**
 * Errors of the Express routes (public pages, feeds, export): a lost database connection is
 * a 503 to retry, anything else a plain 500; the details stay in the log, never in the page.
 */
function lastResort(log: (message: string, error?: unknown) => void): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) return next(error);
    const transient = transientDatabaseFailure(error) !== null;
    log(`${transient ? 503 : 500} ${req.method} ${req.path.slice(0, 80)}`, transient ? String(error) : error);
    if (transient) res.setHeader("retry-after", String(RETRY_AFTER_SECONDS));
    res
      .status(transient ? 503 : 500)
      .type("text")
      .send(
        transient
          ? "The service is briefly unavailable; try again in a moment."
          : `Something went wrong on our side${requestIdFor(req) ? ` (request ${requestIdFor(req)})` : ""}.`,
      );
  };
}

/** The built React app: static files, and index.html for its client-side routes. */
function serveWebApp(app: express.Express, webDist: string, log: (message: string) => void) {
  const index = join(webDist, "index.html");
  if (!existsSync(index)) {
    log(`Web app not built (${index} missing): serving the API only. Run \`npm run build\`.`);
    return;
  }
  app.use(WEB_BASE, express.static(webDist, { index: false, maxAge: "1h" }));
  app.get([WEB_BASE, `${WEB_BASE}/{*route}`], (_req, res) => {
    res.setHeader("Cache-Control", "no-cache");
    res.sendFile(index);
  });
}
