import type { DataSource, Repository } from 'typeorm';
import { badInput, rateLimited } from '../../lib/errors';
import type { Logger } from '../../lib/logger';
import { Account } from '../account';
import type { PasswordHasher } from './password-hasher';
import type { AuthThrottles } from './throttle';

export const CURRENT_PASSWORD_FIELD = 'currentPassword';

/**
 * Re-authentication for sensitive changes of a signed-in account (replacing its ConnectWise PSA keys): the
 * account's current password, throttled like logins. The attempt is counted before the password is compared
 * (one atomic step), so parallel guesses cannot outrun the limit; a right password clears the count.
 */
export class PasswordConfirmation {
  private readonly accounts: Repository<Account>;

  constructor(
    private readonly deps: { dataSource: DataSource; hasher: PasswordHasher; throttles: AuthThrottles; logger: Logger },
  ) {
    this.accounts = deps.dataSource.getRepository(Account);
  }

  /** Resolves when `password` is the account's; otherwise throws an error naming `currentPassword`. */
  async confirm(accountId: string, password: string | null | undefined, purpose: string): Promise<void> {
    if (typeof password !== 'string' || password === '') {
      throw badInput(CURRENT_PASSWORD_FIELD, `Enter your current password to ${purpose}.`);
    }
    const throttle = await this.deps.throttles.hit('reauthAccount', accountId);
    if (throttle.blocked) {
      this.deps.logger.warn({ event: 'auth.reauth_throttled', accountId }, 're-authentication throttled');
      throw rateLimited(throttle.retryAfterMs, 'Too many wrong passwords');
    }
    const account = await this.accounts.findOneBy({ id: accountId });
    if (!(await this.deps.hasher.verify(password, account?.passwordHash))) {
      this.deps.logger.info({ event: 'auth.reauth_failed', accountId }, 're-authentication failed');
      throw badInput(CURRENT_PASSWORD_FIELD, 'The current password is incorrect.');
    }
    await this.deps.throttles.reset('reauthAccount', accountId);
  }
}
