import type { DataSource } from 'typeorm';
import type { Logger } from '../lib/logger';
import { BullMqJobQueue } from './bullmq-job-queue';
import { EmbeddedJobQueue } from './embedded-job-queue';
import type { JobQueue } from './job-queue';
import { DEFAULT_QUEUE_SETTINGS, type QueueSettings } from './queue-settings';

export interface CreateJobQueueOptions {
  /** Usually `config.queue`; anything left out takes its default. */
  config?: Partial<QueueSettings>;
  /** The app's database: the embedded driver keeps its jobs there. */
  dataSource: DataSource;
  logger: Logger;
}

/** The embedded driver, or BullMQ when a Redis URL is configured. */
export function createJobQueue({ config = {}, dataSource, logger }: CreateJobQueueOptions): JobQueue {
  const settings: QueueSettings = { ...DEFAULT_QUEUE_SETTINGS, ...withoutUndefined(config) };
  const queueLogger = logger.child({ component: 'queue' });
  if (settings.redisUrl) return new BullMqJobQueue({ ...settings, redisUrl: settings.redisUrl }, queueLogger);
  return new EmbeddedJobQueue(settings, dataSource, queueLogger);
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
