/** Sliding-window request counters for QBO's per-realm and per-realm+app limits (docs/vendors/quickbooks-online.md §6). */

export interface WindowLimit {
  key: string;
  limit: number;
  windowMs: number;
}

export class SlidingWindowThrottle {
  private readonly hits = new Map<string, number[]>();

  /** Records one request against every limit, or none when any limit is already reached. */
  tryConsume(limits: WindowLimit[], now: number): boolean {
    for (const { key, limit, windowMs } of limits) {
      if (this.recent(key, windowMs, now).length >= limit) return false;
    }
    for (const { key, windowMs } of limits) this.recent(key, windowMs, now).push(now);
    return true;
  }

  reset(): void {
    this.hits.clear();
  }

  private recent(key: string, windowMs: number, now: number): number[] {
    const list = this.hits.get(key) ?? [];
    // Time can be moved backwards by a test clock; drop stamps from "the future" too.
    const kept = list.filter((at) => at > now - windowMs && at <= now);
    this.hits.set(key, kept);
    return kept;
  }
}
