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

/**
 * The process's log destination: JSON lines to stdout through `process.stdout`, which never blocks the event
 * loop (a pipe nobody reads just buffers, up to a bound). Not pino's default SonicBoom: at exit that one
 * flushes synchronously and retries forever when the reader is gone or stalled, so a server whose parent died
 * never finished its shutdown (docs/operations.md). Shutdown calls flush() with a bound instead.
 */
export class StdoutDestination {
  private broken = false;
  private dropped = 0;

  constructor(
    private readonly out: NodeJS.WritableStream & { writableLength: number; destroyed: boolean } = process.stdout,
    private readonly maxBufferedBytes = 16 * 1024 * 1024,
  ) {
    // EPIPE and friends: the reader is gone, so the lines have nowhere to go. Never crash over it.
    out.on('error', () => {
      this.broken = true;
    });
    out.on('drain', () => this.reportDropped());
  }

  write(line: string): void {
    if (this.broken || this.out.destroyed) return;
    if (this.out.writableLength > this.maxBufferedBytes) {
      this.dropped += 1;
      return;
    }
    this.out.write(line);
  }

  /** Resolves once what was logged reached the OS, the reader is known gone, or `timeoutMs` passed. */
  flush(timeoutMs: number): Promise<void> {
    if (this.broken || this.out.destroyed || this.out.writableLength === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.out.off('drain', done);
        this.out.off('error', done);
        this.out.off('close', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      timer.unref();
      this.out.once('drain', done);
      this.out.once('error', done);
      this.out.once('close', done);
    });
  }

  private reportDropped(): void {
    if (this.dropped === 0 || this.broken) return;
    const line = {
      level: 40,
      time: new Date().toISOString(),
      service: 'mobius',
      event: 'log.dropped',
      dropped: this.dropped,
      msg: 'log lines dropped: stdout was not being read',
    };
    this.dropped = 0;
    this.out.write(`${JSON.stringify(line)}\n`);
  }
}

let stdoutDestination: StdoutDestination | undefined;

/** The one stdout destination of this process (created on first use). */
export function processLogDestination(): StdoutDestination {
  stdoutDestination ??= new StdoutDestination();
  return stdoutDestination;
}

/** Waits (at most `timeoutMs`) for the process's log lines to reach stdout; nothing to do if it never logged there. */
export function flushProcessLogs(timeoutMs: number): Promise<void> {
  return stdoutDestination ? stdoutDestination.flush(timeoutMs) : Promise.resolve();
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
    options.destination ?? processLogDestination(),
  );
}
