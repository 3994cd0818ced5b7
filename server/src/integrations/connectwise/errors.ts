/** Typed failures of the ConnectWise PSA client. Messages are safe to show: never keys, never upstream bodies. */

export type ConnectWiseErrorKind =
  /** The Site value itself is unusable (scheme, path, port, private address...). */
  | 'INVALID_SITE'
  /** A Company ID, key or client id has a shape ConnectWise could never accept. */
  | 'INVALID_INPUT'
  /** DNS failure, connection refused, TLS failure or timeout. */
  | 'SITE_UNREACHABLE'
  /** /login/companyinfo answered non-200 or without a Codebase. */
  | 'COMPANY_NOT_FOUND'
  /** 401 (and a 404 on /system/info during validation, see validateCredentials). */
  | 'INVALID_KEYS'
  /** 403: the API member's security role lacks the rights. */
  | 'MISSING_PERMISSIONS'
  /** 404 on a specific record. */
  | 'NOT_FOUND'
  /**
   * ConnectWise refused our request as malformed: any other 4xx (400, 405, 409, 415...), or a 500 whose body says
   * it could not read our payload (unreadable-payload.ts). Permanent: a bug of ours, never retried.
   */
  | 'REQUEST_REJECTED'
  /** 429 whose Retry-After exceeds our cap, or still 429 after the retries. */
  | 'RATE_LIMITED'
  /** 5xx after the retries. */
  | 'SERVER_ERROR'
  /** A redirect, a non-JSON body, an oversized body or a payload of the wrong shape. */
  | 'BAD_RESPONSE';

export type ConnectWiseField = 'site' | 'companyId' | 'publicKey' | 'privateKey' | 'clientId';

/** Why no answer came (for logs and retries; a person sees one message for dns, refused and blocked alike). */
export type NetworkFailureReason = 'dns' | 'refused' | 'blocked' | 'timeout' | 'tls' | 'network';

export interface ConnectWiseErrorOptions {
  status?: number;
  field?: ConnectWiseField;
  retryAfterSeconds?: number;
  reason?: NetworkFailureReason;
  /** ConnectWise's own short error code (e.g. "Unauthorized"), when it sent one that looks like a code. */
  upstreamCode?: string;
  cause?: unknown;
}

export class ConnectWiseError extends Error {
  readonly kind: ConnectWiseErrorKind;
  readonly status?: number;
  readonly field?: ConnectWiseField;
  readonly retryAfterSeconds?: number;
  readonly reason?: NetworkFailureReason;
  readonly upstreamCode?: string;

  constructor(kind: ConnectWiseErrorKind, message: string, options: ConnectWiseErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ConnectWiseError';
    this.kind = kind;
    this.status = options.status;
    this.field = options.field;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.reason = options.reason;
    this.upstreamCode = options.upstreamCode;
  }
}

export function isConnectWiseError(error: unknown, kind?: ConnectWiseErrorKind): error is ConnectWiseError {
  return error instanceof ConnectWiseError && (kind === undefined || error.kind === kind);
}

/** Failures that may pass by themselves (network, throttling, ConnectWise's own server errors): worth a later retry. */
export function isTransientConnectWiseError(error: ConnectWiseError): boolean {
  return error.kind === 'SITE_UNREACHABLE' || error.kind === 'RATE_LIMITED' || error.kind === 'SERVER_ERROR';
}

export const badResponse = (what: string, options: ConnectWiseErrorOptions = {}) =>
  new ConnectWiseError('BAD_RESPONSE', `ConnectWise PSA returned an unexpected response: ${what}.`, options);
