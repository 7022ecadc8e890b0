import { inEnglish, type TWords } from "./messages";

/**
 * The one error type domain code throws. The API maps each code to the tRPC error of the
 * same name, so a failure always reaches the user typed and with a message they can act on.
 */
export const domainErrorCodes = [
  "BAD_REQUEST",
  "UNAUTHORIZED",
  "FORBIDDEN",
  "NOT_FOUND",
  "CONFLICT",
  "PRECONDITION_FAILED",
  "TOO_MANY_REQUESTS",
] as const;
export type TDomainErrorCode = (typeof domainErrorCodes)[number];

export class DomainError extends Error {
  override readonly name = "DomainError";
  /** The message as words of the catalog, for the client to say in the person's language. */
  readonly words?: TWords;
  constructor(
    readonly code: TDomainErrorCode,
    message: string | TWords,
    /** Extra data for the client, e.g. the current state on a CONFLICT. */
    readonly details?: Record<string, unknown>,
  ) {
    super(typeof message === "string" ? message : inEnglish(message));
    if (typeof message !== "string") this.words = message;
  }
}

export const isDomainError = (error: unknown): error is DomainError => error instanceof DomainError;
