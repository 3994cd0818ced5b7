import { DelayedError, Queue, Worker, type ConnectionOptions, type Job, type JobsOptions } from 'bullmq';
import type { Logger } from '../lib/logger';
import type { JobHandlers, JobOptions, JobQueue, JobResult, WorkOptions } from './job-queue';
import {
  assertJobRequest,
  assertSchedule,
  interruptionOf,
  JobInterruptedError,
  retryDelayOf,
  runHandler,
  serializeJobData,
  settledWithin,
} from './job-runner';
import { FAILED_JOB_RETENTION_MS, type QueueSettings } from './queue-settings';

/** All of Mobius's jobs share one BullMQ queue; handlers are picked by job name. */
export const BULLMQ_QUEUE_NAME = 'jobs';
/** After aborting the signals on close, how long stragglers get before the connections are dropped. */
const ABORT_SETTLE_MS = 1_000;

/**
 * BullMQ on Redis: one Queue, one Worker, job schedulers for schedules. Retries, back-off, stalled-job
 * recovery and schedules are BullMQ's own (docs/decisions/0001-job-queue-with-two-drivers.md).
 */
export class BullMqJobQueue implements JobQueue {
  readonly driver = 'bullmq' as const;
  private readonly queue: Queue;
  private worker: Worker | undefined;
  /** Signals of the jobs this process is running, by BullMQ job id. */
  private readonly running = new Map<string, AbortController>();
  private closing = false;
  private closed: Promise<void> | undefined;

  constructor(
    private readonly settings: QueueSettings & { redisUrl: string },
    private readonly logger: Logger,
  ) {
    this.queue = new Queue(BULLMQ_QUEUE_NAME, { connection: this.connection(), prefix: settings.prefix });
    this.queue.on('error', (error) => this.logger.error({ event: 'queue.redis_error', err: error }, 'job queue error'));
  }

  async add<T>(name: string, data: T, options: JobOptions = {}): Promise<void> {
    this.assertOpen();
    assertJobRequest(name, options);
    serializeJobData(data);
    await this.queue.add(name, data ?? null, {
      ...this.jobOptions(),
      ...(options.delayMs ? { delay: Math.round(options.delayMs) } : {}),
      // Simple-mode deduplication: ignored while a job with this id is waiting, delayed or active.
      ...(options.jobId ? { deduplication: { id: options.jobId } } : {}),
    });
  }

  async upsertSchedule<T>(key: string, everyMs: number, name: string, data: T): Promise<void> {
    this.assertOpen();
    assertSchedule(key, everyMs, name);
    serializeJobData(data);
    // First run one period from now, as the embedded driver does (BullMQ would run a new `every` scheduler at once).
    // An unchanged period keeps its slot: BullMQ reads startDate only when the scheduler is new or its period changed.
    await this.queue.upsertJobScheduler(
      key,
      { every: everyMs, startDate: Date.now() + everyMs },
      { name, data: data ?? null, opts: this.jobOptions() },
    );
  }

  async removeSchedule(key: string): Promise<void> {
    await this.queue.removeJobScheduler(key);
  }

  async work(handlers: JobHandlers, options: WorkOptions = {}): Promise<void> {
    this.assertOpen();
    if (this.worker) throw new Error('work() was already called on this queue');
    const worker = new Worker(BULLMQ_QUEUE_NAME, (job, token) => this.process(handlers, job, token), {
      connection: this.connection(),
      prefix: this.settings.prefix,
      concurrency: Math.max(1, options.concurrency ?? this.settings.concurrency),
      lockDuration: this.settings.leaseMs,
      stalledInterval: this.settings.leaseMs,
      // A job whose worker died is resumed, not failed, unless it keeps killing its workers.
      maxStalledCount: this.settings.maxStalls,
    });
    this.worker = worker;
    worker.on('error', (error) => this.logger.error({ event: 'queue.redis_error', err: error }, 'job worker error'));
    worker.on('failed', (job, error) => {
      if (job) this.logFailure(job, error);
    });
    worker.on('stalled', (jobId) =>
      this.logger.warn(
        { event: 'queue.job_recovered', jobId, reason: 'stalled' },
        'resumed a job whose worker died or lost it',
      ),
    );
    worker.on('lockRenewalFailed', (jobIds) => {
      for (const jobId of jobIds) {
        this.logger.warn({ event: 'queue.lease_lost', jobId }, 'this worker lost a job it was running');
        this.running.get(jobId)?.abort(new JobInterruptedError('lease-lost'));
      }
    });
    await worker.waitUntilReady();
  }

  close(): Promise<void> {
    this.closed ??= this.shutdown();
    return this.closed;
  }

  private connection(): ConnectionOptions {
    return { url: this.settings.redisUrl };
  }

  private jobOptions(): JobsOptions {
    return {
      attempts: this.settings.maxAttempts,
      backoff: { type: 'exponential', delay: this.settings.backoffMs },
      removeOnComplete: true,
      removeOnFail: { age: Math.round(FAILED_JOB_RETENTION_MS / 1000), count: 1000 },
    };
  }

  private assertOpen(): void {
    if (this.closing) throw new Error('the job queue is closed');
  }

  private async process(handlers: JobHandlers, job: Job, token: string | undefined): Promise<void> {
    const jobId = job.id as string;
    const controller = new AbortController();
    this.running.set(jobId, controller);
    try {
      const context = {
        jobId: job.opts.deduplication?.id ?? jobId,
        attempt: job.attemptsMade + 1,
        signal: controller.signal,
      };
      let result: JobResult;
      try {
        result = await runHandler(handlers, job.name, job.data, context);
      } catch (error) {
        // Interrupted by shutdown is no failure: back to the queue without spending an attempt.
        if (interruptionOf(controller.signal) !== 'shutdown') throw error;
        result = { retryInMs: 0 };
      }
      const delayMs = retryDelayOf(result);
      if (delayMs !== null) {
        // BullMQ's pattern for "run me again later": moveToDelayed, then DelayedError (no attempt counted).
        await job.moveToDelayed(Date.now() + delayMs, token);
        throw new DelayedError();
      }
    } finally {
      this.running.delete(jobId);
    }
  }

  private logFailure(job: Job, error: Error): void {
    const log = { jobId: job.opts.deduplication?.id ?? job.id, name: job.name, attempt: job.attemptsMade, err: error };
    if (job.attemptsMade >= (job.opts.attempts ?? 1)) {
      this.logger.error({ event: 'queue.job_failed', ...log }, 'job failed after its last attempt');
    } else {
      this.logger.warn({ event: 'queue.job_attempt_failed', ...log }, 'job attempt failed; it will be retried');
    }
  }

  private async shutdown(): Promise<void> {
    this.closing = true;
    const worker = this.worker;
    if (worker) {
      // close() stops fetching and waits for the running jobs (their locks are still renewed meanwhile).
      const workerClosed = worker.close();
      if (!(await settledWithin([workerClosed], this.settings.closeTimeoutMs))) {
        for (const controller of this.running.values()) controller.abort(new JobInterruptedError('shutdown'));
        if (!(await settledWithin([workerClosed], ABORT_SETTLE_MS))) {
          this.logger.warn(
            { event: 'queue.job_abandoned', jobIds: [...this.running.keys()] },
            'jobs did not stop when asked; they return to the queue when their lock expires',
          );
          await worker.disconnect();
        }
      }
    }
    await this.queue.close();
  }
}
