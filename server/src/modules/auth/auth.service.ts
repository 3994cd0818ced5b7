import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager, Repository } from 'typeorm';
import { inTransaction } from '../../db/transaction';
import type { Clock } from '../../lib/clock';
import { badInput, DomainError, ErrorCode, rateLimited } from '../../lib/errors';
import type { Logger } from '../../lib/logger';
import { Account, lockAccount } from '../account';
import type { MailOutbox, RenderedEmail } from '../mail';
import type { SingleUseToken, SingleUseTokens } from '../tokens';
import type { AccountVerifiedListener } from './account-verified';
import {
  alreadyRegisteredTemplate,
  passwordChangedTemplate,
  resetPasswordTemplate,
  verifyEmailTemplate,
} from '../mail';
import { parseEmail } from './email-address';
import { JOB_RESET_EMAIL, JOB_SIGNUP_EMAIL, type EmailRequests } from './email-requests';
import { ALL_EMAIL_LINKS, EMAIL_LINKS, type EmailLink, type EmailLinkKind } from './email-links';
import type { DeviceCookies, IssuedDeviceCookie } from './device-cookie';
import type { LoginThrottle } from './login-throttle';
import type { PasswordHasher } from './password-hasher';
import { assertAcceptablePassword, type PasswordContext } from './password-policy';
import type { SessionStore } from './session-store';
import type { SessionTokens } from './session-tokens';
import { contestDifferingLinks, parseProfile, profileToApply, type SignupProfile } from './signup-profile';
import type { AuthThrottles } from './throttle';

export interface RequestMeta {
  /** The client's address as Express resolved it (trust proxy aware). */
  ip: string;
  /** The device cookie the client sent, unchecked (login only). */
  deviceCookie?: string | null;
  /** The User-Agent header, kept (truncated) with a new session to name its device. */
  userAgent?: string | null;
}

/** A signed-in request: the account and the session (its row's id, the JWT's `sid`). */
export interface SessionPrincipal {
  account: Account;
  sessionId: string;
}

export interface SignedIn {
  account: Account;
  token: string;
  expiresAt: Date;
  sessionId: string;
  /** A new device cookie, issued by a successful login (docs/login-protection.md). */
  deviceCookie?: IssuedDeviceCookie;
}

export interface AuthServiceDeps {
  dataSource: DataSource;
  clock: Clock;
  hasher: PasswordHasher;
  sessions: SessionTokens;
  /** The session rows the JWTs name (`sid`). */
  sessionStore: SessionStore;
  /** Emailed links are single-use tokens of the EMAIL_LINKS purposes. */
  tokens: SingleUseTokens;
  throttles: AuthThrottles;
  loginThrottle: LoginThrottle;
  devices: DeviceCookies;
  mail: MailOutbox;
  /** Sign-up and reset requests become durable jobs (email-requests.ts). */
  emailRequests: Pick<EmailRequests, 'add'>;
  logger: Logger;
  appUrl: string;
  /** Other features' reactions to a newly verified account (read when an account is verified, so it may grow after construction). */
  onAccountVerified: readonly AccountVerifiedListener[];
}

const LOGIN_FAILED = 'The email address or password is incorrect.';
const LOCKED_OUT = 'Too many failed login attempts';
const LOCKED_OUT_ALTERNATIVE = 'or use Forgot Password to choose a new password and log in now';
const LINK_INVALID: Record<EmailLinkKind, string> = {
  verify: 'This verification link has expired or was already used. Enter your email address to get a new one.',
  reset: 'This password reset link has expired or was already used. Request a new one to choose your password.',
};

/** What an emailed link is, read without using it up (the `emailLink` query). */
export type EmailLinkState = { valid: true; email: string } | { valid: false; reason: 'EXPIRED' | 'USED' | 'INVALID' };

/** Each kind has its own per-account budget: sign-up emails (verification link or "already registered"), reset links. */
export type EmailKind = 'signup' | 'reset';

/**
 * What an account may be sent, counted from the email outbox in the transaction that queues the email, so the
 * budget is spent if and only if an email is queued (docs/email-delivery.md §4).
 */
export const EMAIL_BUDGET = {
  categories: {
    signup: ['verify-email', 'already-registered'],
    reset: ['reset-password'],
  } satisfies Record<EmailKind, string[]>,
  /** Emails of one kind to one account: at most one a minute… */
  perKindPerMinute: 1,
  /** …and ten a day, each kind its own (docs/accounts.md §1). */
  perKindPerDay: 10,
};

export interface SignupRequest {
  email: string;
  name: string | null;
  companyName: string | null;
}

