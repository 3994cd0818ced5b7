/**
 * Typed errors: services throw these; graphql/format-error.ts maps them to extensions once. The codes here are the
 * ones any feature may use; a feature declares its own (CONNECTWISE_*, QUICKBOOKS_*…) beside its code with
 * declareErrorCodes(). Clients read every code as `extensions.code`.
 */

export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  RATE_LIMITED = 'RATE_LIMITED',
  /** A link's or a form's token is wrong, expired or already used. */
  INVALID_TOKEN = 'INVALID_TOKEN',
  /** Mobius's own database did not answer (stopped, unreachable or locked); nothing was half-written. HTTP 503. */
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

declare const declaredCode: unique symbol;

/** A feature's own error code, made by declareErrorCodes() (a bare string is refused: every code is declared once). */
export type FeatureErrorCode<C extends string = string> = C & { readonly [declaredCode]: true };

export type DomainErrorCode = ErrorCode | FeatureErrorCode;

/** A feature's error codes, each its own value: `const CODES = declareErrorCodes('A_B', 'A_C')` gives `CODES.A_B`. */
export function declareErrorCodes<const C extends string>(...codes: C[]): { readonly [K in C]: FeatureErrorCode<K> } {
  return Object.freeze(Object.fromEntries(codes.map((code) => [code, code]))) as {
    readonly [K in C]: FeatureErrorCode<K>;
  };
}

export interface DomainErrorOptions {
  /** The input field a person should fix. */
  field?: string;
  /** Extra, safe-to-show extensions (e.g. retryAfterSeconds). */
  extensions?: Record<string, unknown>;
  cause?: unknown;
}

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly field?: string;
  readonly extensions?: Record<string, unknown>;

  constructor(code: DomainErrorCode, message: string, options: DomainErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DomainError';
    this.code = code;
    this.field = options.field;
    this.extensions = options.extensions;
  }

  /** Whether this error carries one of `codes` (generic or a feature's): `error.is(QuickBooksErrorCode.QUICKBOOKS_UNAVAILABLE)`. */
  is(...codes: DomainErrorCode[]): boolean {
    return codes.includes(this.code);
  }
}

export const badInput = (field: string, message: string) =>
  new DomainError(ErrorCode.BAD_USER_INPUT, message, { field });

export const unauthenticated = (message = 'Please log in to continue.') =>
  new DomainError(ErrorCode.UNAUTHENTICATED, message);

/** What an API client hears for a wrong, expired or revoked `Authorization` credential: HTTP 401 (docs/security.md). */
export const INVALID_CREDENTIALS_MESSAGE = 'Invalid or revoked API token.';

/** A credential was sent and refused (graphql/service-unavailable.ts makes it an HTTP 401). */
export class InvalidCredentialsError extends DomainError {
  constructor() {
    super(ErrorCode.UNAUTHENTICATED, INVALID_CREDENTIALS_MESSAGE);
    this.name = 'InvalidCredentialsError';
  }
}

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

/** Seconds a client is told to wait (Retry-After) when the database is unavailable. */
export const DATABASE_RETRY_AFTER_SECONDS = 30;

export const databaseUnavailable = (cause?: unknown) =>
  new DomainError(
    ErrorCode.SERVICE_UNAVAILABLE,
    'Mobius cannot reach its database just now, so nothing was changed. Please try again in a minute.',
    { cause, extensions: { retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS } },
  );

/**
 * Driver codes that mean the database itself is unavailable (docs/faults.md): MySQL/MariaDB stopped,
 * unreachable, out of connections or shutting down (mysql2); an SQLite file locked by another process past
 * the busy timeout, or unreadable/full (better-sqlite3). Constraint violations and bad SQL are not here.
 */
const SERVER_CODES = new Set([
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'ER_NORMAL_SHUTDOWN',
  'ER_LOCK_WAIT_TIMEOUT',
  'ER_CLIENT_INTERACTION_TIMEOUT',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_IOERR',
  'SQLITE_FULL',
  'SQLITE_CANTOPEN',
  'SQLITE_READONLY',
  'SQLITE_PROTOCOL',
]);

/** Socket and protocol codes: the database's only when the driver raised them (mysql2 marks them `fatal`). */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
  'PROTOCOL_ENQUEUE_AFTER_QUIT',
]);

/** mysql2 / better-sqlite3 messages without a code for a connection that died or was closed. */
const CLOSED_CONNECTION_MESSAGES = [
  /can't add new command when connection is in closed state/i,
  /the database connection is not open/i,
  /^pool is closed/i,
];

/**
 * True when `error` (or the driver error or cause it wraps) says the database is unavailable rather than
 * that the query was wrong. A vendor's refused socket (fetch's ECONNREFUSED) is not the database's.
 */
export function isDatabaseUnavailable(error: unknown, fromDriver = false, depth = 0): boolean {
  if (depth > 8 || typeof error !== 'object' || error === null) return false;
  if (error instanceof DomainError) return error.code === ErrorCode.SERVICE_UNAVAILABLE;
  const e = error as { code?: unknown; fatal?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
  if (typeof e.code === 'string') {
    const base = e.code.replace(/^(SQLITE_[A-Z]+)_.*$/, '$1');
    if (SERVER_CODES.has(base)) return true;
    if (CONNECTION_CODES.has(base) && (fromDriver || e.fatal === true)) return true;
  }
  if (typeof e.message === 'string' && CLOSED_CONNECTION_MESSAGES.some((pattern) => pattern.test(e.message as string)))
    return true;
  // graphql-js wraps a thrown value it does not recognise as an Error (another realm's) as `thrownValue`.
  const wrapped = (error as { thrownValue?: unknown }).thrownValue;
  return (
    isDatabaseUnavailable(e.driverError, true, depth + 1) ||
    isDatabaseUnavailable(e.cause, fromDriver, depth + 1) ||
    isDatabaseUnavailable(wrapped, fromDriver, depth + 1)
  );
}
