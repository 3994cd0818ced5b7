import pino, { type Logger } from 'pino';
import { currentRequestId } from './request-context';

export type { Logger };

/** Paths whose values never reach a log line. */
export const REDACT_PATHS = [
  'password',
  'passwordConfirmation',
  'token',
  'privateKey',
  'publicKey',
  'accessToken',
  'refreshToken',
  'authorization',
  '*.password',
  '*.passwordConfirmation',
  '*.token',
  '*.privateKey',
  '*.publicKey',
  '*.accessToken',
  '*.refreshToken',
  '*.access_token',
  '*.refresh_token',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'variables',
  '*.variables',
];

const REDACTED = '[redacted]';
/** Properties of a failed query (TypeORM's QueryFailedError, mysql2, better-sqlite3) that carry SQL or its values. */
const QUERY_PROPERTIES = ['query', 'parameters', 'sql', 'sqlMessage'] as const;

type SerializedError = Record<string, unknown> & { message?: unknown; stack?: unknown };

function isErrorLike(value: unknown): value is Error & Record<string, unknown> {
  return (
    value instanceof Error || (typeof value === 'object' && value !== null && 'message' in value && 'stack' in value)
  );
}

/** A driver or ORM error of a failed query: its text may quote the row's values (MySQL's "Duplicate entry 'a@b.c'"). */
function isQueryError(error: Record<string, unknown>): boolean {
  if (QUERY_PROPERTIES.some((key) => key in error) || 'driverError' in error) return true;
  const code = error.code;
  return typeof code === 'string' && /^(ER_|SQLITE_)/.test(code);
}

function chainHasQueryError(error: unknown, depth = 0): boolean {
  if (!isErrorLike(error) || depth > 8) return false;
  return (
    isQueryError(error) ||
    chainHasQueryError(error.cause, depth + 1) ||
    chainHasQueryError(error.driverError, depth + 1)
  );
}

/** Quoted literals in a database message become `'?'` (identifiers in backquotes stay, they name the column). */
export function maskQuotedValues(text: string): string {
  return text.replace(/'(?:[^'\\]|\\.|'')*'/g, "'?'").replace(/"(?:[^"\\]|\\.)*"/g, '"?"');
}

function scrub(serialized: SerializedError, mask: boolean, depth: number): SerializedError {
  for (const key of QUERY_PROPERTIES) if (key in serialized) serialized[key] = REDACTED;
  if (mask) {
    if (typeof serialized.message === 'string') serialized.message = maskQuotedValues(serialized.message);
    if (typeof serialized.stack === 'string') serialized.stack = maskQuotedValues(serialized.stack);
  }
  for (const [key, value] of Object.entries(serialized)) {
    if (depth < 8 && value && typeof value === 'object' && !Array.isArray(value) && key !== 'raw') {
      serialized[key] = scrub({ ...(value as SerializedError) }, mask, depth + 1);
    }
  }
  return serialized;
}

/**
 * pino's error serializer, minus what a failed query carries: the SQL text and its parameters (which can hold
 * emails, password hashes or sealed secrets) are replaced by "[redacted]" and quoted values in the driver's
 * message are masked, for the error and everything it wraps (docs/security.md, logging).
 */
export function errorSerializer(error: unknown): unknown {
  if (!isErrorLike(error)) return error;
  const serialized = pino.stdSerializers.err(error) as unknown as SerializedError;
  return scrub(serialized, chainHasQueryError(error), 0);
}

export function createLogger(options: { level: string; destination?: pino.DestinationStream }): Logger {
  return pino(
    {
      level: options.level,
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      serializers: { err: errorSerializer },
      timestamp: pino.stdTimeFunctions.isoTime,
      base: { service: 'mobius' },
      // The id of the HTTP request being served (also in its X-Request-Id header), on every line written for it.
      mixin: () => {
        const reqId = currentRequestId();
        return reqId === undefined ? {} : { reqId };
      },
    },
    options.destination,
  );
}
