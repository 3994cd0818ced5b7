import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from '../lib/logger';
import type { JobHandler } from './job-queue';

/** A job that proves a worker consumes jobs end to end: it logs its start and end, and may hold its slot. */
export const QUEUE_PROBE_JOB = 'queue.probe';

export interface QueueProbeData {
  label?: string;
  /** How long the job keeps running (at most ten minutes); it stops early when its signal aborts. */
  holdMs?: number;
}

const MAX_HOLD_MS = 10 * 60_000;

export function queueProbeHandler(logger: Logger): JobHandler<QueueProbeData> {
  return async (data, { jobId, attempt, signal }) => {
    const log = { jobId, attempt, label: data?.label };
    logger.info({ event: 'queue.probe_started', ...log }, 'probe job started');
    const holdMs = Math.min(Math.max(0, Number(data?.holdMs) || 0), MAX_HOLD_MS);
    if (holdMs > 0) await delay(holdMs, undefined, { signal });
    logger.info({ event: 'queue.probe_done', ...log }, 'probe job done');
  };
}
