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

export function createLogger(options: { level: string; destination?: pino.DestinationStream }): Logger {
  return pino(
    {
      level: options.level,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
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
