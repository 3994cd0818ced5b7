import type { DataSource } from 'typeorm';
import type { Config } from './config';
import type { Logger } from './lib/logger';
import type { JobHandlers, JobQueue } from './queue';
import { QUEUE_PROBE_JOB, queueProbeHandler } from './queue/probe.job';

export interface JobHandlerDeps {
  config: Readonly<Config>;
  dataSource: DataSource;
  logger: Logger;
  /** For handlers that enqueue follow-up jobs. */
  queue: JobQueue;
}

/** Every job a worker runs, by name: features register their handlers here (docs/imports.md §4). */
export function jobHandlers(deps: JobHandlerDeps): JobHandlers {
  return {
    [QUEUE_PROBE_JOB]: queueProbeHandler(deps.logger),
  };
}
