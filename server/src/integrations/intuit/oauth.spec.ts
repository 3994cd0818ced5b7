// eslint-disable-next-line no-restricted-imports -- tests wire the real client to the simulator; product code reaches it only through configuration
import { completeAuthorization, startIntuitSimulator, type RunningIntuitSimulator } from '../../simulators/intuit';
import { ManualClock } from '../../lib/clock';
import OAuthClient from 'intuit-oauth';
import {
  configureIntuitEndpoints,
  configureIntuitRetries,
  createIntuitOAuth,
  createOAuthClient,
  IntuitAuthError,
  type IntuitAppSettings,
  type IntuitOAuth,
} from './oauth';

const SETTINGS: IntuitAppSettings = {
  clientId: 'mobius-simulator-client',
  clientSecret: 'mobius-simulator-secret',
  redirectUri: 'http://localhost:4000/oauth/quickbooks/callback',
  environment: 'sandbox',
};
const REALM_1 = '9130357000000001';
const REALM_2 = '9130357000000002';
const HOUR = 3600 * 1000;

let sim: RunningIntuitSimulator;
let clock: ManualClock;
let oauth: IntuitOAuth;

beforeAll(async () => {
  clock = new ManualClock(Date.parse('2026-03-02T17:00:00Z'));
  // Intuit answers a new refresh token value about once a day; here on every refresh, the hardest case for a client.
  sim = await startIntuitSimulator({
    now: () => clock.now().getTime(),
    lifetimes: { refreshTokenRotationSeconds: 0 },
  });
  configureIntuitEndpoints(
    { authorizeUrl: `${sim.urls.authorize}/`, tokenUrl: `${sim.urls.token}/`, revokeUrl: sim.urls.revoke },
    { maxRetries: 3, retryDelayMs: 1 },
  );
});
afterAll(async () => {
  await sim.close();
});
beforeEach(() => {
  sim.controls.reset();
  clock.set(new Date('2026-03-02T17:00:00Z'));
  oauth = createIntuitOAuth({ ...SETTINGS, clock, timeoutMs: 2000 });
});

async function authorize(realmId = REALM_1, state = 'state-abc'): Promise<string> {
  const outcome = await completeAuthorization(oauth.buildAuthorizationUrl({ state }), { realmId });
  return outcome.location;
}

async function failure(promise: Promise<unknown>): Promise<IntuitAuthError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof IntuitAuthError) return error;
    throw error;
  }
  throw new Error('expected the operation to fail');
}

describe('configureIntuitEndpoints', () => {
  it('points the intuit-oauth statics at the given endpoints, without trailing slashes', () => {
    expect(OAuthClient.authorizeEndpoint).toBe(sim.urls.authorize);
    expect(OAuthClient.tokenEndpoint).toBe(sim.urls.token);
    expect(OAuthClient.revokeEndpoint).toBe(sim.urls.revoke);
    expect(OAuthClient.retryConfig).toMatchObject({ maxRetries: 3, retryDelay: 1 });
  });

  it('refuses something that is not an http(s) URL', () => {
    expect(() =>
      configureIntuitEndpoints({ authorizeUrl: 'nope', tokenUrl: sim.urls.token, revokeUrl: sim.urls.revoke }),
    ).toThrow(TypeError);
    expect(OAuthClient.authorizeEndpoint).toBe(sim.urls.authorize);
  });
});

describe('buildAuthorizationUrl', () => {
  it('asks for the accounting scope only, with our state and redirect URI', () => {
    const url = new URL(oauth.buildAuthorizationUrl({ state: 'state-xyz' }));
    expect(`${url.origin}${url.pathname}`).toBe(sim.urls.authorize);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: SETTINGS.clientId,
      redirect_uri: SETTINGS.redirectUri,
      response_type: 'code',
      scope: 'com.intuit.quickbooks.accounting',
      state: 'state-xyz',
    });
  });

  it('requires a state', () => {
    expect(() => oauth.buildAuthorizationUrl({ state: ' ' })).toThrow(TypeError);
  });
});

