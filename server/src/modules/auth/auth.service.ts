import { randomUUID } from 'node:crypto';
import type { DataSource, Repository } from 'typeorm';
import { inTransaction } from '../../db/transaction';
import type { BackgroundTasks } from '../../lib/background';
import type { Clock } from '../../lib/clock';
import { badInput, DomainError, ErrorCode, rateLimited } from '../../lib/errors';
import type { Logger } from '../../lib/logger';
import { Account } from '../account';
import type { MailService } from '../mail';
import type { AccountVerifiedListener } from './account-verified';
import {
  alreadyRegisteredTemplate,
  passwordChangedTemplate,
  resetPasswordTemplate,
  verifyEmailTemplate,
} from '../mail';
import { parseEmail } from './email-address';
import type { EmailToken, EmailTokenPurpose } from './email-token.entity';
import type { EmailTokenService } from './email-token.service';
import type { DeviceCookies, IssuedDeviceCookie } from './device-cookie';
import type { LoginThrottle } from './login-throttle';
import type { PasswordHasher } from './password-hasher';
import { assertAcceptablePassword, type PasswordContext } from './password-policy';
import type { SessionTokens } from './session-tokens';
import { contestDifferingLinks, profileToApply, type SignupProfile } from './signup-profile';
import type { Throttles } from './throttle';

export interface RequestMeta {
  /** The client's address as Express resolved it (trust proxy aware). */
  ip: string;
  /** The device cookie the client sent, unchecked (login only). */
  deviceCookie?: string | null;
}

export interface SignedIn {
  account: Account;
  token: string;
  expiresAt: Date;
  /** A new device cookie, issued by a successful login (docs/login-protection.md). */
  deviceCookie?: IssuedDeviceCookie;
}

export interface AuthServiceDeps {
  dataSource: DataSource;
  clock: Clock;
  hasher: PasswordHasher;
  sessions: SessionTokens;
  emailTokens: EmailTokenService;
  throttles: Throttles;
  loginThrottle: LoginThrottle;
  devices: DeviceCookies;
  mail: MailService;
  background: BackgroundTasks;
  logger: Logger;
  appUrl: string;
  /** Other features' reactions to a newly verified account (read when an account is verified, so it may grow after construction). */
  onAccountVerified: readonly AccountVerifiedListener[];
}

/** Each kind has its own per-account budget: sign-up emails (verification link or "already registered"), reset links. */
type EmailKind = 'signup' | 'reset';

const LOGIN_FAILED = 'The email address or password is incorrect.';
const LOCKED_OUT = 'Too many failed login attempts';
const LOCKED_OUT_ALTERNATIVE = 'or use Forgot Password to choose a new password and log in now';
const LINK_INVALID: Record<EmailTokenPurpose, string> = {
  verify: 'This verification link has expired or was already used. Enter your email address to get a new one.',
  reset: 'This password reset link has expired or was already used. Request a new one to choose your password.',
};

function optionalText(value: string | null | undefined, field: string, label: string): string | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  if (trimmed === '') return null;
  if ([...trimmed].length > 100) throw badInput(field, `${label} can be at most 100 characters.`);
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  if (/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/.test(trimmed)) {
    throw badInput(field, `${label} cannot contain control characters or line breaks.`);
  }
  return trimmed;
}

/** Sign-up, email verification, login, logout and password reset (SPEC §1.1, §1.2). */
export class AuthService {
  private readonly accounts: Repository<Account>;

  constructor(private readonly deps: AuthServiceDeps) {
    this.accounts = deps.dataSource.getRepository(Account);
  }

  /** Same answer whether or not the address has an account; the email differs. */
  async signup(input: { email: string; name?: string | null; companyName?: string | null }, meta: RequestMeta) {
    const email = parseEmail(input.email);
    const name = optionalText(input.name, 'name', 'Your name');
    const companyName = optionalText(input.companyName, 'companyName', 'Company name');
    await this.limitEmailRequests(meta);
    this.deps.background.run('signup', () => this.processSignup(email, name, companyName));
  }

  async requestPasswordReset(rawEmail: string, meta: RequestMeta): Promise<void> {
    const email = parseEmail(rawEmail);
    await this.limitEmailRequests(meta);
    this.deps.background.run('password-reset-request', async () => {
      const account = await this.accounts.findOneBy({ email });
      this.deps.logger.info(
        { event: 'auth.reset_requested', accountId: account?.id ?? null, ip: meta.ip },
        'password reset requested',
      );
      if (!account || !(await this.mayEmail(account.id, 'reset'))) return;
      const token = await this.deps.emailTokens.issue(account.id, account.email, 'reset');
      await this.deps.mail.deliver(
        account.email,
        resetPasswordTemplate({ link: this.link('/reset-password', token), name: account.name }),
      );
    });
  }

  verifyEmail(token: unknown, password: string, passwordConfirmation: string, meta: RequestMeta): Promise<SignedIn> {
    return this.completeLink('verify', token, password, passwordConfirmation, meta);
  }

