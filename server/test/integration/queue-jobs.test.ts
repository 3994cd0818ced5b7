import type { JobContext, JobQueue } from '../../src/queue';
import {
  createQueueBackend,
  deferred,
  eventually,
  EventLog,
  queueBackends,
  type QueueBackend,
} from '../support/queues';

/** The job queue's promises about single jobs, on the embedded driver (SQLite, MySQL) and on BullMQ. */

interface Run {
  queue: string;
  name: string;
  data: unknown;
  jobId: string;
  attempt: number;
  at: number;
}

describe.each(queueBackends)('the job queue, %s', (kind) => {
  let backend: QueueBackend;
  let runs: EventLog<Run>;

  beforeEach(async () => {
    backend = await createQueueBackend(kind);
    runs = new EventLog<Run>();
  });
  afterEach(async () => {
    await backend?.destroy();
  });

  const record = (queue: string, name: string, data: unknown, context: JobContext) =>
    runs.push({ queue, name, data, jobId: context.jobId, attempt: context.attempt, at: Date.now() });

  const drained = () => eventually(async () => (await backend.unfinishedJobs()) === 0, 'the queue to drain');

  it('runs each job once, even with two workers competing for them', async () => {
    const first = await backend.open();
    const second = await backend.open();
    const handler = (queue: string) => async (data: { n: number }, context: JobContext) => {
      record(queue, 'count', data, context);
    };
    await first.work({ count: handler('first') }, { concurrency: 2 });
    await second.work({ count: handler('second') }, { concurrency: 2 });
    for (let n = 1; n <= 8; n += 1) await first.add('count', { n });
    await runs.until((items) => items.length >= 8, 'eight runs');
    await drained();
    expect(runs.items.map((run) => (run.data as { n: number }).n).sort((a, b) => a - b)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8,
    ]);
    expect(runs.items.every((run) => run.attempt === 1)).toBe(true);
    expect(backend.logs.count((line) => line.event === 'queue.job_taken_over')).toBe(0);
  });

  it('adds one job for one jobId while it waits, and a new one once it has finished', async () => {
    const queue = await backend.open();
    await queue.add('once', { copy: 1 }, { jobId: 'invoice-42', delayMs: 300 });
    await queue.add('once', { copy: 2 }, { jobId: 'invoice-42', delayMs: 300 });
    await queue.work({ once: async (data, context) => record('q', 'once', data, context) });
    await runs.until((items) => items.length >= 1, 'the first run');
    await drained();
    expect(runs.items).toHaveLength(1);
    expect(runs.items[0]).toMatchObject({ data: { copy: 1 }, jobId: 'invoice-42', attempt: 1 });

    await queue.add('once', { copy: 3 }, { jobId: 'invoice-42' });
    await runs.until((items) => items.length >= 2, 'the run after the first finished');
    expect(runs.items[1]).toMatchObject({ data: { copy: 3 }, jobId: 'invoice-42' });
  });

  it('honours a delay', async () => {
    const queue = await backend.open();
    await queue.work({ later: async (data, context) => record('q', 'later', data, context) });
    const addedAt = Date.now();
    await queue.add('later', {}, { delayMs: 600 });
    const [run] = await runs.until((items) => items.length >= 1, 'the delayed run');
    expect(run.at - addedAt).toBeGreaterThanOrEqual(600);
  });

  it('runs a job again after the retryInMs it asked for, without counting a failed attempt', async () => {
    const queue = await backend.open();
    await queue.work({
      busy: async (data, context) => {
        record('q', 'busy', data, context);
        return runs.items.length === 1 ? { retryInMs: 200 } : undefined;
      },
    });
    await queue.add('busy', {}, { jobId: 'busy-1' });
    await runs.until((items) => items.length >= 2, 'the second run');
    await drained();
    const [first, second] = runs.items as [Run, Run];
    expect(second.at - first.at).toBeGreaterThanOrEqual(200);
    expect([first.attempt, second.attempt]).toEqual([1, 1]);
    expect(runs.items).toHaveLength(2);
    expect(await backend.failedJobs()).toBe(0);
    expect(backend.logs.count((line) => line.event === 'queue.job_attempt_failed')).toBe(0);
  });

  it('retries a throwing handler with back-off, then fails the job and logs it', async () => {
    const queue = await backend.open({ maxAttempts: 3, backoffMs: 100 });
    await queue.work({
      flaky: async (data, context) => {
        record('q', 'flaky', data, context);
        throw new Error(`QuickBooks said no (${context.attempt})`);
      },
    });
    await queue.add('flaky', { invoice: 7 }, { jobId: 'flaky-7' });
    await backend.logs.until(
      (lines) => lines.some((line) => line.event === 'queue.job_failed'),
      'the job to fail for good',
    );
    const [first, second, third] = runs.items as [Run, Run, Run];
    expect(runs.items.map((run) => run.attempt)).toEqual([1, 2, 3]);
    expect(second.at - first.at).toBeGreaterThanOrEqual(100);
    expect(third.at - second.at).toBeGreaterThanOrEqual(200);
    expect(backend.logs.count((line) => line.event === 'queue.job_attempt_failed')).toBe(2);
    const failed = backend.logs.items.find((line) => line.event === 'queue.job_failed') as Record<string, unknown>;
    expect(failed).toMatchObject({ jobId: 'flaky-7', name: 'flaky', level: 50 });
    expect(JSON.stringify(failed.err)).toContain('QuickBooks said no (3)');
    await eventually(async () => (await backend.failedJobs()) === 1, 'the failed job to be recorded');
    expect(await backend.unfinishedJobs()).toBe(0);

    // A failed jobId is free again: the same work can be asked for once more.
    await queue.add('flaky', { invoice: 7 }, { jobId: 'flaky-7' });
    await runs.until((items) => items.length >= 4, 'the job added again');
  });

  it('on close, lets a running job finish before it resolves', async () => {
    const queue = await backend.open({ closeTimeoutMs: 10_000 });
    const started = deferred();
    const release = deferred();
    let signal: AbortSignal | undefined;
    const order: string[] = [];
    await queue.work({
      slow: async (data, context) => {
        signal = context.signal;
        started.resolve();
        await release.promise;
        record('q', 'slow', data, context);
        order.push('job finished');
      },
    });
    await queue.add('slow', {});
    await started.promise;
    const closed = queue.close().then(() => order.push('close resolved'));
    setTimeout(() => release.resolve(), 300);
    await closed;
    expect(order).toEqual(['job finished', 'close resolved']);
    expect(signal?.aborted).toBe(false);
    expect(await backend.unfinishedJobs()).toBe(0);
    await expect(queue.add('slow', {})).rejects.toThrow('the job queue is closed');
  });

  it('on close, aborts a job that outlasts the wait; another worker resumes it without a failed attempt', async () => {
    const leaving = await backend.open({ closeTimeoutMs: 300 });
    const aborted = new EventLog<unknown>();
    await leaving.work({
      long: async (data, context) => {
        record('leaving', 'long', data, context);
        await new Promise((resolve) => context.signal.addEventListener('abort', resolve));
        aborted.push(context.signal.reason);
        context.signal.throwIfAborted();
      },
    });
    await leaving.add('long', { part: 1 }, { jobId: 'long-1' });
    await runs.until((items) => items.length >= 1, 'the long job to start');
    await leaving.close();
    expect(aborted.items).toHaveLength(1);
    expect(aborted.items[0]).toMatchObject({ name: 'JobInterruptedError', interruption: 'shutdown' });

    const staying: JobQueue = await backend.open();
    await staying.work({ long: async (data, context) => record('staying', 'long', data, context) });
    await runs.until((items) => items.length >= 2, 'the job to resume on the other worker');
    expect(runs.items[1]).toMatchObject({ queue: 'staying', jobId: 'long-1', attempt: 1, data: { part: 1 } });
    expect(backend.logs.count((line) => line.event === 'queue.job_attempt_failed')).toBe(0);
  });
});
