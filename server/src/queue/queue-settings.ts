/** How a job queue behaves; `config.queue` supplies the first five, tests may tune the rest. */
export interface QueueSettings {
  /** Set: the BullMQ driver on this Redis; unset: the embedded driver in the app's database. */
  redisUrl: string | undefined;
  /** Namespace of BullMQ's Redis keys. */
  prefix: string;
  /** Default number of jobs `work()` runs at once. */
  concurrency: number;
  /** A claimed job stays claimed this long without a heartbeat (embedded lease; BullMQ lockDuration and stalledInterval). */
  leaseMs: number;
  /** How often the embedded driver looks for due jobs and schedules. */
  pollMs: number;
  /** Attempts of a throwing job before it is failed. */
  maxAttempts: number;
  /** Delay before the first retry; it doubles with each further failed attempt. */
  backoffMs: number;
  /** Times a job may be resumed after its worker died or lost it before it is failed (a crash loop). */
  maxStalls: number;
  /** close() waits this long for running jobs before aborting their signals. */
  closeTimeoutMs: number;
}

export const DEFAULT_QUEUE_SETTINGS: QueueSettings = {
  redisUrl: undefined,
  prefix: 'mobius',
  concurrency: 1,
  leaseMs: 30_000,
  pollMs: 1_000,
  maxAttempts: 5,
  backoffMs: 10_000,
  maxStalls: 20,
  closeTimeoutMs: 5_000,
};

/** Failed jobs are kept this long for inspection (both drivers). */
export const FAILED_JOB_RETENTION_MS = 7 * 24 * 3600 * 1000;

/** Delay before retry number `failedAttempts` (1-based): exponential, as BullMQ's built-in back-off. */
export function backoffDelayMs(backoffMs: number, failedAttempts: number): number {
  return backoffMs * 2 ** Math.max(0, failedAttempts - 1);
}