  resetPassword(token: unknown, password: string, passwordConfirmation: string, meta: RequestMeta): Promise<SignedIn> {
    return this.completeLink('reset', token, password, passwordConfirmation, meta);
  }

  async login(rawEmail: string, password: string, meta: RequestMeta): Promise<SignedIn> {
    const email = parseEmail(rawEmail);
    if (typeof password !== 'string' || password.length === 0) throw badInput('password', 'Enter your password.');
    const { loginThrottle, logger } = this.deps;
    const account = await this.accounts.findOneBy({ email });
    const device = this.deps.devices.trusted(meta.deviceCookie, account?.id);
    // The attempt is counted before the password is compared (docs/login-protection.md).
    const admission = await loginThrottle.admit({ email, ip: meta.ip, device });
    if (!admission.admitted) {
      logger.warn(
        { event: 'auth.login_throttled', throttle: admission.throttle, trustedDevice: device !== null, ip: meta.ip },
        'login throttled',
      );
      throw rateLimited(admission.retryAfterMs, LOCKED_OUT, LOCKED_OUT_ALTERNATIVE);
    }
    let passwordOk: boolean;
    try {
      passwordOk = await this.deps.hasher.verify(password, account?.passwordHash);
    } catch (error) {
      await loginThrottle.giveBack(admission.budgets);
      throw error;
    }
    if (!account || !passwordOk || !account.emailVerifiedAt) {
      logger.info(
        { event: 'auth.login_failed', accountId: account?.id ?? null, trustedDevice: device !== null, ip: meta.ip },
        'login failed',
      );
      throw new DomainError(ErrorCode.UNAUTHENTICATED, LOGIN_FAILED);
    }
    await loginThrottle.giveBack(admission.budgets);
    logger.info(
      { event: 'auth.login', accountId: account.id, trustedDevice: device !== null, ip: meta.ip },
      'logged in',
    );
    return { ...this.signIn(account), deviceCookie: this.deps.devices.issue(account.id) };
  }

  /** Ends every session of the account (all JWTs carry the old version). */
  async logout(accountId: string): Promise<void> {
    await this.accounts.increment({ id: accountId }, 'tokenVersion', 1);
    this.deps.logger.info({ event: 'auth.logout', accountId }, 'logged out');
  }

  /** The account behind a session token, or null when the token is invalid, expired or revoked. */
  async authenticate(token: string): Promise<Account | null> {
    const claims = this.deps.sessions.verify(token);
    if (!claims) return null;
    const account = await this.accounts.findOneBy({ id: claims.accountId });
    if (!account || account.tokenVersion !== claims.tokenVersion || !account.emailVerifiedAt) return null;
    return account;
  }

  private signIn(account: Account): SignedIn {
    const { token, expiresAt } = this.deps.sessions.issue(account.id, account.tokenVersion);
    return { account, token, expiresAt };
  }

  private link(path: string, token: string): string {
    return `${this.deps.appUrl}${path}?token=${encodeURIComponent(token)}`;
  }

  private async limitEmailRequests(meta: RequestMeta): Promise<void> {
    const state = await this.deps.throttles.hit('emailRequestClient', meta.ip);
    if (state.blocked) throw rateLimited(state.retryAfterMs, 'Too many requests from your network');
  }

  /**
   * Per-account email budgets, one per kind (one a minute, ten a day each; docs/accounts.md): sign-up noise
   * cannot spend the reset budget. Silently skipped when spent, so answers never differ.
   */
  private async mayEmail(accountId: string, kind: EmailKind): Promise<boolean> {
    const { throttles } = this.deps;
    const key = `${accountId}|${kind}`;
    if ((await throttles.peek('emailAccountMinute', key)).blocked) return false;
    const minute = await throttles.hit('emailAccountMinute', key);
    const day = await throttles.hit('emailAccountDay', key);
    const allowed = !minute.blocked && !day.blocked;
    if (!allowed) this.deps.logger.warn({ event: 'mail.throttled', accountId, kind }, 'email to account throttled');
    return allowed;
  }

