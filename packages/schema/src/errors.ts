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
  constructor(
    readonly code: TDomainErrorCode,
    message: string,
    /** Extra data for the client, e.g. the current state on a CONFLICT. */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const isDomainError = (error: unknown): error is DomainError => error instanceof DomainError;
