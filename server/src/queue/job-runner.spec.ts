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
import { backoffDelayMs } from './queue-settings';

const context = () => ({ jobId: 'j-1', attempt: 1, signal: new AbortController().signal });

describe('job runner', () => {
  it('runs the handler registered for a name and refuses a name nobody handles', async () => {
    const seen: unknown[] = [];
    const handlers = { greet: async (data: { to: string }) => void seen.push(data.to) };
    await runHandler(handlers, 'greet', { to: 'Ada' }, context());
    expect(seen).toEqual(['Ada']);
    await expect(runHandler(handlers, 'toString', {}, context())).rejects.toThrow('no handler for job "toString"');
  });

  it('reads a retry request only from a finite retryInMs', () => {
    expect(retryDelayOf(undefined)).toBeNull();
    expect(retryDelayOf({ retryInMs: 1500.4 })).toBe(1500);
    expect(retryDelayOf({ retryInMs: -5 })).toBe(0);
    expect(retryDelayOf({ retryInMs: Number.NaN })).toBeNull();
  });

  it('tells a shutdown from a lost lease, and from any other abort', () => {
    const shutdown = new AbortController();
    shutdown.abort(new JobInterruptedError('shutdown'));
    const lost = new AbortController();
    lost.abort(new JobInterruptedError('lease-lost'));
    const other = new AbortController();
    other.abort();
    expect(interruptionOf(shutdown.signal)).toBe('shutdown');
    expect(interruptionOf(lost.signal)).toBe('lease-lost');
    expect(interruptionOf(other.signal)).toBeNull();
    expect(interruptionOf(new AbortController().signal)).toBeNull();
  });

  it('backs off exponentially, as BullMQ does', () => {
    expect([1, 2, 3, 4].map((attempt) => backoffDelayMs(10_000, attempt))).toEqual([10_000, 20_000, 40_000, 80_000]);
  });

  it('refuses what neither driver could store faithfully', () => {
    expect(() => assertJobRequest('')).toThrow('a job name has 1–100 characters');
    expect(() => assertJobRequest('x', { jobId: 'k'.repeat(192) })).toThrow('a jobId has 1–191 characters');
    expect(() => assertJobRequest('x', { delayMs: -1 })).toThrow('delayMs');
    expect(() => assertSchedule('k', 0, 'x')).toThrow('everyMs must be a whole number ≥ 1');
    expect(() => serializeJobData({ blob: 'x'.repeat(70_000) })).toThrow('pass ids, not documents');
    expect(serializeJobData(undefined)).toBe('null');
  });

  it('waits for promises only as long as allowed', async () => {
    expect(await settledWithin([Promise.resolve(), Promise.reject(new Error('no'))], 1000)).toBe(true);
    expect(await settledWithin([new Promise(() => undefined)], 20)).toBe(false);
  });
});
