import type { Request } from 'express';
import { bindResolver, defineFeature } from '../feature';
import { mailFeature } from '../mail';
import { AuthResolver } from './auth.resolver';
import { AuthService, type ResetRequest, type SignupRequest } from './auth.service';
import { EmailRequests, JOB_RESET_EMAIL, JOB_SIGNUP_EMAIL } from './email-requests';
import { EmailToken } from './email-token.entity';
import { EmailTokenService } from './email-token.service';
import { PasswordHasher } from './password-hasher';
import { sessionCookieOf } from './session-cookie';
import { SessionTokens } from './session-tokens';
import { Throttles } from './throttle';

export interface AuthServices {
  auth: AuthService;
  /** Database-backed rate limits, shared by every feature that throttles. */
  throttles: Throttles;
  /** The signed-in account of a browser request's session cookie, or null (for routes outside GraphQL). */
  sessionAccountId(req: Request): Promise<string | null>;
}

/** Sign-up, email verification, login, logout and password reset. */
export const authFeature = defineFeature<AuthServices>({
  name: 'auth',
  entities: [EmailToken],
  resolvers: [AuthResolver],
  create: (host) => {
    const { config, dataSource, clock } = host;
    const throttles = new Throttles(dataSource);
    const emailRequests = new EmailRequests({
      jobs: host.jobs,
      keyRing: { keys: config.encryptionKeys },
      clock,
      logger: host.logger,
      retry: config.mail.retry,
    });
    const auth = new AuthService({
      dataSource,
      clock,
      hasher: new PasswordHasher(config.bcryptCost),
      sessions: new SessionTokens(config.jwtSecret, config.sessionTtlSeconds, clock),
      emailTokens: new EmailTokenService(dataSource, config.tokenHmacKey, clock),
      throttles,
      mail: host.use(mailFeature).mail,
      emailRequests,
      logger: host.logger,
      appUrl: config.appUrl,
      onAccountVerified: host.hooks.accountVerified,
    });
    const sessionAccountId = async (req: Request) => {
      const cookie = sessionCookieOf(req, config.appUrl);
      return cookie ? ((await auth.authenticate(cookie))?.id ?? null) : null;
    };
    return {
      services: { auth, throttles, sessionAccountId },
      resolvers: [bindResolver(AuthResolver, new AuthResolver(auth))],
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
