import type { TrustedDevice } from './device-cookie';
import type { AuthThrottleName, AuthThrottles } from './throttle';

/**
 * The budgets of failed logins (docs/login-protection.md). An attempt spends its point *before* the
 * password is compared, atomically in the database, so parallel attempts cannot all slip under the
 * limit; a successful login gives its point back (failures before it still count: the limit is on
 * failures within the window).
 *
 * - A trusted device (valid device cookie for the account) spends only its own budget.
 * - Any other client spends the budget of the account from that client, the account's budget shared by
 *   every untrusted client, and the client's budget across accounts.
 */

export interface LoginAttempt {
  /** The normalised address typed (the account may not exist). */
  email: string;
  ip: string;
  device: TrustedDevice | null;
}

interface Budget {
  name: AuthThrottleName;
  key: string;
}

export type Admission =
  { admitted: true; budgets: Budget[] } | { admitted: false; throttle: AuthThrottleName; retryAfterMs: number };

export class LoginThrottle {
  constructor(private readonly throttles: AuthThrottles) {}

  /** Spends one attempt from every budget the client draws on; refused (and nothing spent) when one is used up. */
  async admit(attempt: LoginAttempt): Promise<Admission> {
    const budgets = this.budgetsOf(attempt);
    const states = await Promise.all(budgets.map((b) => this.throttles.hit(b.name, b.key)));
    const refusals = budgets
      .map((budget, i) => ({ budget, state: states[i] }))
      .filter((entry) => entry.state?.blocked === true);
    if (refusals.length === 0) return { admitted: true, budgets };
    // A refused attempt compared nothing: it does not count against any budget.
    await this.giveBack(budgets);
    const longest = refusals.reduce((a, b) => ((b.state?.retryAfterMs ?? 0) > (a.state?.retryAfterMs ?? 0) ? b : a));
    return { admitted: false, throttle: longest.budget.name, retryAfterMs: longest.state?.retryAfterMs ?? 0 };
  }

  /**
   * The attempt is not a failure: the password was right, or it was never compared (the hashing pool
   * was full). Its point goes back; earlier failures still count until their window ends.
   */
  async giveBack(budgets: Budget[]): Promise<void> {
    await Promise.all(budgets.map((b) => this.throttles.refund(b.name, b.key)));
  }

  /** A password reset: the account's failed logins from every client and device are forgotten. */
  async lift(email: string, accountId: string): Promise<void> {
    await Promise.all([
      this.throttles.reset('loginAccount', email),
      this.throttles.resetStartingWith('loginAccountClient', `${email}|`),
      this.throttles.resetStartingWith('loginDevice', `${accountId}|`),
    ]);
  }

  private budgetsOf({ email, ip, device }: LoginAttempt): Budget[] {
    if (device) return [{ name: 'loginDevice', key: `${device.accountId}|${device.deviceId}` }];
    return [
      { name: 'loginAccountClient', key: `${email}|${ip}` },
      { name: 'loginAccount', key: email },
      { name: 'loginClient', key: ip },
    ];
  }
}
