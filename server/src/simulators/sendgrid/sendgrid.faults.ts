import type { Response } from 'express';
import { z } from 'zod';

/**
 * The switches that make the SendGrid simulator misbehave, as SendGrid documents its v3 Mail Send answers
 * (docs/vendors/sendgrid.md): 429 with the X-RateLimit headers, 5xx with an `errors` array, and the
 * connection failures a client meets on the way (a dropped socket, an answer lost after the email was accepted).
 */

/** Statuses a forced failure may answer: SendGrid's documented errors, plus the gateway 5xx any HTTP hop can give. */
export const FAULT_STATUSES = [400, 401, 403, 413, 429, 500, 502, 503, 504] as const;
export type FaultStatus = (typeof FAULT_STATUSES)[number];

export interface SendGridFaults {
  /** Every send answers this status until it is set back to null: an outage (or a rate limit) of any length. */
  down: FaultStatus | null;
  /** The next N sends answer `failStatus`, then sending works again. */
  failNext: number;
  failStatus: FaultStatus;
  /** The next N sends: the connection is closed before any answer (a network error for the client). */
  dropNext: number;
  /** The next N sends: the email is accepted into the mailbox, then the connection closes before the 202 arrives. */
  acceptThenDropNext: number;
  /** A 429's X-RateLimit-Reset lies this many seconds ahead. */
  rateLimitResetSeconds: number;
}

export const DEFAULT_FAULTS: SendGridFaults = {
  down: null,
  failNext: 0,
  failStatus: 500,
  dropNext: 0,
  acceptThenDropNext: 0,
  rateLimitResetSeconds: 1,
};

const status = z
  .number()
  .refine((code) => (FAULT_STATUSES as readonly number[]).includes(code), {
    message: `a status is one of ${FAULT_STATUSES.join(', ')}`,
  })
  .transform((code) => code as FaultStatus);
const count = z.number().int().min(0).max(10_000);

/** What `POST /__control/faults` and `controls.setFaults()` accept: any subset of the switches. */
export const faultsSchema = z
  .object({
    down: status.nullable(),
    failNext: count,
    failStatus: status,
    dropNext: count,
    acceptThenDropNext: count,
    rateLimitResetSeconds: count,
  })
  .partial()
  .strict();

export type FaultsInput = z.infer<typeof faultsSchema>;

/** A request as the simulator answered it (never the API key or the body). */
export interface AnsweredRequest {
  at: string;
  /** The HTTP status, or `dropped` when the connection was closed without one. */
  outcome: number | 'dropped';
  /** The id of the accepted message (X-Message-Id), when one was accepted. */
  messageId?: string;
  /** The request's top-level `custom_args`, as SendGrid would show them in its activity feed. */
  customArgs?: Record<string, string>;
}

/** Error bodies in SendGrid's `{"errors":[{message, field, help}]}` shape, per status. */
const ERROR_MESSAGES: Record<number, string> = {
  400: 'Bad Request',
  401: 'The provided authorization grant is invalid, expired, or revoked',
  403: 'The from address does not match a verified Sender Identity. Mail cannot be sent until this error is resolved.',
  413: 'The JSON payload you have included in your request is too large.',
  429: 'too many requests',
  500: 'An error occurred on a SendGrid server.',
  502: 'Bad Gateway',
  503: 'The SendGrid v3 Web API is not available.',
  504: 'Gateway Timeout',
};

/** Answers a forced failure the way SendGrid does. */
export function answerFault(res: Response, code: FaultStatus, faults: SendGridFaults, now = Date.now()): void {
  if (code === 429) {
    // SendGrid's rate-limit answer: X-RateLimit-* headers, Reset in epoch seconds (no Retry-After).
    res.set({
      'X-RateLimit-Limit': '600',
      'X-RateLimit-Remaining': '0',
      'X-RateLimit-Reset': String(Math.ceil(now / 1000) + faults.rateLimitResetSeconds),
    });
  }
  res.status(code).json({ errors: [{ message: ERROR_MESSAGES[code] ?? 'error', field: null, help: null }] });
}