export interface ResetRequest {
  email: string;
  ip: string;
}

/** Sign-up, email verification, login, logout and password reset (docs/product.md §2); sessions: SessionsService. */
export class AuthService {
  private readonly accounts: Repository<Account>;

  constructor(private readonly deps: AuthServiceDeps) {
    this.accounts = deps.dataSource.getRepository(Account);
  }

  /** Same answer whether or not the address has an account; the email differs. */
  async signup(input: { email: string; name?: string | null; companyName?: string | null }, meta: RequestMeta) {
    const email = parseEmail(input.email);
    const { name, companyName } = parseProfile(input);
    await this.limitEmailRequests(meta);
    // Only a sealed job, the same work for every address: the account is looked at in the job (processSignup).
    const request: SignupRequest = { email, name, companyName };
    await this.deps.emailRequests.add(JOB_SIGNUP_EMAIL, request);
  }

  async requestPasswordReset(rawEmail: string, meta: RequestMeta): Promise<void> {
    const email = parseEmail(rawEmail);
    await this.limitEmailRequests(meta);
    const request: ResetRequest = { email, ip: meta.ip };
    await this.deps.emailRequests.add(JOB_RESET_EMAIL, request);
  }

  /** The `auth.reset-email` job: a reset link for an existing account, within its email budget. */
  async processResetRequest(requestId: string, { email, ip }: ResetRequest): Promise<void> {
    // Run again after a crash: the email this request queued is already in the outbox.
    if (await this.deps.mail.resume(requestId)) return;
    const account = await this.accounts.findOneBy({ email });
    this.deps.logger.info(
      { event: 'auth.reset_requested', accountId: account?.id ?? null, ip },
      'password reset requested',
    );
    if (!account) return;
    const queued = await inTransaction(this.deps.dataSource, async (manager) => {
      const owner = await lockAccount(manager, account.id);
      if (!owner || !(await this.mayEmail(manager, owner.id, 'reset'))) return false;
      await this.queueLinkEmail(manager, requestId, owner, 'reset', linkTo(owner.email), (token) =>
        resetPasswordTemplate({ link: this.link('/reset-password', token), name: owner.name }),
      );
      return true;
    });
    if (queued) await this.deps.mail.dispatch(requestId);
  }

  verifyEmail(token: unknown, password: string, passwordConfirmation: string, meta: RequestMeta): Promise<SignedIn> {
    return this.completeLink('verify', token, password, passwordConfirmation, meta);
  }

  resetPassword(token: unknown, password: string, passwordConfirmation: string, meta: RequestMeta): Promise<SignedIn> {
    return this.completeLink('reset', token, password, passwordConfirmation, meta);
  }

  /**
   * Reads a link without consuming it, so its page can name the account and show a dead link at once. It answers
   * what completeLink would do with a good password: valid only when the link would set it. An unknown token
   * reveals nothing but INVALID and spends the client's `tokenClient` budget, like a wrong token submitted; a
   * real link that expired or was used does not (its holder had the email). The email is given for a valid
   * link only.
   */
  async emailLink(rawToken: unknown, purpose: EmailLinkKind, meta: RequestMeta): Promise<EmailLinkState> {
    const { throttles, tokens } = this.deps;
    const throttle = await throttles.peek('tokenClient', meta.ip);
    if (throttle.blocked)
      throw rateLimited(throttle.retryAfterMs, 'Too many invalid links were tried from your network');
    const token = typeof rawToken === 'string' ? rawToken : '';
    const found = await tokens.inspect(EMAIL_LINKS[purpose], token);
    if (found.state === 'unknown') {
      await throttles.hit('tokenClient', meta.ip);
      this.deps.logger.info({ event: 'auth.link_unknown', purpose, ip: meta.ip }, 'unknown email link read');
      return { valid: false, reason: 'INVALID' };
    }
    if (found.state === 'used') return { valid: false, reason: 'USED' };
    if (found.state === 'expired') return { valid: false, reason: 'EXPIRED' };
    const owner = await this.accounts.findOneBy({ id: found.token.accountId });
    // The address changed since the link was sent: completeLink refuses it, and it names nobody.
    if (!owner || owner.email !== found.token.context.email) return { valid: false, reason: 'INVALID' };
    // A sign-up link of an account whose password is already set (completeLink refuses it as used).
    if (purpose === 'verify' && owner.passwordHash) return { valid: false, reason: 'USED' };
    return { valid: true, email: found.token.context.email };
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
    return { ...(await this.signIn(account, meta)), deviceCookie: this.deps.devices.issue(account.id) };
  }