  private async processSignup(email: string, name: string | null, companyName: string | null): Promise<void> {
    let account = await this.accounts.findOneBy({ email });
    if (!account) {
      const now = this.deps.clock.now();
      try {
        // The profile is not the account's until verified (docs/accounts.md §2): it travels with the link.
        await this.accounts.insert({
          id: randomUUID(),
          email,
          name: null,
          companyName: null,
          passwordHash: null,
          emailVerifiedAt: null,
          tokenVersion: 0,
          createdAt: now,
          updatedAt: now,
        });
        this.deps.logger.info({ event: 'auth.signup' }, 'account created');
      } catch (error) {
        // A parallel sign-up for the same address won the unique index; continue with its row.
        this.deps.logger.debug({ err: error }, 'sign-up raced another sign-up');
      }
      account = await this.accounts.findOneByOrFail({ email });
    }
    const profile: SignupProfile = { name, companyName };
    if (!account.passwordHash) {
      await contestDifferingLinks(this.deps.dataSource, account.id, profile, this.deps.clock.now());
    }
    if (!(await this.mayEmail(account.id, 'signup'))) return;
    if (account.passwordHash) {
      await this.deps.mail.deliver(
        account.email,
        alreadyRegisteredTemplate({
          loginUrl: `${this.deps.appUrl}/login`,
          forgotUrl: `${this.deps.appUrl}/forgot-password`,
          name: account.name,
        }),
      );
      return;
    }
    const token = await this.deps.emailTokens.issue(account.id, account.email, 'verify', profile);
    // No greeting by name: whoever typed this address may not own it.
    await this.deps.mail.deliver(account.email, verifyEmailTemplate({ link: this.link('/verify-email', token) }));
  }

  /** The user's own words for the strength check: the link's address, and the name and company it or the account has. */
  private async passwordContext(link: EmailToken): Promise<PasswordContext> {
    const account = await this.accounts.findOneBy({ id: link.accountId });
    return {
      email: link.email,
      name: account?.name ?? link.name,
      companyName: account?.companyName ?? link.companyName,
    };
  }

  private async invalidLink(purpose: EmailTokenPurpose, meta: RequestMeta): Promise<never> {
    await this.deps.throttles.hit('tokenClient', meta.ip);
    this.deps.logger.info({ event: 'auth.link_rejected', purpose, ip: meta.ip }, 'email link rejected');
    throw new DomainError(ErrorCode.INVALID_TOKEN, LINK_INVALID[purpose], { field: 'token' });
  }

  private async completeLink(
    purpose: EmailTokenPurpose,
    rawToken: unknown,
    password: string,
    passwordConfirmation: string,
    meta: RequestMeta,
  ): Promise<SignedIn> {
    const { throttles, emailTokens, dataSource, clock } = this.deps;
    const throttle = await throttles.peek('tokenClient', meta.ip);
    if (throttle.blocked)
      throw rateLimited(throttle.retryAfterMs, 'Too many invalid links were tried from your network');
    const token = typeof rawToken === 'string' ? rawToken : '';
    // Read first (without consuming) so a typo in the password does not burn the link.
    const pending = await emailTokens.peek(token, purpose);
    if (!pending) return this.invalidLink(purpose, meta);
    const checks = await throttles.hit('passwordCheckClient', meta.ip);
    if (checks.blocked) throw rateLimited(checks.retryAfterMs, 'Too many passwords were tried from your network');
    await assertAcceptablePassword(password, passwordConfirmation, await this.passwordContext(pending));
    const passwordHash = await this.deps.hasher.hash(password);

    // Parallel uses of one link reach this together (their hashes run side by side in the pool): on SQLite
    // their transactions must not overlap on the one connection (db/transaction.ts).
    const account = await inTransaction(dataSource, async (manager) => {
      const consumed = await emailTokens.consume(manager, token, purpose);
      if (!consumed) return null;
      const owner = await manager.findOneBy(Account, { id: consumed.accountId });
      if (!owner || owner.email !== consumed.email) return null;
      if (purpose === 'verify' && owner.passwordHash) return null;
      const now = clock.now();
      const newlyVerified = owner.emailVerifiedAt === null;
      if (purpose === 'verify') Object.assign(owner, await profileToApply(manager, consumed, now));
      owner.passwordHash = passwordHash;
      owner.emailVerifiedAt = owner.emailVerifiedAt ?? now;
      owner.tokenVersion += 1;
      owner.updatedAt = now;
      await manager.update(
        Account,
        { id: owner.id },
        {
          name: owner.name,
          companyName: owner.companyName,
          passwordHash: owner.passwordHash,
          emailVerifiedAt: owner.emailVerifiedAt,
          tokenVersion: owner.tokenVersion,
          updatedAt: now,
        },
      );
      await emailTokens.voidOutstanding(manager, owner.id);
      if (newlyVerified) for (const listener of this.deps.onAccountVerified) await listener(owner.id, manager);
      return owner;
    });
    if (!account) return this.invalidLink(purpose, meta);
    // Whoever reset the password controls the mailbox: strangers' failures no longer lock the account.
    if (purpose === 'reset') await this.deps.loginThrottle.lift(account.email, account.id);

    this.deps.logger.info(
      {
        event: purpose === 'verify' ? 'auth.email_verified' : 'auth.password_reset',
        accountId: account.id,
        ip: meta.ip,
      },
      purpose === 'verify' ? 'email verified' : 'password reset',
    );
    if (purpose === 'reset') {
      this.deps.mail.enqueue(
        account.email,
        passwordChangedTemplate({
          when: clock.now(),
          forgotUrl: `${this.deps.appUrl}/forgot-password`,
          name: account.name,
        }),
      );
    }
    return this.signIn(account);
  }
}
