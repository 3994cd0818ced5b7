import { afterFailure, retryDelayAfterMs, retryDelayMs, type RetryPolicy } from './retry-policy';

const policy: RetryPolicy = { firstDelayMs: 30_000, maxDelayMs: 30 * 60_000, windowMs: 24 * 3600_000 };
const now = new Date('2025-11-20T10:00:00Z');
const inHours = (hours: number) => new Date(now.getTime() + hours * 3600_000);

describe('email retry policy', () => {
  it('backs off exponentially from the first delay, capped', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 60].map((failures) => retryDelayMs(policy, failures) / 1000)).toEqual([
      30, 60, 120, 240, 480, 960, 1800, 1800, 1800,
    ]);
  });

  it('retries a transient failure, and fails a permanent one at once', () => {
    expect(afterFailure(policy, { transient: true }, 3, now, inHours(24))).toEqual({ retryInMs: 120_000 });
    expect(afterFailure(policy, { transient: false }, 1, now, inHours(24))).toEqual({ giveUp: 'refused' });
  });

  it('waits at least as long as a rate limit asks, within the cap', () => {
    expect(afterFailure(policy, { transient: true, retryAfterMs: 90_000 }, 1, now, inHours(24))).toEqual({
      retryInMs: 90_000,
    });
    expect(afterFailure(policy, { transient: true, retryAfterMs: 5 * 3600_000 }, 1, now, inHours(24))).toEqual({
      retryInMs: 30 * 60_000,
    });
  });

  it('gives up when the next attempt would come after the email stops being worth sending', () => {
    const deliverBy = new Date(now.getTime() + 100_000);
    expect(afterFailure(policy, { transient: true }, 2, now, deliverBy)).toEqual({ retryInMs: 60_000 });
    expect(afterFailure(policy, { transient: true }, 3, now, deliverBy)).toEqual({ giveUp: 'expired' });
  });

  it('keeps trying through a day-long outage: dozens of attempts, none further apart than the cap', () => {
    let at = 0;
    let failures = 0;
    for (;;) {
      const next = afterFailure(policy, { transient: true }, failures + 1, new Date(now.getTime() + at), inHours(24));
      if ('giveUp' in next) break;
      failures += 1;
      at += next.retryInMs;
    }
    expect(failures).toBeGreaterThan(45);
    expect(at).toBeLessThanOrEqual(24 * 3600_000);
    expect(at).toBeGreaterThan(23 * 3600_000);
  });

  it('backs off by elapsed time for work that keeps no attempt count', () => {
    expect([0, 10_000, 45_000, 600_000, 7200_000].map((elapsed) => retryDelayAfterMs(policy, elapsed))).toEqual([
      30_000, 30_000, 45_000, 600_000, 1_800_000,
    ]);
  });
});
