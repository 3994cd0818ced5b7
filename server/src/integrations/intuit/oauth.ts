import OAuthClient from 'intuit-oauth';
import { systemClock, type Clock } from '../../lib/clock';

/**
 * Intuit OAuth 2.0 through the official `intuit-oauth` client (docs/vendors/quickbooks-online.md §11).
 * - Endpoints and retries are process-wide statics of OAuthClient: configure them once at start-up.
 * - Every operation builds a NEW OAuthClient: instances keep tokens in mutable state, so one shared
 *   instance would leak tokens across accounts (docs/security.md item 68).
 * - Failures become an IntuitAuthError whose `kind` says what the caller may do; messages never
 *   carry tokens or Intuit's response bodies.
 */

export const ACCOUNTING_SCOPE = 'com.intuit.quickbooks.accounting';

export interface IntuitEndpoints {
  authorizeUrl: string;
  tokenUrl: string;
  revokeUrl: string;
}

export interface IntuitRetryPolicy {
  /** Extra attempts after the first, for 408/429/5xx and ECONNRESET/ETIMEDOUT/ECONNREFUSED. */
  maxRetries: number;
  /** First delay; intuit-oauth doubles it on each retry. */
  retryDelayMs: number;
}

/** Two quick retries (0.5 s, 1 s) keep a refresh well inside the refresh lock's lease. */
export const DEFAULT_RETRY_POLICY: Readonly<IntuitRetryPolicy> = Object.freeze({ maxRetries: 2, retryDelayMs: 500 });