describe('exchangeCode', () => {
  it('exchanges the code from the callback for a token set with expiries from our clock', async () => {
    const callback = await authorize(REALM_2);
    const started = clock.now().getTime();
    const tokens = await oauth.exchangeCode(callback);
    expect(tokens.realmId).toBe(REALM_2);
    expect(tokens.accessToken.length).toBeGreaterThan(800);
    expect(tokens.refreshToken).toMatch(/^AB11/);
    expect(tokens.accessTokenExpiresAt.getTime()).toBe(started + 3600 * 1000);
    expect(tokens.refreshTokenExpiresAt.getTime()).toBe(started + 8726400 * 1000);
    expect(tokens.refreshTokenHardExpiresAt?.getTime()).toBe(started + 5 * 365 * 24 * HOUR);
    expect(tokens.intuitTid).toMatch(/^1-/);
    expect(sim.controls.counters().tokenCalls.authorization_code).toBe(1);
  });

  it('accepts the callback query string alone', async () => {
    const callback = await authorize();
    const tokens = await oauth.exchangeCode(callback.slice(callback.indexOf('?')));
    expect(tokens.realmId).toBe(REALM_1);
  });

  it('treats a code as single-use', async () => {
    const callback = await authorize();
    await oauth.exchangeCode(callback);
    const error = await failure(oauth.exchangeCode(callback));
    expect(error).toMatchObject({ kind: 'INVALID_GRANT', status: 400, oauthError: 'invalid_grant' });
    expect(error.retryable).toBe(false);
  });

  it('refuses a code older than five minutes', async () => {
    const callback = await authorize();
    clock.advance(5 * 60 * 1000 + 1);
    expect(await failure(oauth.exchangeCode(callback))).toMatchObject({ kind: 'INVALID_GRANT' });
  });

  it('does not call Intuit for a callback without code or realmId', async () => {
    const error = await failure(oauth.exchangeCode(`${SETTINGS.redirectUri}?error=access_denied&state=s`));
    expect(error.kind).toBe('INVALID_GRANT');
    expect((await failure(oauth.exchangeCode(`${SETTINGS.redirectUri}?code=abc&state=s`))).kind).toBe('INVALID_GRANT');
    expect(sim.controls.counters().tokenCalls.total).toBe(0);
  });

  it('reports wrong app credentials as INVALID_CLIENT', async () => {
    const callback = await authorize();
    const wrong = createIntuitOAuth({ ...SETTINGS, clientSecret: 'not-the-secret', clock });
    expect(await failure(wrong.exchangeCode(callback))).toMatchObject({ kind: 'INVALID_CLIENT', status: 401 });
  });
});

