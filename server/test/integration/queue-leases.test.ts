import { randomUUID } from 'node:crypto';
import type { JobContext } from '../../src/queue';
import { JobInterruptedError } from '../../src/queue';
import { QueueJobRecord } from '../../src/queue/queue-job.entity';
import { createQueueBackend, deferred, embeddedBackends, EventLog, type QueueBackend } from '../support/queues';

/**
 * The embedded driver's leases, seen from the table: a holder on another host is outlived, never
 * overtaken; a worker whose lease is taken away is told through its signal; a crash loop ends.
 */

interface Run {
  data: unknown;
  attempt: number;
  at: number;
}

const OTHER_HOST_OWNER = 'another-host|4242|0badc0de|00000001';

describe.each(embeddedBackends)('embedded job leases, %s', (kind) => {
  let backend: QueueBackend;
  let runs: EventLog<Run>;

  beforeEach(async () => {
    backend = await createQueueBackend(kind);
    runs = new EventLog<Run>();
  });
  afterEach(async () => {
    await backend?.destroy();
  });

  const record = async (data: unknown, context: JobContext) => {
    runs.push({ data, attempt: context.attempt, at: Date.now() });
  };

  /** A job some other process claimed: as its row would look. */
  const leasedJob = async (leaseUntil: Date, extra: Partial<QueueJobRecord> = {}) => {
    const now = new Date();
    const id = randomUUID();
    await backend.db.dataSource.getRepository(QueueJobRecord).insert({
      id,
      name: 'sync',
      dedupKey: null,
      data: JSON.stringify({ configuration: 'c-1' }),
      status: 'active',
      runAt: now,
      attempts: 0,
      stalls: 0,
      version: 1,
      leaseOwner: OTHER_HOST_OWNER,
      leaseUntil,
      lastError: null,
      createdAt: now,
      updatedAt: now,
      ...extra,
    });
    return id;
  };

  const row = (id: string) => backend.db.dataSource.getRepository(QueueJobRecord).findOneBy({ id });

  it('resumes a job whose holder on another host let its lease run out', async () => {
    await leasedJob(new Date(Date.now() - 1_000));
    const queue = await backend.open();
    await queue.work({ sync: record });
    await runs.until((items) => items.length >= 1, 'the job to be resumed');
    expect(runs.items[0]).toMatchObject({ data: { configuration: 'c-1' }, attempt: 1 });
    expect(backend.logs.items.find((line) => line.event === 'queue.job_recovered')).toMatchObject({
      reason: 'lease-expired',
      stalls: 1,
    });
  });

  it('leaves a job alone while its holder on another host still has the lease', async () => {
    const leaseUntil = new Date(Date.now() + 1_500);
    await leasedJob(leaseUntil);
    const queue = await backend.open();
    await queue.work({ sync: record });
    const [run] = await runs.until((items) => items.length >= 1, 'the job once the lease ran out');
    expect(run.at).toBeGreaterThanOrEqual(leaseUntil.getTime());
  });

  it('aborts the signal of a job whose lease was taken away, and leaves the job to its new holder', async () => {
    const queue = await backend.open({ leaseMs: 600 });
    const started = deferred<string>();
    const reasons = new EventLog<unknown>();
    await queue.work({
      sync: async (_data, context) => {
        started.resolve(context.jobId);
        await new Promise((resolve) => context.signal.addEventListener('abort', resolve));
        reasons.push(context.signal.reason);
      },
    });
    await queue.add('sync', {});
    const jobId = await started.promise;
    await backend.db.dataSource
      .getRepository(QueueJobRecord)
      .update({ id: jobId }, { leaseOwner: OTHER_HOST_OWNER, leaseUntil: new Date(Date.now() + 60_000) });
    await reasons.until((items) => items.length >= 1, 'the signal to abort');
    expect(reasons.items[0]).toBeInstanceOf(JobInterruptedError);
    expect(reasons.items[0]).toMatchObject({ interruption: 'lease-lost' });
    await queue.close();
    // The handler returned normally, but the job is no longer ours to finish.
    expect(await row(jobId)).toMatchObject({ status: 'active', leaseOwner: OTHER_HOST_OWNER });
  });

  it('fails a job that keeps killing the workers that resume it', async () => {
    const id = await leasedJob(new Date(Date.now() - 1_000), { stalls: 2, dedupKey: 'poison' });
    const queue = await backend.open({ maxStalls: 2 });
    await queue.work({ sync: record });
    await backend.logs.until((lines) => lines.some((line) => line.event === 'queue.job_failed'), 'the job to fail');
    expect(runs.items).toEqual([]);
    expect(await row(id)).toMatchObject({ status: 'failed', stalls: 3, dedupKey: null, leaseOwner: null });
  });
});