  /** Ends this session only: the account's other browsers and API clients stay signed in. */
  async logout(accountId: string, sessionId: string): Promise<void> {
    await this.deps.sessionStore.revoke(accountId, sessionId);
    this.deps.logger.info({ event: 'auth.logout', accountId, sessionId }, 'logged out');
  }

  /**
   * The account and session behind a session token, or null when the token is invalid or expired, carries an
   * older tokenVersion (a password reset or change since), or its session row is gone, revoked or expired.
   * One indexed query (session-store.ts).
   */
  async authenticate(token: string): Promise<SessionPrincipal | null> {
    const claims = this.deps.sessions.verify(token);
    if (!claims) return null;
    const account = await this.deps.sessionStore.live(claims.sessionId, claims.accountId);
    if (!account || account.tokenVersion !== claims.tokenVersion || !account.emailVerifiedAt) return null;
    return { account, sessionId: claims.sessionId };
  }

  /** A new session for the account: its row, then the JWT that names it. */
  async signIn(account: Account, meta: RequestMeta): Promise<SignedIn> {
    const sessionId = this.deps.sessionStore.newId();
    const { token, expiresAt } = this.deps.sessions.issue(account.id, account.tokenVersion, sessionId);
    await this.deps.sessionStore.start(account, { ip: meta.ip, userAgent: meta.userAgent }, sessionId, expiresAt);
    return { account, token, expiresAt, sessionId };
  }

  /**
   * Issues a new link of `kind` to the owner (voiding the outstanding ones) and queues, as request `requestId`, the
   * email carrying it, in the caller's transaction; the email is not worth sending once its link has expired.
   */
  private async queueLinkEmail(
    manager: EntityManager,
    requestId: string,
    owner: Account,
    kind: EmailLinkKind,
    link: EmailLink,
    render: (token: string) => RenderedEmail,
  ): Promise<void> {
    const token = await this.deps.tokens.issue(EMAIL_LINKS[kind], owner.id, link, {
      replaceOutstanding: true,
      manager,
    });
    await this.deps.mail.queue(manager, {
      id: requestId,
      accountId: owner.id,
      to: owner.email,
      email: render(token),
      deliverBy: this.deps.tokens.expiryOf(EMAIL_LINKS[kind]),
    });
  }

  private link(path: string, token: string): string {
    return `${this.deps.appUrl}${path}?token=${encodeURIComponent(token)}`;
  }

  private async limitEmailRequests(meta: RequestMeta): Promise<void> {
    const state = await this.deps.throttles.hit('emailRequestClient', meta.ip);
    if (state.blocked) throw rateLimited(state.retryAfterMs, 'Too many requests from your network');
  }

  /**
   * Per-account email budgets, one per kind (EMAIL_BUDGET; docs/accounts.md §1), read in the transaction that
   * queues the email: spending it is queuing the email, and sign-up noise cannot spend the reset budget. Over
   * budget the email is silently skipped, so answers never differ.
   */
  private async mayEmail(manager: EntityManager, accountId: string, kind: EmailKind): Promise<boolean> {
    const now = this.deps.clock.now().getTime();
    const { categories } = EMAIL_BUDGET;
    const sameKind = await this.deps.mail.countSince(manager, accountId, categories[kind], new Date(now - 60_000));
    const sameKindToday = await this.deps.mail.countSince(
      manager,
      accountId,
      categories[kind],
      new Date(now - 24 * 3600_000),
    );
    const allowed = sameKind < EMAIL_BUDGET.perKindPerMinute && sameKindToday < EMAIL_BUDGET.perKindPerDay;
    if (!allowed) this.deps.logger.warn({ event: 'mail.throttled', accountId, kind }, 'email to account throttled');
    return allowed;
  }