describe('refreshTokens', () => {
  it('returns the new refresh token of a rotating refresh', async () => {
    const first = await oauth.exchangeCode(await authorize());
    clock.advance(HOUR);
    const second = await oauth.refreshTokens(first.refreshToken, REALM_1);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(second.realmId).toBe(REALM_1);
    expect(second.accessTokenExpiresAt.getTime()).toBe(clock.now().getTime() + HOUR);
    expect(sim.controls.refreshCallsFor(first.refreshToken)).toBe(1);
  });

  it('lets a superseded refresh token work within the 24 h grace, answering the same successor', async () => {
    const rt1 = (await oauth.exchangeCode(await authorize())).refreshToken;
    const rt2 = (await oauth.refreshTokens(rt1, REALM_1)).refreshToken;
    clock.advance(23 * HOUR);
    const replay = await oauth.refreshTokens(rt1, REALM_1);
    expect(replay.refreshToken).toBe(rt2);
    clock.advance(HOUR + 1);
    expect(await failure(oauth.refreshTokens(rt1, REALM_1))).toMatchObject({ kind: 'INVALID_GRANT' });
    expect((await oauth.refreshTokens(rt2, REALM_1)).refreshToken).not.toBe(rt2);
  });

  it('refuses a superseded refresh token at once in strict rotation mode', async () => {
    sim.controls.setStrictRotation(true);
    const rt1 = (await oauth.exchangeCode(await authorize())).refreshToken;
    const rt2 = (await oauth.refreshTokens(rt1, REALM_1)).refreshToken;
    expect(await failure(oauth.refreshTokens(rt1, REALM_1))).toMatchObject({
      kind: 'INVALID_GRANT',
      oauthError: 'invalid_grant',
    });
    await expect(oauth.refreshTokens(rt2, REALM_1)).resolves.toMatchObject({ realmId: REALM_1 });
  });

  it('answers INVALID_GRANT after the grant was revoked', async () => {
    const tokens = await oauth.exchangeCode(await authorize());
    await oauth.revokeToken(tokens.refreshToken);
    expect(await failure(oauth.refreshTokens(tokens.refreshToken, REALM_1))).toMatchObject({ kind: 'INVALID_GRANT' });
    expect(sim.controls.counters().revokeCalls).toBe(1);
  });

  it('answers INVALID_GRANT after the user disconnected the company', async () => {
    const tokens = await oauth.exchangeCode(await authorize());
    sim.controls.revokeRealm(REALM_1);
    expect((await failure(oauth.refreshTokens(tokens.refreshToken, REALM_1))).kind).toBe('INVALID_GRANT');
  });

  it('retries 5xx and succeeds (three calls reach Intuit)', async () => {
    const tokens = await oauth.exchangeCode(await authorize());
    sim.controls.failTokenEndpoint(2, 503);
    const refreshed = await oauth.refreshTokens(tokens.refreshToken, REALM_1);
    expect(refreshed.refreshToken).not.toBe(tokens.refreshToken);
    expect(sim.controls.refreshCallsFor(tokens.refreshToken)).toBe(3);
  });

  it('reports 5xx past the retries, and 429, as TRANSIENT', async () => {
    const tokens = await oauth.exchangeCode(await authorize());
    sim.controls.failTokenEndpoint(10, 500);
    const error = await failure(oauth.refreshTokens(tokens.refreshToken, REALM_1));
    expect(error).toMatchObject({ kind: 'TRANSIENT', status: 500 });
    expect(error.retryable).toBe(true);
    expect(sim.controls.refreshCallsFor(tokens.refreshToken)).toBe(4);

    sim.controls.clearFaults();
    sim.controls.injectFault({ target: 'token', status: 429, times: 10, body: '', headers: { 'Retry-After': '30' } });
    expect(await failure(oauth.refreshTokens(tokens.refreshToken, REALM_1))).toMatchObject({
      kind: 'TRANSIENT',
      status: 429,
      retryAfterSeconds: 30,
    });
  });

  it('follows the configured retry count', async () => {
    const tokens = await oauth.exchangeCode(await authorize());
    configureIntuitRetries({ maxRetries: 0 });
    try {
      sim.controls.failTokenEndpoint(1, 502);
      expect(await failure(oauth.refreshTokens(tokens.refreshToken, REALM_1))).toMatchObject({
        kind: 'TRANSIENT',
        status: 502,
      });
      expect(sim.controls.refreshCallsFor(tokens.refreshToken)).toBe(1);
    } finally {
      configureIntuitRetries({ maxRetries: 3, retryDelayMs: 1 });
    }
  });

  it('reports a 200 without tokens as BAD_RESPONSE', async () => {
    const tokens = await oauth.exchangeCode(await authorize());
    sim.controls.tokenEndpointErrorBody(1, { error: 'invalid_grant' });
    const error = await failure(oauth.refreshTokens(tokens.refreshToken, REALM_1));
    expect(error).toMatchObject({ kind: 'BAD_RESPONSE', status: 200, oauthError: 'invalid_grant' });
    sim.controls.tokenEndpointErrorBody(1, '<html>maintenance</html>');
    expect((await failure(oauth.refreshTokens(tokens.refreshToken, REALM_1))).kind).toBe('BAD_RESPONSE');
  });

  it('reports an unreachable token endpoint as TRANSIENT', async () => {
    const spare = await startIntuitSimulator();
    const deadUrl = spare.urls.token;
    await spare.close();
    configureIntuitEndpoints(
      { authorizeUrl: sim.urls.authorize, tokenUrl: deadUrl, revokeUrl: sim.urls.revoke },
      { retryDelayMs: 1 },
    );
    try {
      const error = await failure(oauth.refreshTokens('AB11whatever', REALM_1));
      expect(error.kind).toBe('TRANSIENT');
      expect(error.status).toBeUndefined();
    } finally {
      configureIntuitEndpoints(
        { authorizeUrl: sim.urls.authorize, tokenUrl: sim.urls.token, revokeUrl: sim.urls.revoke },
        { maxRetries: 3, retryDelayMs: 1 },
      );
    }
  });

  it('gives up on a hanging token endpoint at the deadline', async () => {
    const tokens = await oauth.exchangeCode(await authorize());
    sim.controls.hangTokenEndpoint(1);
    const quick = createIntuitOAuth({ ...SETTINGS, clock, timeoutMs: 200 });
    const started = Date.now();
    const error = await failure(quick.refreshTokens(tokens.refreshToken, REALM_1));
    expect(error).toMatchObject({ kind: 'TRANSIENT', timedOut: true });
    expect(Date.now() - started).toBeLessThan(1500);
    sim.controls.releasePending();
  });

  it('recovers from a refresh whose answer was lost by replaying the old refresh token within the grace', async () => {
    const rt1 = (await oauth.exchangeCode(await authorize())).refreshToken;
    sim.controls.delayTokenResponse(400);
    const impatient = createIntuitOAuth({ ...SETTINGS, clock, timeoutMs: 100 });
    expect(await failure(impatient.refreshTokens(rt1, REALM_1))).toMatchObject({ kind: 'TRANSIENT', timedOut: true });
    const lost = sim.state.tokenRequests.at(-1)?.issuedRefreshToken;
    expect(lost).toBeDefined();
    const recovered = await oauth.refreshTokens(rt1, REALM_1);
    expect(recovered.refreshToken).toBe(lost);
    sim.controls.releasePending();
  });

  it('turns the same lost answer into INVALID_GRANT under strict rotation', async () => {
    sim.controls.setStrictRotation(true);
    const rt1 = (await oauth.exchangeCode(await authorize())).refreshToken;
    sim.controls.delayTokenResponse(400);
    const impatient = createIntuitOAuth({ ...SETTINGS, clock, timeoutMs: 100 });
    expect((await failure(impatient.refreshTokens(rt1, REALM_1))).kind).toBe('TRANSIENT');
    expect((await failure(oauth.refreshTokens(rt1, REALM_1))).kind).toBe('INVALID_GRANT');
    sim.controls.releasePending();
  });

  it('records intuit_tid and never puts tokens in errors', async () => {
    const tokens = await oauth.exchangeCode(await authorize());
    sim.controls.setStrictRotation(true);
    await oauth.refreshTokens(tokens.refreshToken, REALM_1);
    sim.controls.setIntuitTid('T-123');
    const error = await failure(oauth.refreshTokens(tokens.refreshToken, REALM_1));
    expect(error.intuitTid).toBe('T-123');
    const rendered = `${error.message} ${JSON.stringify(error)} ${String(error.stack)}`;
    expect(rendered).not.toContain(tokens.refreshToken);
    expect(rendered).not.toContain(tokens.accessToken);
  });

  it('keeps concurrent refreshes of different connections apart (one client per operation)', async () => {
    const made: unknown[] = [];
    const counted = createIntuitOAuth({
      ...SETTINGS,
      clock,
      createClient: (settings) => {
        const client = createOAuthClient(settings);
        made.push(client);
        return client;
      },
    });
    const a = await counted.exchangeCode(await authorize(REALM_1, 'a'));
    const b = await counted.exchangeCode(await authorize(REALM_2, 'b'));
    sim.controls.delayTokenEndpoint(50, 4);
    const [a2, b2] = await Promise.all([
      counted.refreshTokens(a.refreshToken, REALM_1),
      counted.refreshTokens(b.refreshToken, REALM_2),
    ]);
    expect(sim.state.tokenRequests.filter((r) => r.issuedRefreshToken === a2.refreshToken)[0]?.realmId).toBe(REALM_1);
    expect(sim.state.tokenRequests.filter((r) => r.issuedRefreshToken === b2.refreshToken)[0]?.realmId).toBe(REALM_2);
    expect(new Set(made).size).toBe(4);
  });
});

describe('revokeToken', () => {
  it('surfaces a failing revoke endpoint as TRANSIENT', async () => {
    const tokens = await oauth.exchangeCode(await authorize());
    sim.controls.failRevokeEndpoint(10, 500);
    expect((await failure(oauth.revokeToken(tokens.refreshToken))).kind).toBe('TRANSIENT');
  });
});
