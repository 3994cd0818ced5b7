/** When a failed email is tried again, and when it is given up (docs/email-delivery.md §3). Pure functions. */

export interface RetryPolicy {
  /** Delay after the first failure; it doubles with each further failure… */
  firstDelayMs: number;
  /** …up to this. */
  maxDelayMs: number;
  /** How long after it was queued an email is still worth trying. */
  windowMs: number;
}

/** The delay after `failures` failed attempts: first, doubling, capped. */
export function retryDelayMs(policy: RetryPolicy, failures: number): number {
  const exponent = Math.min(Math.max(0, failures - 1), 30);
  return Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** exponent);
}

export type AfterFailure = { retryInMs: number } | { giveUp: 'refused' | 'expired' };

/**
 * What to do after a failed attempt: a permanent refusal fails at once; a transient one waits the back-off (or
 * longer, when the provider said how long), unless the next attempt would come after `deliverBy`.
 */
export function afterFailure(
  policy: RetryPolicy,
  failure: { transient: boolean; retryAfterMs?: number },
  failures: number,
  now: Date,
  deliverBy: Date,
): AfterFailure {
  if (!failure.transient) return { giveUp: 'refused' };
  const retryInMs = Math.max(retryDelayMs(policy, failures), Math.min(failure.retryAfterMs ?? 0, policy.maxDelayMs));
  if (now.getTime() + retryInMs > deliverBy.getTime()) return { giveUp: 'expired' };
  return { retryInMs };
}

/**
 * Back-off for work that keeps no attempt count (a job's data cannot change): wait as long as it has already been
 * failing, within the policy's bounds, so the total time doubles with each attempt.
 */
export function retryDelayAfterMs(policy: RetryPolicy, elapsedMs: number): number {
  return Math.min(policy.maxDelayMs, Math.max(policy.firstDelayMs, elapsedMs));
}
