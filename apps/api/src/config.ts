import { join } from "node:path";
import { z } from "zod";
import { repoRoot } from "./paths";

// The only place that reads process.env: validated once at boot, typed everywhere else.
const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  /** Absent: the embedded PGlite database in DATA_DIR. */
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: "DATABASE_URL must be a postgres:// URL." })
    .optional(),
  /**
   * The role that owns the schema and runs migrations; DATABASE_URL is then the app's own
   * role, with only the grants it needs. Absent: DATABASE_URL's role migrates too.
   */
  DATABASE_OWNER_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: "DATABASE_OWNER_URL must be a postgres:// URL." })
    .optional(),
  /**
   * A read replica of DATABASE_URL for the public pages, feeds and public API; absent, they
   * read the primary. Writes always go to the primary.
   */
  DATABASE_READ_URL: z
    .url({ protocol: /^postgres(ql)?$/, error: "DATABASE_READ_URL must be a postgres:// URL." })
    .optional(),
  /** Keys the audit chain; kept outside the database. Absent: a key file is made (not in production). */
  AUDIT_KEY: z.string().min(32, "AUDIT_KEY must have at least 32 characters.").optional(),
  AUDIT_KEY_FILE: z
    .string()
    .min(1)
    .default(join(repoRoot, ".data", "audit.key")),
  /** Signed checkpoints of the audit chain's head are appended here, outside the database. */
  AUDIT_CHECKPOINT_FILE: z
    .string()
    .min(1)
    .default(join(repoRoot, ".data", "audit-checkpoints.jsonl")),
  AUDIT_CHECKPOINT_MINUTES: z.coerce
    .number()
    .positive()
    .max(24 * 60)
    .default(5),
  DATA_DIR: z
    .string()
    .min(1)
    .default(join(repoRoot, ".data", "pglite")),
  /** Where scheduled backups and admins' "Back up now" are written (on the worker's machine). */
  BACKUP_DIR: z
    .string()
    .min(1)
    .default(join(repoRoot, ".data", "backups")),
  /**
   * Where e-mail goes out (smtp://user:password@host:587, smtps:// for TLS from the start);
   * absent, nothing is e-mailed: notifications stay in the app and admins reset passwords.
   */
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: "SMTP_URL must be an smtp:// or smtps:// URL." }).optional(),
  /** Prometheus metrics at /metrics for whoever shows this token; absent, there are none. */
  METRICS_TOKEN: z.string().min(16, "METRICS_TOKEN must have at least 16 characters.").optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** The sender of the desk's e-mail. */
  MAIL_FROM: z.string().min(3).max(254).default("Factdesk <factdesk@localhost>"),
  /** The address readers use; decides whether cookies are Secure. */
  PUBLIC_URL: z.url().optional(),
  SEED_ON_EMPTY: z
    .enum(["true", "false"])
    .default("true")
    .transform((value) => value === "true"),
  SEED_PASSWORD: z.string().min(8, "SEED_PASSWORD must have at least 8 characters.").default("factdesk-dev"),
  SEED_DIR: z.string().min(1).default(join(repoRoot, "seeds")),
  WEB_DIST: z
    .string()
    .min(1)
    .default(join(repoRoot, "apps", "web", "dist")),
  /** Express "trust proxy": set behind a reverse proxy so client addresses are real. */
  TRUST_PROXY: z.string().min(1).default("false"),
  /** Sentences scoring at least this (0–1) become claims; default: the model's threshold. */
  CLAIM_THRESHOLD: z.coerce.number().min(0).max(1).optional(),
  /**
   * Comma-separated hosts that outbound requests (ingest by address, webhooks) may reach
   * although they resolve to private addresses. INGEST_ALLOW_HOSTS is its former name.
   */
  FETCH_ALLOW_HOSTS: z.string().optional(),
  INGEST_ALLOW_HOSTS: z.string().default(""),
  /** Every outbound request, redirects included, ends after this long. */
  FETCH_DEADLINE_SECONDS: z.coerce.number().positive().max(300).default(15),
  FETCH_MAX_MB: z.coerce.number().positive().max(100).default(5),
  /** The largest image or video a claim may carry (kept twice: as sent, and its public copy). */
  MEDIA_MAX_MB: z.coerce.number().positive().max(200).default(20),
  /** Public API requests per 15 minutes: from an address without a key, and per partner key. */
  API_REQUESTS_ANONYMOUS: z.coerce.number().int().min(1).max(1_000_000).default(600),
  API_REQUESTS_PER_KEY: z.coerce.number().int().min(1).max(10_000_000).default(6000),
  /** Whether the app process runs the job workers too; false when `factdesk worker` processes do. */
  JOBS_IN_PROCESS: z
    .enum(["true", "false"])
    .default("true")
    .transform((value) => value === "true"),
  /** First retry delay of a failed webhook delivery; each further retry doubles it. */
  WEBHOOK_RETRY_SECONDS: z.coerce.number().int().min(1).default(30),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 90)
    .default(24 * 14),
});

