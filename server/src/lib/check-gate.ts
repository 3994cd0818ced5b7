/**
 * One live check per connection at a time (docs/request-hardening.md). In this process, callers that arrive while a
 * check of the same key runs share it; across processes, a claim kept in the database stops a second process from
 * calling the vendor meanwhile: it waits (bounded) for the claim to be released and then reads the stored answer.
 */

/** A cross-process claim per key (a lease row in the database). */
export interface FlightClaims {
  /** Takes the claim and answers how to release it; null while someone else holds it. */
  claim(key: string): Promise<(() => Promise<void>) | null>;
  isClaimed(key: string): Promise<boolean>;
}

export interface CheckGateOptions {
  claims: FlightClaims;
  /** How long a caller waits for another process's check before reading the stored answer anyway. */
  maxWaitMs?: number;
  pollMs?: number;
  sleep?: (ms: number) => Promise<void>;
  onReleaseError?: (error: unknown) => void;
}

export interface RunOptions {
  /** Runs only when this call starts a new check (not when it joins one): e.g. spends the account's budget. */
  beforeStart?: () => Promise<void>;
}

export class CheckGate {
  private readonly flights = new Map<string, Promise<void>>();
  private readonly maxWaitMs: number;
  private readonly pollMs: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: CheckGateOptions) {
    this.maxWaitMs = options.maxWaitMs ?? 30_000;
    this.pollMs = options.pollMs ?? 100;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** Resolves once the check of `key` that was running, or the one this call starts, has finished. */
  run(key: string, check: () => Promise<void>, options: RunOptions = {}): Promise<void> {
    const running = this.flights.get(key);
    if (running) return running;
    const flight = (async () => {
      await options.beforeStart?.();
      await this.runClaimed(key, check);
    })().finally(() => this.flights.delete(key));
    this.flights.set(key, flight);
    return flight;
  }

  private async runClaimed(key: string, check: () => Promise<void>): Promise<void> {
    const release = await this.options.claims.claim(key);
    if (!release) {
      await this.waitForRelease(key);
      return;
    }
    try {
      await check();
    } finally {
      await release().catch((error: unknown) => this.options.onReleaseError?.(error));
    }
  }

  private async waitForRelease(key: string): Promise<void> {
    const deadline = Date.now() + this.maxWaitMs;
    while (Date.now() < deadline && (await this.options.claims.isClaimed(key))) await this.sleep(this.pollMs);
  }
}
