/**
 * The job queue every background job goes through, with two drivers behind it: embedded (rows in the
 * app's database) and BullMQ (Redis). Delivery is at least once: handlers must be idempotent.
 * See docs/decisions/0001-job-queue-with-two-drivers.md.
 */

export interface JobOptions {
  /** While a job with this id is waiting, delayed or running, adding it again adds nothing. */
  jobId?: string;
  /** Run no earlier than this many milliseconds from now. */
  delayMs?: number;
}

export interface JobContext {
  /** The caller's jobId when one was given, else the queue's own id for the job. */
  jobId: string;
  /** 1 on the first run, one more after each failed attempt (a crash or a `retryInMs` does not count). */
  attempt: number;
  /** Aborted when this worker lost the job (lease lost) or is shutting down: stop at a safe point. */
  signal: AbortSignal;
}

/** A handler may ask to run again later without it counting as a failure (e.g. a busy resource). */
export type JobResult = void | { retryInMs: number };

/** A thrown error is a failed attempt: retried with back-off, then the job is failed and logged. */
export type JobHandler<T = unknown> = (data: T, context: JobContext) => Promise<JobResult>;

/** Handlers by job name; `never` accepts a handler of any data type. */
export type JobHandlers = Record<string, JobHandler<never>>;

export interface WorkOptions {
  /** Jobs this process runs at once (default: the queue's configured concurrency). */
  concurrency?: number;
}

export interface JobQueue {
  readonly driver: 'embedded' | 'bullmq';
  /** `data` is stored as JSON by both drivers, at most 64 KB: pass ids, not documents. */
  add<T>(name: string, data: T, options?: JobOptions): Promise<void>;
  /** Adds job `name` every `everyMs`; upserting the same key again replaces name, data and period. */
  upsertSchedule<T>(key: string, everyMs: number, name: string, data: T): Promise<void>;
  removeSchedule(key: string): Promise<void>;
  /** Starts consuming jobs; a process that only enqueues never calls it. */
  work(handlers: JobHandlers, options?: WorkOptions): Promise<void>;
  /** Stops taking jobs, waits (bounded) for running ones, then aborts their signals and lets them go. */
  close(): Promise<void>;
}
