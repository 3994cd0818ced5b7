import type { Request } from 'express';
import { Throttles } from '../../lib/throttles';
import { bindResolver, defineFeature } from '../feature';
import { mailFeature } from '../mail';
import { tokensFeature } from '../tokens';
import { AccountSettingsResolver } from './account-settings.resolver';
import { AccountSettings } from './account-settings.service';
import { AuthResolver } from './auth.resolver';
import { AuthService, type ResetRequest, type SignupRequest } from './auth.service';
import { DeviceCookies } from './device-cookie';
import { EmailRequests, JOB_RESET_EMAIL, JOB_SIGNUP_EMAIL } from './email-requests';
import { HashPool } from './hash-pool';
import { LoginThrottle } from './login-throttle';
import { PasswordConfirmation } from './password-confirmation';
import { PasswordHasher } from './password-hasher';
import { sessionCookie, type SessionCookie } from './session-cookie';
import { SessionRecord } from './session.entity';
import { SessionStore } from './session-store';
import { SessionTokens } from './session-tokens';
import { SessionsResolver } from './sessions.resolver';
import { SessionsService } from './sessions.service';
import { AUTH_THROTTLE_RULES, type AuthThrottles } from './throttle';

export interface AuthServices {
  auth: AuthService;
  /** The current password of a signed-in account, asked before sensitive changes (throttled like logins). */
  passwords: PasswordConfirmation;
  /** The browser session cookie: read on every request, set at login, cleared at logout. */
  sessionCookie: SessionCookie;
  /** The signed-in account of a browser request's session cookie, or null (for routes outside GraphQL). */
  sessionAccountId: (req: Request) => Promise<string | null>;
}

/** Sign-up, email verification, login, logout, password reset, the account's sessions and its own settings. */
export const authFeature = defineFeature<AuthServices>({
  name: 'auth',
  entities: [SessionRecord],
  resolvers: [AuthResolver, SessionsResolver, AccountSettingsResolver],
  create: (host) => {
    const { config, dataSource, clock } = host;
    const throttles: AuthThrottles = new Throttles(dataSource, AUTH_THROTTLE_RULES);
    const hashPool = new HashPool({
      ...config.passwordHashing,
      onThreadError: (err) =>
        host.logger.error({ event: 'auth.hash_thread_failed', err }, 'a password-hashing thread failed'),
    });
    const devices = new DeviceCookies(config.jwtSecret, config.appUrl, clock);
    const hasher = new PasswordHasher(hashPool, config.bcryptCost);
    const passwords = new PasswordConfirmation({ dataSource, hasher, throttles, logger: host.logger });
    const emailRequests = new EmailRequests({
      jobs: host.jobs,
      keyRing: { keys: config.encryptionKeys },
      clock,
      logger: host.logger,
      retry: config.mail.retry,
    });
    const sessions = new SessionTokens(config.jwtSecret, config.sessionTtlSeconds, clock);
    const sessionStore = new SessionStore(dataSource, clock);
    const tokens = host.use(tokensFeature).singleUse;
    const mail = host.use(mailFeature).mail;
    const auth = new AuthService({
      dataSource,
      clock,
      hasher,
      sessions,
      sessionStore,
      tokens,
      throttles,
      loginThrottle: new LoginThrottle(throttles),
      devices,
      mail,
      emailRequests,
      logger: host.logger,
      appUrl: config.appUrl,
      onAccountVerified: host.hooks.accountVerified,
    });
    const settings = new AccountSettings({
      dataSource,
      clock,
      hasher,
      passwords,
      signIn: (account, meta) => auth.signIn(account, meta),
      sessionStore,
      tokens,
      throttles,
      mail,
      logger: host.logger,
      appUrl: config.appUrl,
    });
    const cookie = sessionCookie(config.appUrl);
    const sessionAccountId = async (req: Request) => {
      const token = cookie.read(req);
      return token ? ((await auth.authenticate(token))?.account.id ?? null) : null;
    };
    return {
      services: { auth, passwords, sessionCookie: cookie, sessionAccountId },
      resolvers: [
        bindResolver(AuthResolver, new AuthResolver(auth, devices)),
        bindResolver(
          SessionsResolver,
          new SessionsResolver(new SessionsService({ store: sessionStore, logger: host.logger })),
        ),
        bindResolver(AccountSettingsResolver, new AccountSettingsResolver(settings)),
      ],
      stop: () => hashPool.close(),
      jobs: {
        [JOB_SIGNUP_EMAIL]: emailRequests.handler<SignupRequest>(JOB_SIGNUP_EMAIL, (id, request) =>
          auth.processSignup(id, request),
        ),
        [JOB_RESET_EMAIL]: emailRequests.handler<ResetRequest>(JOB_RESET_EMAIL, (id, request) =>
          auth.processResetRequest(id, request),
        ),
      },
    };
  },
});
