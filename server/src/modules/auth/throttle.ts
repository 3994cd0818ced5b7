import type { ThrottleRule, Throttles } from '../../lib/throttles';

/** Auth's rate limits (kept in the database: lib/throttles.ts). */
export const AUTH_THROTTLE_RULES = {
  /** 10 failed logins for one account from one untrusted client within 15 minutes (docs/login-protection.md). */
  loginAccountClient: { points: 10, durationSeconds: 15 * 60 },
  /** Failed logins of one account from every untrusted client together (slows distributed guessing). */
  loginAccount: { points: 50, durationSeconds: 15 * 60 },
  /** Failed logins from one untrusted client across accounts (password spraying). */
  loginClient: { points: 100, durationSeconds: 15 * 60 },
  /** Failed logins from one trusted device (a valid device cookie for the account): its own budget. */
  loginDevice: { points: 10, durationSeconds: 15 * 60 },
  /** Wrong or expired email-link tokens from one client. */
  tokenClient: { points: 10, durationSeconds: 15 * 60 },
  /** New passwords checked from one client (each strength estimate costs CPU; docs/accounts.md §3). */
  passwordCheckClient: { points: 30, durationSeconds: 15 * 60 },
  /** Sign-ups and reset requests from one client. */
  emailRequestClient: { points: 30, durationSeconds: 60 * 60 },
  /** Wrong current passwords of a signed-in account (re-authentication before sensitive changes). */
  reauthAccount: { points: 10, durationSeconds: 15 * 60 },
  // The per-account email budget is counted from the email outbox instead (EMAIL_BUDGET in auth.service.ts).
} satisfies Record<string, ThrottleRule>;

export type AuthThrottleName = keyof typeof AUTH_THROTTLE_RULES;

export type AuthThrottles = Throttles<AuthThrottleName>;
