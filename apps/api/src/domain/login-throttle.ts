import { DomainError } from "@factdesk/schema";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

/**
 * Slows password guessing: a few attempts per account from one address, and a wider budget
 * per address across accounts (credential stuffing). A successful login clears the account's
 * count. Kept in memory: one budget per API process.
 */
export function createLoginThrottle({ perAccount = 10, perAddress = 100, windowSeconds = 15 * 60 } = {}) {
  const byAccount = new RateLimiterMemory({ points: perAccount, duration: windowSeconds });
  const byAddress = new RateLimiterMemory({ points: perAddress, duration: windowSeconds });
  const accountKey = (address: string, email: string) => `${address}|${email.trim().toLowerCase()}`;

  return {
    async attempt(address: string, email: string): Promise<void> {
      try {
        await byAddress.consume(address);
        await byAccount.consume(accountKey(address, email));
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) throw error;
        const minutes = Math.max(1, Math.ceil(error.msBeforeNext / 60_000));
        throw new DomainError(
          "TOO_MANY_REQUESTS",
          `Too many login attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
        );
      }
    },
    async succeeded(address: string, email: string): Promise<void> {
      await byAccount.delete(accountKey(address, email));
    },
  };
}
export type TLoginThrottle = ReturnType<typeof createLoginThrottle>;
