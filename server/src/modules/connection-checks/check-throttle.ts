import type { ThrottleRule } from '../../lib/throttles';

/**
 * Forced live connection checks (ConnectWise, QuickBooks) per account: each calls the vendor. Every feature that
 * runs such checks lists this rule among its own, so they spend one budget (the same rule name keys the same rows).
 */
export const CONNECTION_CHECK_THROTTLE_RULES = {
  connectionCheck: { points: 20, durationSeconds: 15 * 60 },
} satisfies Record<string, ThrottleRule>;
