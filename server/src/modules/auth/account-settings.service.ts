import type { DataSource, Repository } from 'typeorm';
import { inTransaction } from '../../db/transaction';
import type { Clock } from '../../lib/clock';
import { badInput, DomainError, rateLimited } from '../../lib/errors';
import type { Logger } from '../../lib/logger';
import { Account, lockAccount } from '../account';
import { passwordChangedTemplate, type MailOutbox } from '../mail';
import type { SingleUseTokens } from '../tokens';
import { ALL_EMAIL_LINKS } from './email-links';
import type { PasswordHasher } from './password-hasher';
import { CURRENT_PASSWORD_FIELD, type PasswordConfirmation } from './password-confirmation';
import { assertAcceptablePassword } from './password-policy';
import type { RequestMeta, SignedIn } from './auth.service';
import type { SessionStore } from './session-store';
import { profileText } from './signup-profile';
import type { AuthThrottles } from './throttle';

export const NEW_PASSWORD_FIELD = 'newPassword';

export interface AccountSettingsDeps {
  dataSource: DataSource;
  clock: Clock;
  hasher: PasswordHasher;
  passwords: Pick<PasswordConfirmation, 'confirm'>;
  /** Starts a new session for the account (its row and the JWT naming it): AuthService.signIn. */
  signIn: (account: Account, meta: RequestMeta) => Promise<SignedIn>;
  sessionStore: Pick<SessionStore, 'revokeAllBut'>;
  /** Emailed links are voided once the password changes. */
  tokens: Pick<SingleUseTokens, 'voidOutstanding'>;
  throttles: AuthThrottles;
  mail: Pick<MailOutbox, 'queue' | 'tryDispatch'>;
  logger: Logger;
  appUrl: string;
}

/** What the profile form sends: a field left out stays as it is; null or blank clears it. */
export interface ProfileChange {
  name?: string | null;
  companyName?: string | null;
}

export interface PasswordChanged {
  account: Account;
  /** A new session for the browser (or API client) that changed the password: every older one has ended. */
  token: string;
  expiresAt: Date;
}

/** The signed-in owner's own settings: the profile (name, company) and the password (Account settings page). */
export class AccountSettings {
  private readonly accounts: Repository<Account>;

  constructor(private readonly deps: AccountSettingsDeps) {
    this.accounts = deps.dataSource.getRepository(Account);
  }

  /** Validated as a sign-up's profile is (signup-profile.ts), each error naming its field. */
  async updateProfile(accountId: string, change: ProfileChange): Promise<Account> {
    const values: Partial<Pick<Account, 'name' | 'companyName'>> = {};
    if (change.name !== undefined) values.name = profileText(change.name, 'name', 'Your name');
    if (change.companyName !== undefined) {
      values.companyName = profileText(change.companyName, 'companyName', 'Company name');
    }
    if (Object.keys(values).length > 0) {
      await this.accounts.update({ id: accountId }, { ...values, updatedAt: this.deps.clock.now() });
      this.deps.logger.info(
        { event: 'account.profile_updated', accountId, fields: Object.keys(values) },
        'profile updated',
      );
    }
    return this.accounts.findOneByOrFail({ id: accountId });
  }

  /**
   * Changes the password of a signed-in account: the current password first (throttled and counted like every
   * re-authentication, password-confirmation.ts), then the new one under the sign-up policy and different from
   * the current one. The change ends every session of the account (tokenVersion) and returns a fresh one for
   * the caller; the "password changed" email is queued in the same transaction, so both happen or neither.
   */
  async changePassword(
    accountId: string,
    currentPassword: string,
    newPassword: string,
    meta: RequestMeta,
  ): Promise<PasswordChanged> {
    const { dataSource, clock, logger } = this.deps;
    if (typeof newPassword !== 'string' || newPassword === '') {
      throw badInput(NEW_PASSWORD_FIELD, 'Enter a new password.');
    }
    const before = await this.accounts.findOneByOrFail({ id: accountId });
    await this.deps.passwords.confirm(accountId, currentPassword, 'change your password');
    if (newPassword === currentPassword) {
      throw badInput(NEW_PASSWORD_FIELD, 'Choose a new password that is different from your current one.');
    }
    const checks = await this.deps.throttles.hit('passwordCheckClient', meta.ip);
    if (checks.blocked) throw rateLimited(checks.retryAfterMs, 'Too many passwords were tried from your network');
    await assertAcceptablePassword(newPassword, newPassword, {
      email: before.email,
      name: before.name,
      companyName: before.companyName,
    }).catch((error: unknown) => {
      // The policy names the sign-up form's field; here it is the new password.
      if (error instanceof DomainError && error.field === 'password') throw badInput(NEW_PASSWORD_FIELD, error.message);
      throw error;
    });
    const passwordHash = await this.deps.hasher.hash(newPassword);

    const changed = await inTransaction(dataSource, async (manager) => {
      const owner = await lockAccount(manager, accountId);
      // Changed meanwhile (another tab, a reset): the current password that was checked is no longer current.
      if (!owner || owner.passwordHash !== before.passwordHash) return null;
      const now = clock.now();
      owner.passwordHash = passwordHash;
      owner.tokenVersion += 1;
      owner.updatedAt = now;
      await manager.update(
        Account,
        { id: owner.id },
        { passwordHash, tokenVersion: owner.tokenVersion, updatedAt: now },
      );
      // Every session ends with the old password (this browser gets a new one below).
      await this.deps.sessionStore.revokeAllBut(owner.id, null, manager);
      // A reset link sent earlier must not set another password over this one.
      await this.deps.tokens.voidOutstanding(manager, owner.id, ALL_EMAIL_LINKS);
      const emailId = await this.deps.mail.queue(manager, {
        accountId: owner.id,
        to: owner.email,
        email: passwordChangedTemplate({
          when: now,
          forgotUrl: `${this.deps.appUrl}/forgot-password`,
          name: owner.name,
          via: 'settings',
        }),
      });
      return { owner, emailId };
    });
    if (!changed) {
      throw badInput(
        CURRENT_PASSWORD_FIELD,
        'Your password was changed somewhere else a moment ago. Enter the password you use now.',
      );
    }
    logger.info({ event: 'auth.password_changed', accountId, ip: meta.ip }, 'password changed');
    await this.deps.mail.tryDispatch(changed.emailId);
    const { token, expiresAt } = await this.deps.signIn(changed.owner, meta);
    return { account: changed.owner, token, expiresAt };
  }
}
