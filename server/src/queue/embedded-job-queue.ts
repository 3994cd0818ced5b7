import { randomUUID } from 'node:crypto';
import { Brackets, type DataSource, type Repository } from 'typeorm';
import { isDeadLeaseOwner, newLeaseOwner, thisHostLeasePrefix } from '../lib/lease-owner';
import type { Logger } from '../lib/logger';
import type { JobHandlers, JobOptions, JobQueue, WorkOptions } from './job-queue';
import {
  assertJobRequest,
  assertSchedule,
  errorText,
  interruptionOf,
  JobInterruptedError,
  retryDelayOf,
  runHandler,
  serializeJobData,
  settledWithin,
  type Interruption,
} from './job-runner';
import { QueueJobRecord } from './queue-job.entity';
import { QueueScheduleRecord } from './queue-schedule.entity';
import { backoffDelayMs, FAILED_JOB_RETENTION_MS, type QueueSettings } from './queue-settings';

/** After aborting the signals on close, how long stragglers get before their leases are handed back. */
const ABORT_SETTLE_MS = 1_000;
const PRUNE_EVERY_MS = 3600_000;
const UPSERT_TRIES = 5;

type Outcome =
  | { kind: 'done' }
  | { kind: 'retry'; delayMs: number }
  /** `final`: fail at once, whatever attempts are left (as BullMQ does past maxStalledCount). */
  | { kind: 'failed'; error: unknown; final?: boolean }
  /** Interrupted before it finished: back to waiting, no attempt counted. */
  | { kind: 'release' };

interface RunningJob {
  job: QueueJobRecord;
  controller: AbortController;
  leaseUntil: Date;
  heartbeat: NodeJS.Timeout;
  renewing: boolean;
  /** Set on close when the handler ignored its signal: its outcome is no longer ours to record. */
  abandoned: boolean;
  done: Promise<void>;
}

/** The job a schedule adds carries this jobId, so a schedule never has two runs waiting or running. */
export function scheduleJobId(key: string): string {
  return `schedule:${key}`;
}

/**
 * Jobs as rows in the app's own database (SQLite or MySQL). Claims, heartbeats and schedule firings
 * are conditional UPDATEs, so several processes can share one database; a lease that expired, or whose
 * holder is a dead process on this host, is taken over (docs/decisions/0001-job-queue-with-two-drivers.md).
 */
export class EmbeddedJobQueue implements JobQueue {
  readonly driver = 'embedded' as const;
  private readonly owner = newLeaseOwner();
  private readonly jobs: Repository<QueueJobRecord>;
  private readonly schedules: Repository<QueueScheduleRecord>;
  private readonly running = new Map<string, RunningJob>();
  private handlers: JobHandlers | undefined;
  private concurrency = 1;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  /** A nudge that came while the poller was busy: its next sleep returns at once. */
  private nudged = false;
  private closing = false;
  private closed: Promise<void> | undefined;
  private prunedAt = 0;

  constructor(
    private readonly settings: QueueSettings,
    dataSource: DataSource,
    private readonly logger: Logger,
  ) {
    this.jobs = dataSource.getRepository(QueueJobRecord);
    this.schedules = dataSource.getRepository(QueueScheduleRecord);
  }

  async add<T>(name: string, data: T, options: JobOptions = {}): Promise<void> {
    this.assertOpen();
    assertJobRequest(name, options);
    const now = new Date();
    const runAt = new Date(now.getTime() + Math.round(options.delayMs ?? 0));
    await this.insertJob(name, serializeJobData(data), options.jobId ?? null, runAt);
    this.nudge();
  }

  async upsertSchedule<T>(key: string, everyMs: number, name: string, data: T): Promise<void> {
    this.assertOpen();
    assertSchedule(key, everyMs, name);
    const json = serializeJobData(data);
    for (let tries = 0; tries < UPSERT_TRIES; tries += 1) {
      const now = new Date();
      const existing = await this.schedules.findOneBy({ scheduleKey: key });
      if (!existing) {
        await this.schedules
          .createQueryBuilder()
          .insert()
          .into(QueueScheduleRecord)
          .values({
            scheduleKey: key,
            name,
            data: json,
            everyMs,
            nextRunAt: new Date(now.getTime() + everyMs),
            version: 0,
            createdAt: now,
            updatedAt: now,
          })
          .orIgnore()
          .execute();
        // Racing upserts of one key: any one of them is a valid last word.
        if (await this.schedules.existsBy({ scheduleKey: key })) return;
        continue;
      }
      // A changed period starts afresh; an unchanged one keeps its slot, so restarts do not postpone it.
      const nextRunAt = existing.everyMs === everyMs ? existing.nextRunAt : new Date(now.getTime() + everyMs);
      const result = await this.schedules
        .createQueryBuilder()
        .update(QueueScheduleRecord)
        .set({ name, data: json, everyMs, nextRunAt, version: existing.version + 1, updatedAt: now })
        .where('scheduleKey = :key AND version = :version', { key, version: existing.version })
        .execute();
      if (result.affected === 1) return;
    }
    throw new Error(`could not upsert schedule "${key}": it kept changing underneath`);
  }

