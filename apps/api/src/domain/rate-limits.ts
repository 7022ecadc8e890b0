import { DomainError } from "@factdesk/schema";
import {
  type IRateLimiterOptions,
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRes,
} from "rate-limiter-flexible";

/**
 * Budgets against guessing and overload, counted in the database (table rate_limits) so
 * every API instance draws on the same budget; in memory only where there is no database
 * (unit tests). A spent budget is TOO_MANY_REQUESTS saying when to try again.
 */

/** What rate-limiter-flexible's PostgreSQL store needs: pg's query shape (PGlite adapted to it). */
export interface TLimitStore {
  query(q: { text: string; values?: unknown[] }): Promise<{ rows: unknown[] }>;
}

const WINDOW_SECONDS = 15 * 60;

/** Expensive work a person may ask for this often per window (preview, ingest, match, export). */
export const expensiveBudgets = {
  ingest: { points: 60, what: "article previews and ingests" },
  match: { points: 600, what: "archive searches" },
  export: { points: 30, what: "exports" },
} as const;
export type TExpensiveWork = keyof typeof expensiveBudgets;

function limiter(store: TLimitStore | undefined, keyPrefix: string, points: number) {
  const options: IRateLimiterOptions = { keyPrefix, points, duration: WINDOW_SECONDS };
  return store
    ? new RateLimiterPostgres({
        ...options,
        storeClient: store,
        storeType: "client",
        tableName: "rate_limits",
        tableCreated: true,
      })
    : new RateLimiterMemory(options);
}

const tooMany = (error: unknown, what: string) => {
  if (!(error instanceof RateLimiterRes)) throw error;
  const minutes = Math.max(1, Math.ceil(error.msBeforeNext / 60_000));
  return new DomainError(
    "TOO_MANY_REQUESTS",
    `Too many ${what}. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
    { retryAfterSeconds: Math.ceil(error.msBeforeNext / 1000) },
  );
};

export function createRateLimits(
  store?: TLimitStore,
  {
    perAccount = 10,
    perAddress = 100,
    tipsPerAddress = 10,
    // Public API requests per window: a partner's key, and an address without one.
    apiPerKey = 6000,
    apiPerAddress = 600,
  } = {},
) {
  const apiByKey = limiter(store, "api_key", apiPerKey);
  const apiByAddress = limiter(store, "api_address", apiPerAddress);
  const byAccount = limiter(store, "login_account", perAccount);
  const tipsByAddress = limiter(store, "tips_address", tipsPerAddress);
  const byAddress = limiter(store, "login_address", perAddress);
  const accountKey = (address: string, email: string) => `${address}|${email.trim().toLowerCase()}`;
  const expensive = Object.fromEntries(
    Object.entries(expensiveBudgets).map(([work, { points }]) => [
      work,
      limiter(store, `work_${work}`, points),
    ]),
  ) as Record<TExpensiveWork, RateLimiterMemory | RateLimiterPostgres>;

  return {
    /**
     * Slows password guessing: a few attempts per account from one address, and a wider
     * budget per address across accounts (credential stuffing).
     */
    async loginAttempt(address: string, email: string): Promise<void> {
      try {
        await byAddress.consume(address);
        await byAccount.consume(accountKey(address, email));
      } catch (error) {
        throw tooMany(error, "login attempts");
      }
    },
    /** A successful login clears the account's count. */
    async loginSucceeded(address: string, email: string): Promise<void> {
      await byAccount.delete(accountKey(address, email));
    },
    /** Readers' tips: a few per address per window, enough for a person and not for a flood. */
    async tipSubmitted(address: string): Promise<void> {
      try {
        await tipsByAddress.consume(address);
      } catch (error) {
        throw tooMany(error, "tips from your address");
      }
    },
    /** A public API request: a partner's key has its own budget, anonymous callers their address's. */
    async apiRequest(caller: { keyId: string } | { address: string }): Promise<void> {
      try {
        if ("keyId" in caller) await apiByKey.consume(caller.keyId);
        else await apiByAddress.consume(caller.address);
      } catch (error) {
        throw tooMany(error, "API requests");
      }
    },
    /** Draws one unit of a person's budget for expensive work. */
    async spend(work: TExpensiveWork, userId: string): Promise<void> {
      try {
        await expensive[work].consume(userId);
      } catch (error) {
        throw tooMany(error, expensiveBudgets[work].what);
      }
    },
  };
}
export type TRateLimits = ReturnType<typeof createRateLimits>;
