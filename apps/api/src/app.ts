import { existsSync } from "node:fs";
import { join } from "node:path";
import type { DbHandle } from "@factdesk/db";
import { BATCH_CALLS_MAX, NUL_MESSAGE } from "@factdesk/schema";
import { createExpressMiddleware } from "@trpc/server/adapters/express";
import { parse as parseCookies } from "cookie";
import express, { type Request, type Response } from "express";
import helmet from "helmet";
import type { TConfig } from "./config";
import { userForSession } from "./domain/auth";
import { createLoginThrottle } from "./domain/login-throttle";
import { claimsCsvRoute } from "./exports/claims-csv";
import type { TChangeFeed } from "./live";
import { publicRoutes } from "./public/routes";
import { refuseNulInAddress, trpcRequestGuards } from "./request-guards";
import { createContextInner } from "./trpc/init";
import { appRouter } from "./trpc/router";

export const SESSION_COOKIE = "factdesk_session";
const sessionToken = (req: Request) => parseCookies(req.headers.cookie ?? "")[SESSION_COOKIE] ?? null;
/** The web app lives under /app; the site root is left for the public verdict pages. */
export const WEB_BASE = "/app";

export interface TAppDeps {
  database: DbHandle;
  /** Committed changes for subscriptions; without it, subscriptions stay silent. */
  changes?: TChangeFeed;
  config: Pick<TConfig, "session" | "webDist" | "https"> &
    Partial<Pick<TConfig, "trustProxy" | "claimThreshold" | "ingestAllowHosts" | "publicUrl">>;
  log?: (message: string, error?: unknown) => void;
}

export function createApp({ database, config, changes, log = console.error }: TAppDeps) {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", config.trustProxy ?? false);
  app.use(
    helmet({
      hsts: config.https,
      contentSecurityPolicy: { directives: { upgradeInsecureRequests: config.https ? [] : null } },
    }),
  );

  app.use(refuseNulInAddress(log));
  const publicUrl = config.publicUrl ?? new URL("http://localhost:3000");

  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    try {
      await database.ping();
      res.json({ status: "ready", database: database.engine });
    } catch (error) {
      log("readyz: database did not answer", error);
      res.status(503).json({ status: "unavailable", database: database.engine });
    }
  });

  const cookieOptions = {
    httpOnly: true,
    sameSite: "lax",
    secure: config.https,
    path: "/",
  } as const;

  const loginThrottle = createLoginThrottle();
  app.use(
    "/trpc",
    trpcRequestGuards(publicUrl),
    createExpressMiddleware({
      router: appRouter,
      maxBatchSize: BATCH_CALLS_MAX,
      maxBodySize: 5_000_000, // room for a long article's text
      async createContext({ req, res }: { req: Request; res: Response }) {
        const token = sessionToken(req);
        const user = token ? await userForSession(database.db, token) : null;
        return createContextInner({
          db: database.db,
          user,
          sessionToken: token,
          userAgent: req.headers["user-agent"],
          clientAddress: req.ip ?? "unknown",
          loginThrottle,
          changes,
          claimThreshold: config.claimThreshold,
          ...(config.ingestAllowHosts ? { ingestAllowHosts: config.ingestAllowHosts } : {}),
          sessionTtlMs: config.session.ttlMs,
          ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
          cookie: {
            set: (value, expires) => res.cookie(SESSION_COOKIE, value, { ...cookieOptions, expires }),
            clear: () => res.clearCookie(SESSION_COOKIE, cookieOptions),
          },
        });
      },
      onError({ error, path }) {
        if (error.code === "INTERNAL_SERVER_ERROR") log(`tRPC ${path ?? "?"} failed`, error);
        else if (error.message === NUL_MESSAGE) log(`400 tRPC ${path ?? "?"}: NUL character in input`);
      },
    }),
  );

  app.use(claimsCsvRoute(database.db, sessionToken, publicUrl));
  app.use(publicRoutes(database.db, publicUrl));
  serveWebApp(app, config.webDist, log);
  return app;
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
