/** Typed errors: services throw these; graphql/format-error.ts maps them to extensions once. */

export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  RATE_LIMITED = 'RATE_LIMITED',
  INVALID_TOKEN = 'INVALID_TOKEN',
  CONNECTWISE_SITE_UNREACHABLE = 'CONNECTWISE_SITE_UNREACHABLE',
  CONNECTWISE_COMPANY_NOT_FOUND = 'CONNECTWISE_COMPANY_NOT_FOUND',
  CONNECTWISE_INVALID_KEYS = 'CONNECTWISE_INVALID_KEYS',
  CONNECTWISE_MISSING_PERMISSIONS = 'CONNECTWISE_MISSING_PERMISSIONS',
  CONNECTWISE_REQUIRED = 'CONNECTWISE_REQUIRED',
  QUICKBOOKS_NOT_CONNECTED = 'QUICKBOOKS_NOT_CONNECTED',
  QUICKBOOKS_REALM_IN_USE = 'QUICKBOOKS_REALM_IN_USE',
  /** Intuit or QuickBooks Online could not be reached just now; the connection itself is fine. */
  QUICKBOOKS_UNAVAILABLE = 'QUICKBOOKS_UNAVAILABLE',
  /** A run of this QuickBooks company is already queued or running (extensions.runId names it). */
  IMPORT_IN_PROGRESS = 'IMPORT_IN_PROGRESS',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

export interface DomainErrorOptions {
  /** The input field a person should fix. */
  field?: string;
  /** Extra, safe-to-show extensions (e.g. retryAfterSeconds). */
  extensions?: Record<string, unknown>;
  cause?: unknown;
}

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly field?: string;
  readonly extensions?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: DomainErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DomainError';
    this.code = code;
    this.field = options.field;
    this.extensions = options.extensions;
  }
}

export const badInput = (field: string, message: string) =>
  new DomainError(ErrorCode.BAD_USER_INPUT, message, { field });

export const unauthenticated = (message = 'Please log in to continue.') =>
  new DomainError(ErrorCode.UNAUTHENTICATED, message);

export const forbidden = (message = 'You do not have permission to do this.') =>
  new DomainError(ErrorCode.FORBIDDEN, message);

/** "<what>. Please try again in N minutes[, <alternative>]." with retryAfterSeconds. */
export function rateLimited(retryAfterMs: number, what = 'Too many attempts', alternative?: string): DomainError {
  const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
  return new DomainError(
    ErrorCode.RATE_LIMITED,
    `${what}. Please try again in ${minutes} minute${minutes === 1 ? '' : 's'}${alternative ? `, ${alternative}` : ''}.`,
    { extensions: { retryAfterSeconds: Math.ceil(retryAfterMs / 1000) } },
  );
}