  async removeSchedule(key: string): Promise<void> {
    await this.schedules.delete({ scheduleKey: key });
    // As BullMQ's removeJobScheduler does, drop the run it had queued but not started.
    await this.jobs.delete({ dedupKey: scheduleJobId(key), status: 'waiting' });
  }

  async work(handlers: JobHandlers, options: WorkOptions = {}): Promise<void> {
    this.assertOpen();
    if (this.handlers) throw new Error('work() was already called on this queue');
    this.handlers = handlers;
    this.concurrency = Math.max(1, options.concurrency ?? this.settings.concurrency);
    this.loop = this.pollLoop();
  }

  close(): Promise<void> {
    this.closed ??= this.shutdown();
    return this.closed;
  }

  private assertOpen(): void {
    if (this.closing) throw new Error('the job queue is closed');
  }

  private async insertJob(name: string, json: string, dedupKey: string | null, runAt: Date): Promise<void> {
    const now = new Date();
    // INSERT OR IGNORE / INSERT IGNORE: a live job with the same dedupKey means there is nothing to add.
    await this.jobs
      .createQueryBuilder()
      .insert()
      .into(QueueJobRecord)
      .values({
        id: randomUUID(),
        name,
        dedupKey,
        data: json,
        status: 'waiting',
        runAt,
        attempts: 0,
        stalls: 0,
        version: 0,
        leaseOwner: null,
        leaseUntil: null,
        lastError: null,
        createdAt: now,
        updatedAt: now,
      })
      .orIgnore()
      .execute();
  }

  private async pollLoop(): Promise<void> {
    while (!this.closing) {
      let foundWork = false;
      try {
        await this.fireDueSchedules();
        foundWork = await this.claimDueJobs();
        await this.pruneFailedJobs();
      } catch (error) {
        this.logger.error({ event: 'queue.poll_failed', err: error }, 'the job queue could not poll its database');
      }
      if (this.closing) break;
      if (!foundWork || this.running.size >= this.concurrency) await this.sleep(this.settings.pollMs);
    }
  }

