import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Piscina from 'piscina';
import { DomainError, ErrorCode } from '../../lib/errors';

/**
 * bcrypt in worker threads (docs/login-protection.md): a hash costs a core a quarter of a second, so on
 * the event loop fifty parallel logins would stall every other request for seconds. The pool runs as
 * many hashes at once as it has threads, lets a bounded number wait, and refuses the rest at once with
 * RATE_LIMITED instead of queueing without bound.
 */

export interface HashPoolOptions {
  /** Threads hashing at once. */
  threads: number;
  /** Hashes allowed to wait for a thread. */
  maxWaiting: number;
  /**
   * A thread that failed outside a task (it could not start, say). Without a listener such an error would end the
   * process; the task it was given fails on its own and its caller answers the request.
   */
  onThreadError?: (error: unknown) => void;
  /** The worker's module (tests); bcrypt.worker.mjs by default. */
  workerFile?: string;
}

/** The worker's file: plain JavaScript beside this module, in `src/` (tests) and `dist/` alike. */
const WORKER_FILE = path.join(__dirname, 'bcrypt.worker.mjs');
/** Idle threads stay this long, so a burst does not pay a thread start per login. */
const IDLE_MS = 60_000;
/** What a hash is assumed to take before one has been measured. */
const FIRST_ESTIMATE_MS = 300;

export class HashPool {
  private readonly piscina: Piscina;
  private inFlight = 0;
  private readonly running = new Set<AbortController>();
  private averageMs = FIRST_ESTIMATE_MS;

  constructor(private readonly options: HashPoolOptions) {
    this.piscina = new Piscina({
      filename: options.workerFile ?? WORKER_FILE,
      minThreads: 0,
      maxThreads: options.threads,
      idleTimeout: IDLE_MS,
    });
    // Piscina leaves the tasks of a thread that failed outside them pending for ever: they fail now instead.
    this.piscina.on('error', (error: unknown) => {
      options.onThreadError?.(error);
      for (const task of this.running) task.abort(error);
    });
  }

  /** Hashes running or waiting now. */
  get pending(): number {
    return this.inFlight;
  }

  hash(password: string, cost: number): Promise<string> {
    return this.run<string>('hash', { password, cost });
  }

  compare(password: string, hash: string): Promise<boolean> {
    return this.run<boolean>('compare', { password, hash });
  }

  close(): Promise<void> {
    return this.piscina.destroy();
  }

  private async run<T>(name: 'hash' | 'compare', task: object): Promise<T> {
    const { threads, maxWaiting } = this.options;
    if (this.inFlight >= threads + maxWaiting) throw this.busy();
    this.inFlight += 1;
    const started = performance.now();
    const control = new AbortController();
    this.running.add(control);
    try {
      const result = (await this.piscina.run(task, { name, signal: control.signal })) as T;
      this.averageMs = this.averageMs * 0.8 + (performance.now() - started) * 0.2;
      return result;
    } catch (error) {
      throw control.signal.aborted ? control.signal.reason : error;
    } finally {
      this.running.delete(control);
      this.inFlight -= 1;
    }
  }

  /** RATE_LIMITED with the time the waiting hashes need to drain. */
  private busy(): DomainError {
    const drainMs = (this.inFlight / this.options.threads) * this.averageMs;
    const retryAfterSeconds = Math.max(1, Math.ceil(drainMs / 1000));
    return new DomainError(
      ErrorCode.RATE_LIMITED,
      'Mobius is checking many passwords right now. Please try again in a few seconds.',
      { extensions: { retryAfterSeconds } },
    );
  }
}
