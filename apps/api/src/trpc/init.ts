import { type Db, transientDatabaseFailure } from "@factdesk/db";
import { hasRole, inputProblem, isDomainError, roleLabels, type TRole } from "@factdesk/schema";
import { initTRPC, TRPCError } from "@trpc/server";
import { ZodError, z } from "zod";
import type { TConfig } from "../config";
import type { TSessionUser } from "../domain/auth";
import { createRateLimits, type TExpensiveWork, type TRateLimits } from "../domain/rate-limits";
import { createJobQueue, type TJobQueue } from "../jobs/queue";
import { createChangeFeed, type TChangeFeed } from "../live";
import { mailerFor, type TMailer } from "../mailer";

/** What a procedure may do with the session cookie; HTTP sets it, tests record it. */
export interface TSessionCookie {
  set(token: string, expiresAt: Date): void;
  clear(): void;
}

export interface TContextOptions {
  db: Db;
  /** The validated configuration, read once at boot: the only source of settings for procedures. */
  config: TConfig;
  user?: TSessionUser | null;
  sessionToken?: string | null;
  cookie?: TSessionCookie;
  userAgent?: string;
  /** The client's address, for throttling logins. */
  clientAddress?: string;
  /** Shared by every request of one app (kept in the database); a caller without one gets its own. */
  rateLimits?: TRateLimits;
  /** Committed changes, for subscriptions. */
  changes?: TChangeFeed;
  /** Where public reads go (a read replica when there is one); without it, `db`. */
  readDb?: Db;
  /** Where slow work after a change is queued; a caller without one sends to its own database. */
  jobs?: TJobQueue;
  /** The request's id (logs, the X-Request-Id header), shown with an unexpected error. */
  requestId?: string | undefined;
  /** Outgoing e-mail (null: none configured); without it, made from the configuration. */
  mailer?: TMailer | null;
}

/** The context without HTTP: for createCaller in tests and scripts. */
export function createContextInner(options: TContextOptions) {
  return {
    db: options.db,
    config: options.config,
    user: options.user ?? null,
    sessionToken: options.sessionToken ?? null,
    cookie: options.cookie ?? { set() {}, clear() {} },
    userAgent: options.userAgent,
    clientAddress: options.clientAddress ?? "local",
    rateLimits: options.rateLimits ?? createRateLimits(),
    changes: options.changes ?? createChangeFeed(),
    jobs: options.jobs ?? createJobQueue(options.db),
    readDb: options.readDb ?? options.db,
    mailer: options.mailer === undefined ? mailerFor(options.config) : options.mailer,
    requestId: options.requestId,
  };
}
export type TContext = ReturnType<typeof createContextInner>;

const t = initTRPC.context<TContext>().create({
  errorFormatter({ shape, error, ctx }) {
    // Stack traces stay in the server log, never in a response.
    const { stack: _stack, ...data } = shape.data;
    const cause = error.cause;
    if (error.code === "INTERNAL_SERVER_ERROR") {
      const request = ctx?.requestId ? ` (request ${ctx.requestId})` : "";
      return { ...shape, message: `Something went wrong on our side; the error was logged${request}.`, data };
    }
    if (cause instanceof ZodError) {
      // Problems of a field (shown beside it) apart from those of the input as a whole.
      const { fieldErrors, formErrors } = z.flattenError(cause);
      return { ...shape, data: { ...data, fields: fieldErrors, form: formErrors } };
    }
    return {
      ...shape,
      data: {
        ...data,
        ...(isDomainError(cause) && cause.details ? { details: cause.details } : {}),
        ...(isDomainError(cause) && cause.words ? { words: cause.words } : {}),
      },
    };
  },
});

export const createCallerFactory = t.createCallerFactory;
export const router = t.router;

/** One sentence per problem, e.g. "version: Invalid input: expected number, received string". */
const describeIssues = (error: ZodError) =>
  error.issues
    .map((issue) => (issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message))
    .join("; ");

/** Attempts at a transaction the database rolled back (deadlock, serialisation) before giving up. */
const ATTEMPTS = 3;

/**
 * The single place where failures become typed tRPC errors: a DomainError keeps its code,
 * invalid input becomes BAD_REQUEST with a readable message instead of a zod JSON dump.
 * A transient database failure is retried where that is safe (the database rolled the work
 * back, or it only read), else it is a CONFLICT or a 503 the client may retry, never a 500.
 */
const typedErrors = t.middleware(async ({ next, type }) => {
  for (let attempt = 1; ; attempt++) {
    const result = await next();
    if (result.ok) return result;
    const cause = result.error.cause;
    if (isDomainError(cause)) throw new TRPCError({ code: cause.code, message: cause.message, cause });
    if (cause instanceof ZodError)
      throw new TRPCError({ code: "BAD_REQUEST", message: describeIssues(cause), cause });
    const failure = transientDatabaseFailure(cause);
    if (!failure) return result;
    const safeToRepeat = failure === "rolled_back" || type === "query";
    if (safeToRepeat && attempt < ATTEMPTS) {
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 50));
      continue;
    }
    if (failure === "rolled_back")
      throw new TRPCError({
        code: "CONFLICT",
        message: "Someone else changed the same records at the same moment; nothing was saved. Try again.",
        cause,
      });
    throw new TRPCError({
      code: "SERVICE_UNAVAILABLE",
      message:
        "The database connection was interrupted. Try again in a moment; check whether your change was saved.",
      cause,
    });
  }
});

/** NUL characters and absurd nesting are refused for every procedure before its own schema runs. */
const inertInput = t.middleware(async ({ getRawInput, next }) => {
  // A body that is not JSON at all is refused by the procedure's own input parser (if it has one).
  const problem = inputProblem(await getRawInput().catch(() => undefined));
  if (problem) throw new TRPCError({ code: "BAD_REQUEST", message: problem });
  return next();
});

export const publicProcedure = t.procedure.use(typedErrors).use(inertInput);

export const authedProcedure = publicProcedure.use(({ ctx, path, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Log in to continue." });
  // A session waiting for its second factor to be set up may do only that (and sign out).
  if (ctx.user.needsTwoFactor && !path.startsWith("account.") && !path.startsWith("auth."))
    throw new TRPCError({
      code: "FORBIDDEN",
      message: "Your desk requires two-factor sign-in for editors and admins: set it up under Account first.",
    });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

const roleProcedure = (role: TRole) =>
  authedProcedure.use(({ ctx, next }) => {
    if (!hasRole(ctx.user, role)) {
      throw new TRPCError({ code: "FORBIDDEN", message: `This needs the ${roleLabels[role]} role.` });
    }
    return next();
  });

/** Expensive work draws on the person's budget for it first (see rate-limits.ts). */
export const spending = (work: TExpensiveWork) =>
  authedProcedure.use(async ({ ctx, next }) => {
    await ctx.rateLimits.spend(work, ctx.user.id);
    return next();
  });

export const editorProcedure = roleProcedure("editor");
export const adminProcedure = roleProcedure("admin");