  /** The `auth.signup-email` job: creates the account if needed and queues its email, within its budget. */
  async processSignup(requestId: string, { email, name, companyName }: SignupRequest): Promise<void> {
    // Run again after a crash: the email this request queued is already in the outbox.
    if (await this.deps.mail.resume(requestId)) return;
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
        this.deps.logger.debug({ reason: error instanceof Error ? error.name : 'unknown' }, 'sign-up raced another');
      }
      account = await this.accounts.findOneByOrFail({ email });
    }
    const accountId = account.id;
    const profile: SignupProfile = { name, companyName };
    if (!account.passwordHash) {
      await contestDifferingLinks(this.deps.tokens, account.id, profile);
    }
    const queued = await inTransaction(this.deps.dataSource, async (manager) => {
      const owner = await lockAccount(manager, accountId);
      if (!owner || !(await this.mayEmail(manager, owner.id, 'signup'))) return false;
      if (owner.passwordHash) {
        await this.deps.mail.queue(manager, {
          id: requestId,
          accountId: owner.id,
          to: owner.email,
          email: alreadyRegisteredTemplate({
            loginUrl: `${this.deps.appUrl}/login`,
            forgotUrl: `${this.deps.appUrl}/forgot-password`,
            name: owner.name,
          }),
        });
        return true;
      }
      // No greeting by name: whoever typed this address may not own it.
      await this.queueLinkEmail(manager, requestId, owner, 'verify', linkTo(owner.email, profile), (token) =>
        verifyEmailTemplate({ link: this.link('/verify-email', token) }),
      );
      return true;
    });
    if (queued) await this.deps.mail.dispatch(requestId);
  }

  /** The user's own words for the strength check: the link's address, and the name and company it or the account has. */
  private async passwordContext(link: SingleUseToken<EmailLink>): Promise<PasswordContext> {
    const account = await this.accounts.findOneBy({ id: link.accountId });
    return {
      email: link.context.email,
      name: account?.name ?? link.context.name,
      companyName: account?.companyName ?? link.context.companyName,
    };
  }

  private async invalidLink(purpose: EmailLinkKind, meta: RequestMeta): Promise<never> {
    await this.deps.throttles.hit('tokenClient', meta.ip);
    this.deps.logger.info({ event: 'auth.link_rejected', purpose, ip: meta.ip }, 'email link rejected');
    throw new DomainError(ErrorCode.INVALID_TOKEN, LINK_INVALID[purpose], { field: 'token' });
  }

  private async completeLink(
    purpose: EmailLinkKind,
    rawToken: unknown,
    password: string,
    passwordConfirmation: string,
    meta: RequestMeta,
  ): Promise<SignedIn> {
    const { throttles, tokens, dataSource, clock } = this.deps;
    const throttle = await throttles.peek('tokenClient', meta.ip);
    if (throttle.blocked)
      throw rateLimited(throttle.retryAfterMs, 'Too many invalid links were tried from your network');
    const token = typeof rawToken === 'string' ? rawToken : '';
    // Read first (without consuming) so a typo in the password does not burn the link.
    const pending = await tokens.peek(EMAIL_LINKS[purpose], token);
    if (!pending) return this.invalidLink(purpose, meta);
    const checks = await throttles.hit('passwordCheckClient', meta.ip);
    if (checks.blocked) throw rateLimited(checks.retryAfterMs, 'Too many passwords were tried from your network');
    await assertAcceptablePassword(password, passwordConfirmation, await this.passwordContext(pending));
    const passwordHash = await this.deps.hasher.hash(password);

    // Parallel uses of one link reach this together (their hashes run side by side in the pool): on SQLite
    // their transactions must not overlap on the one connection (db/transaction.ts).
    const changed = await inTransaction(dataSource, async (manager) => {
      const consumed = await tokens.consume(EMAIL_LINKS[purpose], token, manager);
      if (!consumed) return null;
      const owner = await manager.findOneBy(Account, { id: consumed.accountId });
      if (!owner || owner.email !== consumed.context.email) return null;
      if (purpose === 'verify' && owner.passwordHash) return null;
      const now = clock.now();
      const newlyVerified = owner.emailVerifiedAt === null;
      if (purpose === 'verify') Object.assign(owner, await profileToApply(tokens, manager, consumed, now));
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
      await tokens.voidOutstanding(manager, owner.id, ALL_EMAIL_LINKS);
      // The version bump above already ends every session; revoking the rows too keeps the sessions list true.
      await this.deps.sessionStore.revokeAllBut(owner.id, null, manager);
      if (newlyVerified) for (const listener of this.deps.onAccountVerified) await listener(owner.id, manager);
      // The "password changed" email is queued with the change itself: both happen, or neither.
      const changedEmailId =
        purpose === 'reset'
          ? await this.deps.mail.queue(manager, {
              accountId: owner.id,
              to: owner.email,
              email: passwordChangedTemplate({
                when: now,
                forgotUrl: `${this.deps.appUrl}/forgot-password`,
                name: owner.name,
              }),
            })
          : null;
      return { owner, changedEmailId };
    });
    if (!changed) return this.invalidLink(purpose, meta);
    const account = changed.owner;
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
    if (changed.changedEmailId) await this.deps.mail.tryDispatch(changed.changedEmailId);
    return this.signIn(account, meta);
  }
}

/** What a new link to `email` carries: the sign-up's profile on a verification link, none on a reset link. */
function linkTo(email: string, profile: SignupProfile = { name: null, companyName: null }): EmailLink {
  return { email, name: profile.name, companyName: profile.companyName, profileContested: false };
}
