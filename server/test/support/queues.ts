import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import type { DataSource } from 'typeorm';
import { createLogger } from '../../src/lib/logger';
import { createJobQueue, type JobQueue, type QueueSettings } from '../../src/queue';
import { BULLMQ_QUEUE_NAME } from '../../src/queue/bullmq-job-queue';
import { createTestDatabase, testDialects, type TestDatabase } from './databases';

/** The job queue's test backends: the embedded driver on every test database, and BullMQ on Redis. */

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export type QueueBackendKind = 'embedded on sqlite' | 'embedded on mysql' | 'bullmq';

export const queueBackends: QueueBackendKind[] = [
  ...testDialects.map((dialect): QueueBackendKind => `embedded on ${dialect}`),
  'bullmq',
];

export const embeddedBackends = queueBackends.filter((kind) => kind !== 'bullmq');

/** Short polls, leases and back-off so the tests run in seconds. */
export const FAST_QUEUE: Partial<QueueSettings> = {
  pollMs: 50,
  leaseMs: 2_000,
  backoffMs: 50,
  maxAttempts: 3,
  closeTimeoutMs: 2_000,
};

/** Things that happen in order, and a way to wait until enough of them have happened. */
export class EventLog<T> {
  readonly items: T[] = [];
  private waiters: Array<{ check: () => boolean; resolve: () => void }> = [];

  push(item: T): void {
    this.items.push(item);
    this.waiters = this.waiters.filter((waiter) => {
      if (!waiter.check()) return true;
      waiter.resolve();
      return false;
    });
  }

  /** Resolves once `predicate` holds for what has happened so far. */
  until(predicate: (items: T[]) => boolean, what: string, timeoutMs = 30_000): Promise<T[]> {
    if (predicate(this.items)) return Promise.resolve(this.items);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`timed out waiting for ${what}; seen: ${JSON.stringify(this.items).slice(0, 2000)}`));
      }, timeoutMs);
      const waiter = {
        check: () => predicate(this.items),
        resolve: () => {
          clearTimeout(timer);
          resolve(this.items);
        },
      };
      this.waiters.push(waiter);
    });
  }

  count(predicate: (item: T) => boolean = () => true): number {
    return this.items.filter(predicate).length;
  }
}

export type LogLine = Record<string, unknown> & { event?: string; msg?: string };

export interface QueueBackend {
  kind: QueueBackendKind;
  db: TestDatabase;
  /** Every log line of every queue opened here. */
  logs: EventLog<LogLine>;
  /** One more queue on this backend, as another process would have it (its own database connection). */
  open(tuning?: Partial<QueueSettings>): Promise<JobQueue>;
  /** Jobs not finished yet (waiting, delayed or running), not counting a schedule's next run. */
  unfinishedJobs(): Promise<number>;
  /** Jobs that failed for good. */
  failedJobs(): Promise<number>;
  /** The settings a worker process on this backend needs. */
  workerEnv: Record<string, string>;
  destroy(): Promise<void>;
}

export async function createQueueBackend(kind: QueueBackendKind): Promise<QueueBackend> {
  const db = await createTestDatabase(kind === 'embedded on mysql' ? 'mysql' : 'sqlite');
  const prefix = `mobius-test-${randomBytes(6).toString('hex')}`;
  const redisUrl = kind === 'bullmq' ? TEST_REDIS_URL : undefined;
  const logs = new EventLog<LogLine>();
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) logs.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  const logger = createLogger({ level: 'debug', destination });
  const queues: JobQueue[] = [];
  const dataSources: DataSource[] = [];
  const inspector = redisUrl ? new Queue(BULLMQ_QUEUE_NAME, { connection: { url: redisUrl }, prefix }) : undefined;

  const countRows = async (statuses: string[]) => {
    const rows = await db.dataSource.query<Array<{ n: number | string }>>(
      `SELECT COUNT(*) AS n FROM queue_jobs WHERE status IN (${statuses.map(() => '?').join(', ')})`,
      statuses,
    );
    return Number(rows[0]?.n ?? 0);
  };

  return {
    kind,
    db,
    logs,
    open: async (tuning = {}) => {
      const dataSource = dataSources.length === 0 ? db.dataSource : await db.openAnother();
      dataSources.push(dataSource);
      const queue = createJobQueue({ config: { ...FAST_QUEUE, ...tuning, redisUrl, prefix }, dataSource, logger });
      queues.push(queue);
      return queue;
    },
    unfinishedJobs: async () => {
      if (!inspector) return countRows(['waiting', 'active']);
      // The app's schedules (checker, sweep) always have their next run queued: those are not unfinished work.
      const jobs = await inspector.getJobs(['waiting', 'active', 'delayed', 'prioritized']);
      return jobs.filter((job) => !job.repeatJobKey).length;
    },
    failedJobs: async () => (inspector ? inspector.getFailedCount() : countRows(['failed'])),
    workerEnv: {
      NODE_ENV: 'test',
      DATABASE_URL: db.url,
      JWT_SECRET: randomBytes(32).toString('base64'),
      MOBIUS_SECRET_KEY: randomBytes(32).toString('base64'),
      MOBIUS_HASH_KEYS: randomBytes(32).toString('base64'),
      MOBIUS_SIMULATORS: 'off',
      LOG_LEVEL: 'info',
      QUEUE_POLL_MS: '50',
      QUEUE_PREFIX: prefix,
      ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
    },
    destroy: async () => {
      await Promise.all(queues.map((queue) => queue.close()));
      await inspector?.close();
      if (redisUrl) await deleteRedisKeys(redisUrl, prefix);
      await db.destroy();
    },
  };
}

export async function deleteRedisKeys(redisUrl: string, prefix: string): Promise<void> {
  const redis = new IORedis(redisUrl);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** Resolves when `check` holds, asking again every few milliseconds (for state only a query can see). */
export async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A promise with its resolve function, for handlers that wait on the test. */
export { deferred } from '../../src/lib/deferred';
