import type { JobContext, JobHandlers, JobOptions, JobResult } from './job-queue';

/** Why a running job's signal was aborted. */
export type Interruption = 'shutdown' | 'lease-lost';

/** The abort reason a handler's signal carries (`signal.throwIfAborted()` throws it). */
export class JobInterruptedError extends Error {
  constructor(readonly interruption: Interruption) {
    super(interruption === 'shutdown' ? 'the worker is shutting down' : 'this worker lost the job (lease lost)');
    this.name = 'JobInterruptedError';
  }
}

export function interruptionOf(signal: AbortSignal): Interruption | null {
  return signal.aborted && signal.reason instanceof JobInterruptedError ? signal.reason.interruption : null;
}

/** Runs the handler registered for `name`; a job nobody handles is a failed attempt like any other. */
export async function runHandler(
  handlers: JobHandlers,
  name: string,
  data: unknown,
  context: JobContext,
): Promise<JobResult> {
  const handler = Object.hasOwn(handlers, name) ? handlers[name] : undefined;
  if (!handler) throw new Error(`no handler for job "${name}"`);
  return handler(data as never, context);
}

/** The delay a handler asked for, or null when it finished. */
export function retryDelayOf(result: JobResult): number | null {
  if (!result || typeof result.retryInMs !== 'number' || !Number.isFinite(result.retryInMs)) return null;
  return Math.max(0, Math.round(result.retryInMs));
}

/** True when all the promises settled within `ms`. */
export async function settledWithin(promises: Array<Promise<unknown>>, ms: number): Promise<boolean> {
  if (promises.length === 0) return true;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([Promise.allSettled(promises).then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export const MAX_JOB_NAME_LENGTH = 100;
export const MAX_JOB_ID_LENGTH = 191;
/** A MySQL TEXT column: jobs carry ids and small settings, never documents. */
export const MAX_JOB_DATA_BYTES = 65_535;

/** The job's data as stored (JSON), refused when too large to store faithfully. */
export function serializeJobData(data: unknown): string {
  const json = JSON.stringify(data ?? null);
  if (Buffer.byteLength(json, 'utf8') > MAX_JOB_DATA_BYTES) {
    throw new Error(`job data is at most ${MAX_JOB_DATA_BYTES} bytes of JSON: pass ids, not documents`);
  }
  return json;
}

/** Rejects what neither driver could store faithfully. */
export function assertJobRequest(name: string, options: JobOptions = {}): void {
  if (name.length === 0 || name.length > MAX_JOB_NAME_LENGTH) {
    throw new Error(`a job name has 1–${MAX_JOB_NAME_LENGTH} characters`);
  }
  if (options.jobId !== undefined && (options.jobId.length === 0 || options.jobId.length > MAX_JOB_ID_LENGTH)) {
    throw new Error(`a jobId has 1–${MAX_JOB_ID_LENGTH} characters`);
  }
  if (options.delayMs !== undefined && !(Number.isFinite(options.delayMs) && options.delayMs >= 0)) {
    throw new Error('delayMs must be a finite number ≥ 0');
  }
}

export function assertSchedule(key: string, everyMs: number, name: string): void {
  assertJobRequest(name);
  if (key.length === 0 || key.length > MAX_JOB_ID_LENGTH) {
    throw new Error(`a schedule key has 1–${MAX_JOB_ID_LENGTH} characters`);
  }
  if (!Number.isInteger(everyMs) || everyMs < 1) throw new Error('everyMs must be a whole number ≥ 1');
}

/** Error text short enough to store beside a failed job. */
export function errorText(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, 1000);
}
