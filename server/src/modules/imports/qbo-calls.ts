import { QboError, type QboClient } from '../../integrations/intuit/qbo-client';
import { DomainError, ErrorCode } from '../../lib/errors';
import type { Logger } from '../../lib/logger';
import { QuickBooksErrorCode } from '../quickbooks';
import { RunAbandoned, RunStopped } from './import-errors';
import type { QuickBooksAccess } from './import.ports';
import type { RealmPacer } from './realm-pacer';

/** How a run waits out QuickBooks' throttling and outages (docs/imports.md §3 "Faults"). */
export interface RetryPolicy {
  /** A 429 without Retry-After waits this long (Intuit advises 60 s). */
  throttleWaitMs: number;
  /** 429s in a row before the run gives up. */
  maxThrottleWaits: number;
  /** 5xx, timeouts and Intuit token-endpoint outages: back-off delays, then the run stops. */
  transientDelaysMs: number[];
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  throttleWaitMs: 60_000,
  maxThrottleWaits: 20,
  transientDelaysMs: [1_000, 3_000, 10_000, 30_000],
};

export const LOST_ITEM_MESSAGE =
  'Not imported: the QuickBooks Online connection was lost before this invoice was sent.';
const UNAVAILABLE_ITEM_MESSAGE =
  'Not imported: QuickBooks Online did not answer. Mobius checks QuickBooks before creating anything, so Retry failed is safe.';

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(new RunAbandoned('stopping'));
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new RunAbandoned('stopping'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Every QBO call of one run: paced for its company, through the token manager (a 401 refreshes once),
 * 429 waited out, transient failures retried with the same request (same requestid), and the faults
 * that end the run turned into RunStopped.
 */
export class QboCalls {
  constructor(
    private readonly deps: {
      quickBooks: QuickBooksAccess;
      pacer: RealmPacer;
      policy: RetryPolicy;
      logger: Logger;
      accountId: string;
      configurationId: string;
      runId: string;
      signal: AbortSignal;
    },
  ) {}

  request<T>(work: (client: QboClient) => Promise<T>): Promise<T> {
    return this.call('request', work);
  }

  batch<T>(work: (client: QboClient) => Promise<T>): Promise<T> {
    return this.call('batch', work);
  }

  private async call<T>(kind: 'request' | 'batch', work: (client: QboClient) => Promise<T>): Promise<T> {
    const { policy, signal } = this.deps;
    let throttled = 0;
    let transient = 0;
    for (;;) {
      if (signal.aborted) throw new RunAbandoned('stopping');
      try {
        return await this.deps.quickBooks.withClient(this.deps.accountId, this.deps.configurationId, async (client) => {
          await (kind === 'batch' ? this.deps.pacer.batch() : this.deps.pacer.request());
          return work(client);
        });
      } catch (error) {
        if (error instanceof DomainError) {
          if (error.is(QuickBooksErrorCode.QUICKBOOKS_UNAVAILABLE) && transient < policy.transientDelaysMs.length) {
            await sleep(policy.transientDelaysMs[transient++], signal);
            continue;
          }
          if (error.is(QuickBooksErrorCode.QUICKBOOKS_UNAVAILABLE))
            throw new RunStopped(error.message, UNAVAILABLE_ITEM_MESSAGE);
          if (error.is(QuickBooksErrorCode.QUICKBOOKS_NOT_CONNECTED, ErrorCode.NOT_FOUND)) {
            throw new RunStopped(error.message, LOST_ITEM_MESSAGE);
          }
          throw error;
        }
        if (!(error instanceof QboError)) throw error;
        if (error.kind === 'THROTTLED' && throttled < policy.maxThrottleWaits) {
          throttled += 1;
          const waitMs =
            error.retryAfterSeconds !== undefined && error.retryAfterSeconds > 0
              ? Math.min(error.retryAfterSeconds * 1000, policy.throttleWaitMs)
              : policy.throttleWaitMs;
          this.deps.logger.info(
            { event: 'import.throttled', runId: this.deps.runId, waitMs, intuit_tid: error.intuitTid },
            'QuickBooks Online throttled the import; waiting',
          );
          await sleep(waitMs, signal);
          continue;
        }
        if (error.kind === 'TRANSIENT' && transient < policy.transientDelaysMs.length) {
          await sleep(policy.transientDelaysMs[transient++], signal);
          continue;
        }
        if (error.kind === 'THROTTLED' || error.kind === 'TRANSIENT') {
          throw new RunStopped(
            'QuickBooks Online kept refusing or not answering, so the import stopped. Nothing was duplicated: retry the failed invoices later.',
            UNAVAILABLE_ITEM_MESSAGE,
          );
        }
        if (error.kind === 'FORBIDDEN' || error.kind === 'UNAUTHORIZED') {
          throw new RunStopped(
            'QuickBooks Online refused this connection. Check the configuration’s connection, then retry the failed invoices.',
            LOST_ITEM_MESSAGE,
          );
        }
        throw error;
      }
    }
  }
}
