import pino, { type Logger } from 'pino';

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
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      base: { service: 'mobius' },
    },
    options.destination ?? processLogDestination(),
  );
}
