import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Logger } from './logger';
import { runWithRequestId } from './request-context';

declare module 'express-serve-static-core' {
  interface Request {
    /** This request's id: its X-Request-Id header and the `reqId` of every log line written for it. */
    id: string;
  }
}

/**
 * One id per HTTP request and one log line per answer (docs/operations.md, docs/performance.md §3). Every line
 * goes through the app's pino logger, which adds the request id (lib/request-context.ts) and redacts. This
 * replaced pino-http, which builds a child logger with the request bound to it for every request, whether or not
 * anything is logged: about 100 µs of CPU per request here, a third of a small query's cost. Query strings are
 * never logged (email links carry their token there); /healthz is not logged.
 */
export function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const id = randomUUID();
    req.id = id;
    res.setHeader('X-Request-Id', id);
    if (req.url !== '/healthz' && logger.isLevelEnabled('info')) {
      const started = performance.now();
      res.once('finish', () => {
        const status = res.statusCode;
        const line = {
          req: { id, method: req.method, path: req.originalUrl.split('?')[0] },
          res: { statusCode: status },
          responseTime: Math.round(performance.now() - started),
        };
        if (status >= 500) logger.error(line, 'request errored');
        else logger.info(line, 'request completed');
      });
    }
    runWithRequestId(id, next);
  };
}
