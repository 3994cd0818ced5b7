import type { ThrottleRule, Throttles } from '../../lib/throttles';
import { CONNECTION_CHECK_THROTTLE_RULES } from '../connection-checks';

/** ConnectWise's rate limits (kept in the database: lib/throttles.ts). */
export const CONNECTWISE_THROTTLE_RULES = {
  /** Live ConnectWise validations per account (each one calls out to the Site). */
  connectWiseSave: { points: 20, durationSeconds: 15 * 60 },
  /** Forced live checks, one budget with QuickBooks's. */
  ...CONNECTION_CHECK_THROTTLE_RULES,
} satisfies Record<string, ThrottleRule>;

export type ConnectWiseThrottles = Throttles<keyof typeof CONNECTWISE_THROTTLE_RULES>;