function endpointUrl(name: string, value: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new TypeError(`${name} must be an absolute http(s) URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError(`${name} must be an http(s) URL.`);
  return url.toString().replace(/\/+$/, '');
}

/** Points every OAuthClient in the process at these endpoints (real Intuit or a simulator). */
export function configureIntuitEndpoints(endpoints: IntuitEndpoints, retry: Partial<IntuitRetryPolicy> = {}): void {
  OAuthClient.authorizeEndpoint = endpointUrl('authorizeUrl', endpoints.authorizeUrl);
  OAuthClient.tokenEndpoint = endpointUrl('tokenUrl', endpoints.tokenUrl);
  OAuthClient.revokeEndpoint = endpointUrl('revokeUrl', endpoints.revokeUrl);
  configureIntuitRetries({ ...DEFAULT_RETRY_POLICY, ...retry });
}

export function configureIntuitRetries(policy: Partial<IntuitRetryPolicy>): void {
  const current = OAuthClient.retryConfig;
  OAuthClient.retryConfig = {
    ...current,
    maxRetries: Math.max(0, Math.floor(policy.maxRetries ?? current.maxRetries)),
    retryDelay: Math.max(0, policy.retryDelayMs ?? current.retryDelay),
  };
}

export interface IntuitAppSettings {
  clientId: string;
  clientSecret: string;
  /** `${APP_URL}/oauth/quickbooks/callback`; must be registered with the app at Intuit. */
  redirectUri: string;
  environment: 'sandbox' | 'production';
}

export type OAuthClientFactory = (settings: IntuitAppSettings) => OAuthClient;

/** One fresh client per operation; logging off (it would write tokens to ./logs). */
export const createOAuthClient: OAuthClientFactory = (settings) =>
  new OAuthClient({
    environment: settings.environment,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    redirectUri: settings.redirectUri,
    logging: false,
    includeRefreshTokenHardExpiresIn: true,
  });

export interface TokenSet {
  accessToken: string;
  refreshToken: string;
  accessTokenExpiresAt: Date;
  refreshTokenExpiresAt: Date;
  /** Intuit's 5-year cap, when Intuit reports it. */
  refreshTokenHardExpiresAt?: Date;
  realmId: string;
  intuitTid?: string;
  /**
   * `performance.now()` when Intuit's answer arrived: from then on the new refresh token lives only in
   * this process's memory until it is committed (docs/token-manager.md §3 measures that window).
   */
  receivedAt?: number;
}

export type IntuitAuthErrorKind = 'INVALID_GRANT' | 'INVALID_CLIENT' | 'TRANSIENT' | 'BAD_RESPONSE';

const MESSAGES: Record<IntuitAuthErrorKind, string> = {
  INVALID_GRANT:
    'Intuit refused the authorization grant (invalid_grant); the QuickBooks connection must be authorized again.',
  INVALID_CLIENT:
    'Intuit refused the app credentials (invalid_client); check INTUIT_CLIENT_ID and INTUIT_CLIENT_SECRET.',
  TRANSIENT: "Intuit's token service could not be reached or was temporarily unavailable.",
  BAD_RESPONSE: "Intuit's token service answered with something unusable.",
};

export class IntuitAuthError extends Error {
  readonly kind: IntuitAuthErrorKind;
  readonly status?: number;
  /** Intuit's short OAuth error code (`invalid_grant`, …), never its free text. */
  readonly oauthError?: string;
  readonly intuitTid?: string;
  /** From Retry-After on 429/503, when sent. */
  readonly retryAfterSeconds?: number;
  readonly timedOut: boolean;

  constructor(
    kind: IntuitAuthErrorKind,
    details: {
      status?: number;
      oauthError?: string;
      intuitTid?: string;
      retryAfterSeconds?: number;
      timedOut?: boolean;
      reason?: string;
    } = {},
  ) {
    const status = details.status === undefined ? '' : ` (HTTP ${details.status})`;
    super(`${details.reason ?? MESSAGES[kind]}${status}`);
    this.name = 'IntuitAuthError';
    this.kind = kind;
    this.status = details.status;
    this.oauthError = details.oauthError;
    this.intuitTid = details.intuitTid;
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.timedOut = details.timedOut ?? false;
  }

  /** Only TRANSIENT failures are worth retrying; the others need a person. */
  get retryable(): boolean {
    return this.kind === 'TRANSIENT';
  }
}

export interface IntuitOAuthOptions extends IntuitAppSettings {
  clock?: Clock;
  /** Budget for a whole token operation, retries included (must stay below the refresh lock lease). */
  timeoutMs?: number;
  createClient?: OAuthClientFactory;
}

export interface IntuitOAuth {
  /** The URL to send the browser to; `state` must be the caller's unguessable, stored value. */
  buildAuthorizationUrl(input: { state: string }): string;
  /** Exchanges the code in Intuit's redirect (full callback URL or its query string). */
  exchangeCode(callbackUrl: string): Promise<TokenSet>;
  /** Uses a refresh token; the answer carries a NEW refresh token that must be stored before use. */
  refreshTokens(refreshToken: string, realmId: string): Promise<TokenSet>;
  /** Revokes the whole grant the token (access or refresh) belongs to. */
  revokeToken(token: string): Promise<void>;
}

export const DEFAULT_TOKEN_TIMEOUT_MS = 15_000;

interface LastFailure {
  status?: number;
  intuitTid?: string;
  retryAfterSeconds?: number;
}

interface HttpErrorLike {
  code?: unknown;
  response?: { status?: unknown; headers?: Record<string, unknown> };
}

type TokenRequest = Record<string, unknown>;

export function createIntuitOAuth(options: IntuitOAuthOptions): IntuitOAuth {
  const clock = options.clock ?? systemClock;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TOKEN_TIMEOUT_MS;
  const newClient = () => (options.createClient ?? createOAuthClient)(options);

  /**
   * Runs one token-endpoint call with a deadline. intuit-oauth sends these through axios with no
   * timeout, so a hung Intuit would hold our refresh lock forever (docs/security.md item 73); we add a
   * per-attempt timeout and an abort signal to the request it builds, and note the HTTP status
   * of the final failed attempt (its own errors drop it for empty bodies).
   */
  async function call<T>(
    client: OAuthClient,
    operation: (client: OAuthClient) => Promise<T>,
  ): Promise<{ value: T; failure: LastFailure; receivedAt: number }> {
    const controller = new AbortController();
    const failure: LastFailure = {};
    let receivedAt = 0;
    const load = client.loadResponse.bind(client);
    client.loadResponse = (request: TokenRequest) =>
      load({ ...request, timeout: timeoutMs, signal: controller.signal }).then(
        (response: unknown) => {
          receivedAt = performance.now();
          return response;
        },
        (error: unknown) => {
          Object.assign(failure, describeHttpError(error));
          throw error;
        },
      );

    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(
          new IntuitAuthError('TRANSIENT', {
            timedOut: true,
            reason: `Intuit's token service did not answer within ${timeoutMs} ms.`,
          }),
        );
      }, timeoutMs);
    });
    try {
      const value = await Promise.race([operation(client), deadline]);
      return { value, failure, receivedAt };
    } catch (error) {
      if (error instanceof IntuitAuthError) throw error;
      throw classify(error, failure);
    } finally {
      clearTimeout(timer);
    }
  }

  function toTokenSet(json: unknown, startedAt: Date, realmId: string, intuitTid: string | undefined): TokenSet {
    const body = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {};
    const accessToken = body.access_token;
    const refreshToken = body.refresh_token;
    const expiresIn = body.expires_in;
    const refreshExpiresIn = body.x_refresh_token_expires_in;
    if (
      typeof accessToken !== 'string' ||
      accessToken === '' ||
      typeof refreshToken !== 'string' ||
      refreshToken === '' ||
      !isPositiveNumber(expiresIn) ||
      !isPositiveNumber(refreshExpiresIn)
    ) {
      throw new IntuitAuthError('BAD_RESPONSE', {
        status: 200,
        oauthError: safeOAuthError(body.error),
        intuitTid,
        reason: "Intuit's token service answered 200 without a usable token pair.",
      });
    }
    const at = (seconds: number) => new Date(startedAt.getTime() + seconds * 1000);
    const hard = body.x_refresh_token_hard_expires_in;
    return {
      accessToken,
      refreshToken,
      // Counted from when we sent the request, so we never believe a token lives longer than it does.
      accessTokenExpiresAt: at(expiresIn),
      refreshTokenExpiresAt: at(refreshExpiresIn),
      ...(isPositiveNumber(hard) ? { refreshTokenHardExpiresAt: at(hard) } : {}),
      realmId,
      ...(intuitTid ? { intuitTid } : {}),
    };
  }

  return {
    buildAuthorizationUrl({ state }) {
      if (typeof state !== 'string' || state.trim() === '') throw new TypeError('An OAuth state value is required.');
      return newClient().authorizeUri({ scope: [ACCOUNTING_SCOPE], state });
    },

    async exchangeCode(callbackUrl) {
      const query = callbackUrl.includes('?') ? callbackUrl.slice(callbackUrl.indexOf('?') + 1) : callbackUrl;
      const params = new URLSearchParams(query);
      const realmId = params.get('realmId') ?? '';
      if (!params.get('code') || !realmId) {
        throw new IntuitAuthError('INVALID_GRANT', {
          reason: 'The authorization callback carries no code or realmId.',
        });
      }
      const startedAt = clock.now();
      const { value } = await call(newClient(), (client) => client.createToken(callbackUrl));
      return toTokenSet(value.json, startedAt, realmId, value.getIntuitTid() || undefined);
    },

    async refreshTokens(refreshToken, realmId) {
      if (typeof refreshToken !== 'string' || refreshToken === '') {
        throw new IntuitAuthError('INVALID_GRANT', { reason: 'There is no refresh token to use.' });
      }
      const startedAt = clock.now();
      // refreshUsingToken skips intuit-oauth's local expiry check, which trusts the local clock and createdAt.
      const { value, receivedAt } = await call(newClient(), (client) => client.refreshUsingToken(refreshToken));
      return { ...toTokenSet(value.json, startedAt, realmId, value.getIntuitTid() || undefined), receivedAt };
    },

    async revokeToken(token) {
      if (typeof token !== 'string' || token === '') throw new TypeError('A token to revoke is required.');
      await call(newClient(), (client) => client.revoke({ refresh_token: token }));
    },
  };
}

function isPositiveNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

function safeOAuthError(value: unknown): string | undefined {
  return typeof value === 'string' && /^[a-z_]{1,64}$/.test(value) ? value : undefined;
}

function describeHttpError(error: unknown): LastFailure {
  const http = (typeof error === 'object' && error !== null ? error : {}) as HttpErrorLike;
  const status = typeof http.response?.status === 'number' ? http.response.status : undefined;
  const headers = http.response?.headers ?? {};
  const tid = headers['intuit_tid'];
  const retryAfter = Number(headers['retry-after']);
  return {
    status,
    intuitTid: typeof tid === 'string' && tid !== '' ? tid : undefined,
    retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter : undefined,
  };
}

/** Maps what intuit-oauth rejected with (plus the status we saw) to one of our kinds. */
function classify(error: unknown, failure: LastFailure): IntuitAuthError {
  const wrapped = (typeof error === 'object' && error !== null ? error : {}) as {
    error?: unknown;
    intuit_tid?: unknown;
    authResponse?: { response?: { status?: unknown } };
  };
  const responseStatus = wrapped.authResponse?.response?.status;
  const status = failure.status ?? (typeof responseStatus === 'number' ? responseStatus : undefined);
  const oauthError = safeOAuthError(wrapped.error);
  const intuitTid =
    failure.intuitTid ??
    (typeof wrapped.intuit_tid === 'string' && wrapped.intuit_tid !== '' ? wrapped.intuit_tid : undefined);
  const details = { status, oauthError, intuitTid, retryAfterSeconds: failure.retryAfterSeconds };

  if (status === undefined) return new IntuitAuthError('TRANSIENT', details);
  if (status === 401 || oauthError === 'invalid_client') return new IntuitAuthError('INVALID_CLIENT', details);
  if (oauthError === 'invalid_grant' && status >= 400 && status < 500)
    return new IntuitAuthError('INVALID_GRANT', details);
  if (status === 408 || status === 429 || status >= 500) return new IntuitAuthError('TRANSIENT', details);
  return new IntuitAuthError('BAD_RESPONSE', details);
}
