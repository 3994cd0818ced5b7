import type { ThrottleRule, Throttles } from '../../lib/throttles';
import { CONNECTION_CHECK_THROTTLE_RULES } from '../connection-checks';

/** QuickBooks's rate limits (kept in the database: lib/throttles.ts). */
export const QUICKBOOKS_THROTTLE_RULES = {
  /** `connectionStatus(maxAgeSeconds)` calls per account that had to re-validate something (a minute apart on average). */
  statusRevalidation: { points: 15, durationSeconds: 15 * 60 },
  /** Forced live checks, one budget with ConnectWise's. */
  ...CONNECTION_CHECK_THROTTLE_RULES,
} satisfies Record<string, ThrottleRule>;

export type QuickBooksThrottles = Throttles<keyof typeof QUICKBOOKS_THROTTLE_RULES>;
