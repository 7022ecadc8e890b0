import { randomUUID, timingSafeEqual } from "node:crypto";
import type { DbHandle } from "@factdesk/db";
import { JOB_SCHEMA } from "@factdesk/db";
import express, { type Request, type Response } from "express";
import pino, { type Logger } from "pino";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

// What an operator reads: one JSON log line per request (pino) and Prometheus metrics. Both are
// kept free of secrets: no cookies, no query strings (tRPC inputs, search terms), no tip codes.

/**
 * The structured logger: JSON lines on stdout, secrets redacted wherever they appear. Lines are
 * written asynchronously (a line per request must not cost a blocking write); `flush` before exit.
 */
export const createLogger = (level: string, destination?: pino.DestinationStream) =>
  pino(
    {
      level,
      redact: {
        paths: ["req.headers.cookie", "req.headers.authorization", 'res.headers["set-cookie"]'],
        censor: "[redacted]",
      },
    },
    destination ?? pino.destination({ dest: 1, sync: false }),
  );

/** The app's `log(message, error)` over a logger. */
export const logTo = (logger: Logger) => (message: string, error?: unknown) =>
  error === undefined ? logger.error(message) : logger.error({ err: error }, message);

/** A request id from the client is kept when it looks like one; else a new one. */
const requestIdOf = (given: unknown) =>
  typeof given === "string" && /^[\w.:-]{8,128}$/.test(given) ? given : randomUUID();

/**
 * What a request is, for logs and metrics: the tRPC procedure(s), else the path with what
 * identifies a person's thing (a tip's tracking code, a pack's id) taken out.
 */
export function routeOf(req: Request) {
  // Asked for by the log line and the metrics of every request: worked out once.
  const known = routes.get(req);
  if (known !== undefined) return known;
  const route = routeOfPath(req);
  routes.set(req, route);
  return route;
}
const routes = new WeakMap<Request, string>();

function routeOfPath(req: Request) {
  // The original address: inside a mounted router Express shows only the rest of it.
  const path = (req.originalUrl ?? req.url).split("?")[0] ?? "/";
  if (path.startsWith("/trpc/")) return path.slice("/trpc/".length).slice(0, 200);
  return path
    .replace(/^\/tips\/[^/]+/, "/tips/:code")
    .replace(/^\/export\/assessment-packs\/[^/]+/, "/export/assessment-packs/:id")
    .replace(/^\/sources\/[^/]+/, "/sources/:id")
    .replace(/^\/verdicts\/[^/]+/, "/verdicts/:slug")
    .replace(/^\/api\/v1\/fact-checks\/[^/]+/, "/api/v1/fact-checks/:slug")
    .replace(/^\/app\/.*/, "/app/*")
    .slice(0, 200);
}

/** Who made the request, once the session is read (set by the tRPC context). */
export const noteUser = (res: Response, userId: string | undefined) => {
  if (userId) res.locals.userId = userId;
};

/**
 * One log line per request, with its id (also sent back as X-Request-Id and shown in error
 * messages), the user, the route or procedure, the status and the duration.
 */
export function requestLogging(logger: Logger): express.RequestHandler {
  // Written here rather than with pino-http, which makes a child logger for every request:
  // measured on a kept public page answered 304, that was a sixth of the request's CPU.
  return (req, res, next) => {
    const id = requestIdOf(req.headers["x-request-id"]);
    (req as Request & { id?: string }).id = id;
    res.setHeader("X-Request-Id", id);
    if (req.url === "/healthz" || req.url === "/metrics") return next();
    const started = performance.now();
    const done = () => {
      res.off("finish", done);
      res.off("close", done);
      const status = res.statusCode;
      const route = routeOf(req);
      const aborted = !res.writableFinished;
      const level = aborted || status >= 500 ? "error" : status >= 400 ? "warn" : "info";
      logger[level](
        {
          reqId: id,
          req: { id, method: req.method },
          res: { status },
          responseTime: Math.round(performance.now() - started),
          route,
          user: res.locals.userId ?? null,
        },
        `${req.method} ${route} ${status}${aborted ? " (aborted)" : ""}`,
      );
    };
    res.on("finish", done);
    res.on("close", done);
    next();
  };
}

/** The request's id (set by requestLogging), for error messages. */
export const requestIdFor = (req: Request): string | undefined =>
  (req as Request & { id?: string }).id?.toString();

/**
 * Prometheus metrics: requests by route and status with their latency, the database pool, the
 * job queue's depth and oldest wait per queue, failed webhook deliveries, and the process's own
 * (memory, event loop). Served at /metrics to whoever shows the token, and to nobody without one.
 */
let processMetrics: Registry | undefined;
/** The process's own metrics (memory, CPU, event loop), collected once however many apps it runs. */
function processRegistry() {
  if (!processMetrics) {
    processMetrics = new Registry();
    collectDefaultMetrics({ register: processMetrics, prefix: "factdesk_" });
  }
  return processMetrics;
}

