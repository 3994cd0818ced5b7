import type { NextFunction, Request, Response } from 'express';

/**
 * The error handler of a simulator's JSON control API (`/__control`): a body that is not JSON gets a 400 saying so;
 * any other error goes on to Express. The simulated vendor APIs answer malformed bodies in their vendor's own shape.
 */
export function answerInvalidControlJson(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  if ((error as { type?: string }).type === 'entity.parse.failed') {
    res.status(400).json({ error: 'body is not valid JSON' });
    return;
  }
  next(error);
}
