import { RateLimiterMemory, RateLimiterQueue } from 'rate-limiter-flexible';

/**
 * Paces one process's calls to one QBO company inside QuickBooks' limits (docs/imports.md §3 "Throttling"):
 * every request at most one per `requestIntervalMs` (default 130 ms: under 10/s and, with batches
 * included, under 500/min), and batch requests at most one per `batchIntervalMs` (default 1.55 s: under
 * 40/min). A run holds its company's lock, so one process paces a company at a time.
 */
export interface PacerLimits {
  requestIntervalMs: number;
  batchIntervalMs: number;
}

export const QBO_PACE: PacerLimits = { requestIntervalMs: 130, batchIntervalMs: 1550 };

const oneEvery = (ms: number) =>
  new RateLimiterQueue(new RateLimiterMemory({ points: 1, duration: ms / 1000 }), { maxQueueSize: 10_000 });

export class RealmPacer {
  private readonly requests: RateLimiterQueue;
  private readonly batches: RateLimiterQueue;

  constructor(limits: PacerLimits = QBO_PACE) {
    this.requests = oneEvery(limits.requestIntervalMs);
    this.batches = oneEvery(limits.batchIntervalMs);
  }

  /** Waits for a slot for one ordinary request (query, read, single create). */
  async request(): Promise<void> {
    await this.requests.removeTokens(1);
  }

  /** Waits for a batch slot, then a request slot (a batch counts against both limits). */
  async batch(): Promise<void> {
    await this.batches.removeTokens(1);
    await this.requests.removeTokens(1);
  }
}

/** One pacer per QBO company in this process. */
export class RealmPacers {
  private readonly pacers = new Map<string, RealmPacer>();

  constructor(private readonly limits: PacerLimits = QBO_PACE) {}

  for(realmId: string): RealmPacer {
    let pacer = this.pacers.get(realmId);
    if (!pacer) {
      pacer = new RealmPacer(this.limits);
      this.pacers.set(realmId, pacer);
    }
    return pacer;
  }
}