export function createMetrics(
  database: DbHandle,
  {
    liveStreams,
    procedures,
  }: {
    liveStreams?: { size: number };
    /** The API's procedure names: a batch is counted per procedure, other names as one series. */
    procedures?: ReadonlySet<string>;
  } = {},
) {
  const registry = new Registry();
  const throttled = new Counter({
    name: "factdesk_throttled_requests_total",
    help: "Requests refused by a rate limit (429), by route: login throttling shows as auth.login.",
    labelNames: ["route"],
    registers: [registry],
  });
  new Gauge({
    name: "factdesk_live_streams",
    help: "Open live-update streams (browsers following changes).",
    registers: [registry],
    collect() {
      this.set(liveStreams?.size ?? 0);
    },
  });
  const requests = new Histogram({
    name: "factdesk_http_request_duration_seconds",
    help: "HTTP requests by route (or tRPC procedure) and status, with their duration.",
    labelNames: ["route", "status"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [registry],
  });
  new Gauge({
    name: "factdesk_db_pool_connections",
    help: "PostgreSQL pool connections by state (absent on the embedded database).",
    labelNames: ["state"],
    registers: [registry],
    collect() {
      const stats = database.poolStats?.();
      if (!stats) return;
      for (const [state, value] of Object.entries(stats)) this.set({ state }, value);
    },
  });
  const rows = async <T>(text: string) => (await database.query({ text })).rows as T[];
  new Gauge({
    name: "factdesk_jobs_waiting",
    help: "Jobs due or retrying, per queue.",
    labelNames: ["queue"],
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of await rows<{ name: string; n: number }>(
        `select name, count(*)::int as n from ${JOB_SCHEMA}.job where state in ('created', 'retry', 'active') group by name`,
      ))
        this.set({ queue: row.name }, row.n);
    },
  });
  new Gauge({
    name: "factdesk_jobs_oldest_waiting_seconds",
    help: "How long the oldest job not yet done has waited, per queue.",
    labelNames: ["queue"],
    registers: [registry],
    async collect() {
      this.reset();
      for (const row of await rows<{ name: string; age: number }>(
        `select name, extract(epoch from now() - min(created_on))::float8 as age from ${JOB_SCHEMA}.job
         where state in ('created', 'retry', 'active') and start_after <= now() group by name`,
      ))
        this.set({ queue: row.name }, row.age);
    },
  });
  new Gauge({
    name: "factdesk_webhook_deliveries_failed",
    help: "Webhook deliveries that gave up.",
    registers: [registry],
    async collect() {
      const [row] = await rows<{ n: number }>(
        "select count(*)::int as n from webhook_deliveries where status = 'failed'",
      );
      this.set(row?.n ?? 0);
    },
  });

  new Gauge({
    name: "factdesk_backup_last_success_timestamp_seconds",
    help: "When the last backup finished (Unix time; 0: none yet).",
    registers: [registry],
    async collect() {
      const [row] = await rows<{ at: number | null }>(
        "select extract(epoch from max(finished_at))::float8 as at from backups",
      );
      this.set(row?.at ?? 0);
    },
  });
  new Gauge({
    name: "factdesk_backup_interval_seconds",
    help: "How often the schedule asks for a backup (0: scheduled backups are off).",
    registers: [registry],
    async collect() {
      const [row] = await rows<{ every: number | null }>(
        "select every_hours * 3600 as every from backup_schedule",
      );
      this.set(row?.every ?? 24 * 3600);
    },
  });

  /** Times every request (route and status known when it finishes). */
  const timing: express.RequestHandler = (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      if (req.path === "/metrics") return;
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      // Addresses nothing answers are one series, and a tRPC batch counts once per procedure
      // it names: made-up paths and batch orders must not grow the registry.
      const route = res.statusCode === 404 ? "(not found)" : routeOf(req);
      const status = String(res.statusCode);
      const routes =
        procedures && req.originalUrl?.startsWith("/trpc/")
          ? [
              ...new Set(
                route.split(",").map((name) => (procedures.has(name) ? name : "(unknown procedure)")),
              ),
            ]
          : [route];
      for (const each of routes) {
        requests.observe({ route: each, status }, seconds);
        if (res.statusCode === 429) throttled.inc({ route: each });
      }
    });
    next();
  };

  /** GET /metrics with `Authorization: Bearer <METRICS_TOKEN>`; without a token set, there is no such page. */
  const route = (token: string | undefined) => {
    const router = express.Router();
    router.get("/metrics", async (req, res, next) => {
      try {
        const given = Buffer.from((req.headers.authorization ?? "").replace(/^Bearer /, ""));
        const wanted = Buffer.from(token ?? "");
        if (!token) return void res.status(404).type("text").send("Metrics are off: set METRICS_TOKEN.");
        if (given.length !== wanted.length || !timingSafeEqual(given, wanted))
          return void res.status(401).type("text").send("Show the metrics token (Authorization: Bearer …).");
        const all = Registry.merge([processRegistry(), registry]);
        res.type(all.contentType).send(await all.metrics());
      } catch (error) {
        next(error);
      }
    });
    return router;
  };
  return { registry, timing, route };
}