export type TConfig = ReturnType<typeof loadConfig>;

/** The settings from `env` (the process's environment unless a test or script passes its own). */
export function loadConfig(env: Record<string, string | undefined> = process.env) {
  // Empty strings (FOO= in a .env file) mean "not set".
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ""));
  const parsed = ZEnv.safeParse(present);
  if (!parsed.success) {
    throw new Error(`Invalid configuration:\n${z.prettifyError(parsed.error)}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === "production" && !e.AUDIT_KEY)
    throw new Error(
      "Invalid configuration:\n✖ AUDIT_KEY is required in production (at least 32 characters, kept outside the database).",
    );
  const publicUrl = new URL(e.PUBLIC_URL ?? `http://localhost:${e.PORT}`);
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    database: e.DATABASE_URL
      ? ({
          engine: "postgres",
          url: e.DATABASE_URL,
          ownerUrl: e.DATABASE_OWNER_URL,
          readUrl: e.DATABASE_READ_URL,
        } as const)
      : ({ engine: "pglite", dataDir: e.DATA_DIR } as const),
    audit: {
      key: e.AUDIT_KEY,
      keyFile: e.AUDIT_KEY_FILE,
      checkpointFile: e.AUDIT_CHECKPOINT_FILE,
      checkpointMs: e.AUDIT_CHECKPOINT_MINUTES * 60_000,
    },
    backups: { dir: e.BACKUP_DIR },
    media: { maxBytes: e.MEDIA_MAX_MB * 1_000_000 },
    publicApi: { perAddress: e.API_REQUESTS_ANONYMOUS, perKey: e.API_REQUESTS_PER_KEY },
    seed: { onEmpty: e.SEED_ON_EMPTY, password: e.SEED_PASSWORD, dir: e.SEED_DIR },
    webDist: e.WEB_DIST,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    claimThreshold: e.CLAIM_THRESHOLD,
    /** The one fetcher's rules (see fetcher.ts). */
    fetch: {
      allowHosts: (e.FETCH_ALLOW_HOSTS ?? e.INGEST_ALLOW_HOSTS)
        .split(",")
        .map((host) => host.trim())
        .filter(Boolean),
      deadlineMs: e.FETCH_DEADLINE_SECONDS * 1000,
      maxBytes: e.FETCH_MAX_MB * 1_000_000,
    },
    /** Served over https: Secure cookies, HSTS and upgrade-insecure-requests. */
    https: publicUrl.protocol === "https:",
    session: { ttlMs: e.SESSION_TTL_HOURS * 3_600_000 },
    jobs: { inProcess: e.JOBS_IN_PROCESS },
    webhooks: { retrySeconds: e.WEBHOOK_RETRY_SECONDS },
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM },
    observability: { metricsToken: e.METRICS_TOKEN, logLevel: e.LOG_LEVEL },
  };
}

/** "true"/"false", a hop count, or addresses/subnets as Express accepts them. */
function parseTrustProxy(value: string): boolean | number | string {
  if (value === "true" || value === "false") return value === "true";
  return /^\d+$/.test(value) ? Number(value) : value;
}
