import { randomUUID } from 'node:crypto';
import type { Clock } from '../../lib/clock';
import { decryptSecret, encryptSecret, type KeyRing } from '../../lib/crypto';
import type { Logger } from '../../lib/logger';
import { currentRequestId, runWithRequestId } from '../../lib/request-context';
import type { JobHandler, JobQueue } from '../../queue';
import { retryDelayAfterMs, type RetryPolicy } from '../mail';

/**
 * Sign-up and reset requests as durable jobs (docs/email-delivery.md §1). The request path stores one job, the same
 * work whether or not the address has an account, and answers; the job looks at the account, spends its email
 * budget and queues the email. Its data is sealed: an address (and a name) is no business of Redis or of a
 * failed-jobs list.
 */

export const JOB_SIGNUP_EMAIL = 'auth.signup-email';
export const JOB_RESET_EMAIL = 'auth.reset-email';
export type EmailRequestKind = typeof JOB_SIGNUP_EMAIL | typeof JOB_RESET_EMAIL;

export interface EmailRequestJob {
  /** Also the id of the email it leads to, so a job run twice finds the email its first run queued. */
  requestId: string;
  requestedAt: string;
  sealed: string;
  /** The HTTP request that asked (its X-Request-Id): the job's log lines carry it too (docs/request-hardening.md). */
  reqId?: string;
}

const REQUEST_ID = /^[\w-]{1,100}$/;

export interface EmailRequestsDeps {
  jobs: Pick<JobQueue, 'add'>;
  keyRing: KeyRing;
  clock: Clock;
  logger: Logger;
  retry: RetryPolicy;
}

const contextOf = (kind: EmailRequestKind, requestId: string) => `${kind}:${requestId}`;

/** A failure's name and driver code only: a database error's message or parameters can quote the address. */
export function safeReason(error: unknown): string {
  if (!(error instanceof Error)) return 'unknown';
  const codes = [(error as { code?: unknown }).code, (error as { driverError?: { code?: unknown } }).driverError?.code];
  const code = codes.find((c): c is string => typeof c === 'string' && /^[A-Z0-9_]{2,40}$/.test(c));
  return code ? `${error.name} (${code})` : error.name;
}

export class EmailRequests {
  constructor(private readonly deps: EmailRequestsDeps) {}

  /** Stores the request as a job: durable once this resolves. */
  async add(kind: EmailRequestKind, payload: object): Promise<void> {
    const requestId = randomUUID();
    const sealed = encryptSecret(this.deps.keyRing, JSON.stringify(payload), contextOf(kind, requestId));
    const reqId = currentRequestId();
    const job: EmailRequestJob = {
      requestId,
      requestedAt: this.deps.clock.now().toISOString(),
      sealed,
      ...(reqId && REQUEST_ID.test(reqId) ? { reqId } : {}),
    };
    await this.deps.jobs.add(kind, job);
  }

  /**
   * The job handler for `kind`: opens the request and runs `work`. A failure (the database away, say) is tried
   * again with back-off for as long as an email is worth sending, then logged at error level.
   */
  handler<T>(
    kind: EmailRequestKind,
    work: (requestId: string, payload: T) => Promise<void>,
  ): JobHandler<EmailRequestJob> {
    const handle: JobHandler<EmailRequestJob> = async (data, context) => {
      const requestId = typeof data?.requestId === 'string' ? data.requestId : '';
      let payload: T;
      try {
        payload = JSON.parse(decryptSecret(this.deps.keyRing, String(data?.sealed), contextOf(kind, requestId))) as T;
      } catch {
        this.deps.logger.error(
          { event: 'auth.email_request_unreadable', kind, requestId, jobId: context.jobId },
          'an email request could not be opened (no configured key opens it); it is dropped',
        );
        return;
      }
      try {
        await work(requestId, payload);
      } catch (error) {
        const requestedAt = Date.parse(String(data.requestedAt));
        const elapsedMs = Math.max(0, this.deps.clock.now().getTime() - (Number.isNaN(requestedAt) ? 0 : requestedAt));
        const log = { kind, requestId, jobId: context.jobId, reason: safeReason(error) };
        if (elapsedMs < this.deps.retry.windowMs) {
          const retryInMs = retryDelayAfterMs(this.deps.retry, elapsedMs);
          this.deps.logger.warn(
            { event: 'auth.email_request_retry', ...log, retryInMs },
            'email request will be retried',
          );
          return { retryInMs };
        }
        this.deps.logger.error({ event: 'auth.email_request_failed', ...log }, 'email request failed for good');
      }
      return undefined;
    };
    return (data, context) => {
      const reqId = data?.reqId;
      return typeof reqId === 'string' && REQUEST_ID.test(reqId)
        ? runWithRequestId(reqId, () => handle(data, context))
        : handle(data, context);
    };
  }
}
