import type { JobContext } from '../../src/queue';
import { QUEUE_PROBE_JOB, type QueueProbeData } from '../../src/queue/probe.job';
import { createQueueBackend, eventually, EventLog, queueBackends, type QueueBackend } from '../support/queues';
import { ensureBuilt } from '../support/server-process';
import { startWorker, type WorkerChild } from '../support/worker-process';

/**
 * The real worker process (`node server/dist/worker.js`): it starts, works, stops cleanly on SIGTERM,
 * and when it is SIGKILLed in the middle of a job, another process resumes that job and finishes it.
 */

interface Run {
  data: QueueProbeData;
  jobId: string;
  attempt: number;
}

describe.each(queueBackends)('the worker process, %s', (kind) => {
  let backend: QueueBackend;
  const children: WorkerChild[] = [];

  beforeAll(() => ensureBuilt());
  beforeEach(async () => {
    backend = await createQueueBackend(kind);
  });
  afterEach(async () => {
    for (const child of children.splice(0)) {
      if (child.process.exitCode === null && child.process.signalCode === null) child.process.kill('SIGKILL');
      await child.exited;
    }
    await backend?.destroy();
  });

  const worker = async (env: Record<string, string> = {}) => {
    const child = await startWorker({ ...backend.workerEnv, ...env });
    children.push(child);
    return child;
  };

  it('runs jobs, then finishes its running job and exits 0 on SIGTERM', async () => {
    const child = await worker();
    expect(child.logs.items.find((line) => line.msg === 'worker ready')).toMatchObject({
      event: 'worker.ready',
      driver: kind === 'bullmq' ? 'bullmq' : 'embedded',
    });
    const producer = await backend.open();
    await producer.add(QUEUE_PROBE_JOB, { label: 'quick' });
    await producer.add(QUEUE_PROBE_JOB, { label: 'slow', holdMs: 500 });
    await child.logs.until(
      (lines) => lines.some((line) => line.event === 'queue.probe_started' && line.label === 'slow'),
      'the slow probe to start',
    );
    child.process.kill('SIGTERM');
    expect(await child.exited).toEqual({ code: 0, signal: null });
    const done = child.logs.items.filter((line) => line.event === 'queue.probe_done').map((line) => line.label);
    expect(done.sort()).toEqual(['quick', 'slow']);
    expect(await backend.unfinishedJobs()).toBe(0);
  });

  it('loses a job to SIGKILL mid-run; another process resumes it and finishes it', async () => {
    // Embedded: a long lease, so only the dead-owner check can explain a quick takeover. BullMQ: its
    // lock must expire before the stalled-job check hands the job back.
    const child = await worker({ QUEUE_LEASE_SECONDS: kind === 'bullmq' ? '1' : '600' });
    const survivor = await backend.open({ leaseMs: kind === 'bullmq' ? 1_000 : 600_000 });
    await survivor.add(QUEUE_PROBE_JOB, { label: 'crash', holdMs: 600_000 }, { jobId: 'probe-crash' });
    await child.logs.until(
      (lines) => lines.some((line) => line.event === 'queue.probe_started' && line.jobId === 'probe-crash'),
      'the worker to start the job',
    );
    child.process.kill('SIGKILL');
    expect(await child.exited).toEqual({ code: null, signal: 'SIGKILL' });

    const runs = new EventLog<Run>();
    await survivor.work({
      [QUEUE_PROBE_JOB]: async (data: QueueProbeData, context: JobContext) => {
        runs.push({ data, jobId: context.jobId, attempt: context.attempt });
      },
    });
    await runs.until((items) => items.length >= 1, 'the job to be resumed');
    expect(runs.items[0]).toEqual({ data: { label: 'crash', holdMs: 600_000 }, jobId: 'probe-crash', attempt: 1 });
    expect(backend.logs.items.find((line) => line.event === 'queue.job_recovered')).toMatchObject({
      reason: kind === 'bullmq' ? 'stalled' : 'owner-dead',
    });
    await eventually(async () => (await backend.unfinishedJobs()) === 0, 'the resumed job to be recorded as done');
    expect(await backend.failedJobs()).toBe(0);
    expect(runs.items).toHaveLength(1);
  });
});