  /** Waits `ms`, or less when nudged (a job was added here or a slot freed up). */
  private sleep(ms: number): Promise<void> {
    if (this.nudged) {
      this.nudged = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }

  private nudge(): void {
    if (this.wake) this.wake();
    else this.nudged = true;
  }

  private async fireDueSchedules(): Promise<void> {
    const now = new Date();
    const due = await this.schedules
      .createQueryBuilder('schedule')
      .where('schedule.nextRunAt <= :now', { now })
      .getMany();
    for (const schedule of due) {
      if (this.closing) return;
      const slot = schedule.nextRunAt.getTime() + schedule.everyMs;
      // After downtime the missed runs collapse into one, as with BullMQ's job schedulers.
      const nextRunAt = new Date(slot > now.getTime() ? slot : now.getTime() + schedule.everyMs);
      const claimed = await this.schedules
        .createQueryBuilder()
        .update(QueueScheduleRecord)
        .set({ nextRunAt, version: schedule.version + 1, updatedAt: now })
        .where('scheduleKey = :key AND version = :version', { key: schedule.scheduleKey, version: schedule.version })
        .execute();
      if (claimed.affected !== 1) continue;
      // No transaction around the pair: on SQLite TypeORM runs concurrent transactions on one shared
      // connection. A crash between the two statements costs this period's run; the next one fires.
      await this.insertJob(schedule.name, schedule.data, scheduleJobId(schedule.scheduleKey), now);
      this.logger.debug({ event: 'queue.schedule_fired', schedule: schedule.scheduleKey }, 'schedule fired');
      this.nudge();
    }
  }

  /** Claims as many due jobs as there are free slots; true when there was something to claim. */
  private async claimDueJobs(): Promise<boolean> {
    const free = this.concurrency - this.running.size;
    if (free <= 0 || !this.handlers) return false;
    const now = new Date();
    const due = await this.jobs
      .createQueryBuilder('job')
      .where(
        new Brackets((where) =>
          where
            .where('job.status = :waiting AND job.runAt <= :now')
            .orWhere('job.status = :active AND job.leaseUntil < :now'),
        ),
        { waiting: 'waiting', active: 'active', now },
      )
      .orderBy('job.runAt', 'ASC')
      .limit(free + this.running.size)
      .getMany();
    const candidates: Array<{ job: QueueJobRecord; recovery: 'lease-expired' | 'owner-dead' | null }> = due
      .filter((job) => !this.running.has(job.id))
      .map((job) => ({ job, recovery: job.status === 'active' ? 'lease-expired' : null }));
    if (candidates.length < free) {
      // A process on this host that died mid-job is provably gone: resume its jobs without waiting out the lease.
      const local = await this.jobs
        .createQueryBuilder('job')
        .where('job.status = :active AND job.leaseUntil >= :now AND job.leaseOwner LIKE :host', {
          active: 'active',
          now,
          host: `${thisHostLeasePrefix()}%`,
        })
        .getMany();
      for (const job of local) {
        if (!this.running.has(job.id) && isDeadLeaseOwner(job.leaseOwner))
          candidates.push({ job, recovery: 'owner-dead' });
      }
    }
    let claimed = 0;
    for (const { job, recovery } of candidates) {
      if (claimed >= free || this.closing) break;
      if (await this.claim(job, recovery)) claimed += 1;
    }
    return candidates.length > 0;
  }

  private async claim(job: QueueJobRecord, recovery: 'lease-expired' | 'owner-dead' | null): Promise<boolean> {
    const now = new Date();
    const leaseUntil = new Date(now.getTime() + this.settings.leaseMs);
    const stalls = job.stalls + (recovery ? 1 : 0);
    const result = await this.jobs
      .createQueryBuilder()
      .update(QueueJobRecord)
      .set({ status: 'active', leaseOwner: this.owner, leaseUntil, stalls, version: job.version + 1, updatedAt: now })
      .where('id = :id AND version = :version', { id: job.id, version: job.version })
      .execute();
    if (result.affected !== 1) return false;
    const claimed: QueueJobRecord = { ...job, status: 'active', leaseOwner: this.owner, leaseUntil, stalls };
    const log = { jobId: job.dedupKey ?? job.id, name: job.name };
    if (recovery) {
      this.logger.warn(
        { event: 'queue.job_recovered', ...log, reason: recovery, stalls },
        'resumed a job whose worker died or lost it',
      );
      if (stalls > this.settings.maxStalls) {
        await this.settle(claimed, {
          kind: 'failed',
          error: new Error(`the job was resumed ${stalls} times (its worker keeps dying?)`),
          final: true,
        });
        return true;
      }
    }
    this.start(claimed);
    return true;
  }

  private start(job: QueueJobRecord): void {
    const run: RunningJob = {
      job,
      controller: new AbortController(),
      leaseUntil: job.leaseUntil as Date,
      heartbeat: setInterval(() => void this.renew(run), Math.max(10, Math.floor(this.settings.leaseMs / 3))),
      renewing: false,
      abandoned: false,
      done: Promise.resolve(),
    };
    this.running.set(job.id, run);
    run.done = this.execute(run).finally(() => {
      clearInterval(run.heartbeat);
      this.running.delete(job.id);
      this.nudge();
    });
  }

  private async execute(run: RunningJob): Promise<void> {
    const { job } = run;
    let outcome: Outcome;
    try {
      const context = { jobId: job.dedupKey ?? job.id, attempt: job.attempts + 1, signal: run.controller.signal };
      const result = await runHandler(this.handlers ?? {}, job.name, JSON.parse(job.data), context);
      const delayMs = retryDelayOf(result);
      outcome = delayMs === null ? { kind: 'done' } : { kind: 'retry', delayMs };
    } catch (error) {
      // A handler that gave up because it was interrupted did not fail: the job simply runs again.
      outcome = interruptionOf(run.controller.signal) ? { kind: 'release' } : { kind: 'failed', error };
    }
    if (run.abandoned) return;
    clearInterval(run.heartbeat);
    try {
      await this.settle(job, outcome);
    } catch (error) {
      this.logger.error(
        { event: 'queue.settle_failed', jobId: job.dedupKey ?? job.id, name: job.name, err: error },
        'could not record the outcome of a job; it will run again when its lease expires',
      );
    }
  }

  /** Records how a run ended; every write is guarded by our lease, so a job taken over is left alone. */
  private async settle(job: QueueJobRecord, outcome: Outcome): Promise<void> {
    const log = { jobId: job.dedupKey ?? job.id, name: job.name, attempt: job.attempts + 1 };
    const ours = { id: job.id, owner: this.owner };
    const now = new Date();
    const release = { status: 'waiting' as const, leaseOwner: null, leaseUntil: null, updatedAt: now };
    let changes: Partial<QueueJobRecord> | 'delete';
    let report: () => void;
    if (outcome.kind === 'done') {
      changes = 'delete';
      report = () => this.logger.debug({ event: 'queue.job_done', ...log }, 'job done');
    } else if (outcome.kind === 'retry') {
      changes = { ...release, runAt: new Date(now.getTime() + outcome.delayMs) };
      report = () =>
        this.logger.debug({ event: 'queue.job_delayed', ...log, retryInMs: outcome.delayMs }, 'job asked to run later');
    } else if (outcome.kind === 'release') {
      changes = { ...release, runAt: now };
      report = () => this.logger.info({ event: 'queue.job_released', ...log }, 'job interrupted; it will run again');
    } else {
      const attempts = job.attempts + 1;
      const lastError = errorText(outcome.error);
      if (outcome.final || attempts >= this.settings.maxAttempts) {
        changes = { ...release, status: 'failed', dedupKey: null, attempts, lastError };
        report = () =>
          this.logger.error(
            { event: 'queue.job_failed', ...log, attempts, err: outcome.error },
            'job failed after its last attempt',
          );
      } else {
        const delayMs = backoffDelayMs(this.settings.backoffMs, attempts);
        changes = { ...release, runAt: new Date(now.getTime() + delayMs), attempts, lastError };
        report = () =>
          this.logger.warn(
            { event: 'queue.job_attempt_failed', ...log, retryInMs: delayMs, err: outcome.error },
            'job attempt failed; it will be retried',
          );
      }
    }
    const result =
      changes === 'delete'
        ? await this.jobs
            .createQueryBuilder()
            .delete()
            .from(QueueJobRecord)
            .where('id = :id AND leaseOwner = :owner', ours)
            .execute()
        : await this.jobs
            .createQueryBuilder()
            .update(QueueJobRecord)
            .set({ ...changes, version: () => 'version + 1' })
            .where('id = :id AND leaseOwner = :owner', ours)
            .execute();
    if (result.affected === 1) report();
    else this.logger.info({ event: 'queue.job_taken_over', ...log }, 'another worker holds this job now; left to it');
  }

  /** The heartbeat: extends our lease, or learns that we lost it and tells the handler. */
  private async renew(run: RunningJob): Promise<void> {
    if (run.renewing || run.controller.signal.aborted) return;
    run.renewing = true;
    try {
      const now = new Date();
      const leaseUntil = new Date(now.getTime() + this.settings.leaseMs);
      const result = await this.jobs
        .createQueryBuilder()
        .update(QueueJobRecord)
        .set({ leaseUntil, version: () => 'version + 1', updatedAt: now })
        .where('id = :id AND leaseOwner = :owner AND status = :active', {
          id: run.job.id,
          owner: this.owner,
          active: 'active',
        })
        .execute();
      if (result.affected === 1) run.leaseUntil = leaseUntil;
      else this.interrupt(run, 'lease-lost');
    } catch (error) {
      this.logger.warn({ event: 'queue.heartbeat_failed', err: error }, 'could not renew a job lease');
      if (Date.now() >= run.leaseUntil.getTime()) this.interrupt(run, 'lease-lost');
    } finally {
      run.renewing = false;
    }
  }

  private interrupt(run: RunningJob, interruption: Interruption): void {
    if (run.controller.signal.aborted) return;
    if (interruption === 'lease-lost') {
      clearInterval(run.heartbeat);
      this.logger.warn(
        { event: 'queue.lease_lost', jobId: run.job.dedupKey ?? run.job.id, name: run.job.name },
        'this worker lost a job it was running',
      );
    }
    run.controller.abort(new JobInterruptedError(interruption));
  }

  private async pruneFailedJobs(): Promise<void> {
    if (Date.now() - this.prunedAt < PRUNE_EVERY_MS) return;
    this.prunedAt = Date.now();
    await this.jobs
      .createQueryBuilder()
      .delete()
      .from(QueueJobRecord)
      .where('status = :failed AND updatedAt < :before', {
        failed: 'failed',
        before: new Date(Date.now() - FAILED_JOB_RETENTION_MS),
      })
      .execute();
  }

  private async shutdown(): Promise<void> {
    this.closing = true;
    this.nudge();
    await this.loop;
    const pending = () => [...this.running.values()];
    if (
      await settledWithin(
        pending().map((run) => run.done),
        this.settings.closeTimeoutMs,
      )
    )
      return;
    for (const run of pending()) this.interrupt(run, 'shutdown');
    if (
      await settledWithin(
        pending().map((run) => run.done),
        ABORT_SETTLE_MS,
      )
    )
      return;
    for (const run of pending()) {
      run.abandoned = true;
      clearInterval(run.heartbeat);
      this.logger.warn(
        { event: 'queue.job_abandoned', jobId: run.job.dedupKey ?? run.job.id, name: run.job.name },
        'a job did not stop when asked; it is handed back for another worker',
      );
      try {
        await this.settle(run.job, { kind: 'release' });
      } catch (error) {
        this.logger.error({ event: 'queue.settle_failed', err: error }, 'could not hand back a job on shutdown');
      }
    }
  }
}
