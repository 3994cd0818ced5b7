import { UpdateQueryBuilder } from 'typeorm';
import { ManualClock } from '../../src/lib/clock';
import { decryptSecret } from '../../src/lib/crypto';
import { startConnectWiseSimulator, type ConnectWiseSimulator } from '../../src/simulators/connectwise';
import type { RunningServer } from '../../src/simulators/http';
import { startIntuitSimulator, type RunningIntuitSimulator } from '../../src/simulators/intuit';
import { testDialects } from '../support/databases';
import {
  connectQuickBooks,
  CONNECTWISE_TEST_ENV,
  defaultConfiguration,
  DEMO_REALM,
  getConfiguration,
  NORTHWIND_REALM,
  QB,
  saveConnectWise,
  signIn,
  type QbConfig,
  type Session,
} from '../support/quickbooks';
import {
  gql,
  MUTATIONS,
  STRONG_PASSWORD,
  startTestServer,
  type TestServer,
  sessionCookie,
} from '../support/test-server';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const LOST = 'Your Default connection to QuickBooks Online has been lost. Please reconnect.';

describe.each(testDialects)('QuickBooks token manager on %s', (dialect) => {
  // Each test owns its clock, and with it its Intuit simulator, servers and database: the days one test moves (the
  // reconnect deadline's) never reach another, so the suite passes in any order (`jest --randomize`).
  let clock: ManualClock;
  let intuit: RunningIntuitSimulator;
  let psa: RunningServer & ConnectWiseSimulator;
  let server: TestServer;
  let sibling: TestServer;
  let accounts = 0;

  beforeAll(async () => {
    psa = await startConnectWiseSimulator();
  });
  afterAll(async () => {
    await psa?.close();
  });
  beforeEach(async () => {
    clock = new ManualClock(new Date('2026-03-02T09:00:00.000Z'));
    // The simulator follows the same clock, so "an hour later" is an hour later at Intuit too.
    intuit = await startIntuitSimulator({ now: () => clock.now().getTime() });
    // Intuit answers a new refresh token value about once a day; most tests here want one on every
    // refresh (the hardest case for the token manager). The day-long same value has its own test.
    intuit.controls.setLifetimes({ refreshTokenRotationSeconds: 0 });
    const env = { ...CONNECTWISE_TEST_ENV, QBO_RECONNECT_AFTER_DAYS: '30' };
    server = await startTestServer({ dialect, intuit, clock, env });
    // A second server process: its own createApp and its own DataSource on the same database.
    sibling = await startTestServer({ dialect, intuit, clock, env, db: server.db });
  });
  afterEach(async () => {
    await sibling?.close();
    await server?.close();
    await intuit?.close();
  });

  interface Connected {
    session: Session;
    email: string;
    config: QbConfig;
  }

  async function connectedAccount(realmId = DEMO_REALM): Promise<Connected> {
    accounts += 1;
    const email = `qb.tokens.${accounts}@acme-msp.test`;
    const session = await signIn(server, email);
    await saveConnectWise(server, session, psa.url);
    const config = await defaultConfiguration(server, session);
    const { location } = await connectQuickBooks(server, session, config.id, realmId);
    expect(location).toContain('connected=1');
    return { session, email, config };
  }

  /** Sessions last 12 hours; after moving the clock by days, sign in again. */
  async function relogin(email: string): Promise<Session> {
    const res = await gql<{ login: { token: string; account: { id: string } } }>(server.url, MUTATIONS.login, {
      email,
      password: STRONG_PASSWORD,
    });
    const token = res.body.data?.login.token as string;
    return { token, accountId: res.body.data?.login.account.id as string, cookie: sessionCookie(token) };
  }

  const check = (target: TestServer, session: Session, id: string) =>
    gql<{ checkQuickBooksConnection: QbConfig }>(target.url, QB.check, { id }, { token: session.token });
  const row = async (id: string) =>
    (
      await server.db.dataSource.query<Array<Record<string, string | number | null>>>(
        'SELECT * FROM quickbooks_configurations WHERE id = ?',
        [id],
      )
    )[0];
  const storedRefreshToken = async (id: string, accountId: string) =>
    decryptSecret(
      { keys: server.config.encryptionKeys },
      (await row(id)).refreshTokenSealed as string,
      `quickbooks_configurations|refreshToken|${id}|${accountId}`,
    );
  const refreshCalls = () => intuit.controls.counters().tokenCalls.refresh_token;
  const waitFor = async (condition: () => boolean) => {
    for (let i = 0; i < 200 && !condition(); i += 1) await new Promise((r) => setTimeout(r, 10));
    expect(condition()).toBe(true);
  };

  it('refreshes exactly once for 20 parallel checks on an expired access token, and stays CONNECTED', async () => {
    const { session, config } = await connectedAccount();
    const firstRefreshToken = intuit.controls.latestRefreshToken(DEMO_REALM) as string;
    clock.advance(HOUR + 60_000);
    const before = refreshCalls();
    intuit.controls.delayTokenResponse(300); // a slow Intuit: the other callers really have to wait
    const results = await Promise.all(Array.from({ length: 20 }, () => check(server, session, config.id)));
    expect(refreshCalls() - before).toBe(1);
    for (const res of results) {
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data?.checkQuickBooksConnection.connectionStatus).toMatchObject({ state: 'CONNECTED' });
    }
    // The rotated refresh token was stored, and the next refresh presents it.
    const rotated = intuit.controls.latestRefreshToken(DEMO_REALM) as string;
    expect(rotated).not.toBe(firstRefreshToken);
    expect(await storedRefreshToken(config.id, session.accountId)).toBe(rotated);
    expect(Number((await row(config.id)).tokenVersion)).toBe(2);
    clock.advance(HOUR + 60_000);
    await check(server, session, config.id);
    expect(intuit.controls.refreshCallsFor(rotated)).toBe(1);
    expect(intuit.controls.refreshCallsFor(firstRefreshToken)).toBe(1);
  });

  it('refreshes exactly once for 20 parallel checks split over two server processes', async () => {
    const { session, config } = await connectedAccount(NORTHWIND_REALM);
    clock.advance(HOUR + 60_000);
    const before = refreshCalls();
    const qboBefore = intuit.controls.counters().qboCalls.total;
    intuit.controls.delayTokenResponse(400);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => check(i % 2 ? sibling : server, session, config.id)),
    );
    expect(refreshCalls() - before).toBe(1);
    for (const res of results) {
      expect(res.body.data?.checkQuickBooksConnection.connectionStatus.state).toBe('CONNECTED');
    }
    // One CompanyInfo validation per process (parallel callers in a process share one).
    expect(intuit.controls.counters().qboCalls.total - qboBefore).toBeLessThanOrEqual(2);
    expect(await storedRefreshToken(config.id, session.accountId)).toBe(
      intuit.controls.latestRefreshToken(NORTHWIND_REALM),
    );
    expect((await row(config.id)).refreshLeaseOwner).toBeNull();
  });

  it('never calls Intuit for connectionStatus, even with 15 aliases; 16 are refused', async () => {
    const { session } = await connectedAccount();
    clock.advance(2 * HOUR); // the access token has expired: a status read still must not refresh it
    const before = intuit.controls.counters();
    const aliases = (n: number) =>
      `{ ${Array.from({ length: n }, (_, i) => `s${i}: connectionStatus { quickBooks { connectionStatus { state } } }`).join(' ')} }`;
    for (let i = 0; i < 50; i += 1) {
      const res = await gql(server.url, QB.status, {}, { token: session.token });
      expect(res.body.errors).toBeUndefined();
    }
    expect((await gql(server.url, aliases(15), {}, { token: session.token })).body.errors).toBeUndefined();
    const refused = await gql(server.url, aliases(16), {}, { token: session.token });
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const after = intuit.controls.counters();
    expect(after.tokenCalls.total).toBe(before.tokenCalls.total);
    expect(after.qboCalls.total).toBe(before.qboCalls.total);
  });

  it('does not refresh a valid access token (50 checks, 0 token calls)', async () => {
    const { session, config } = await connectedAccount();
    const before = intuit.controls.counters().tokenCalls.total;
    for (let i = 0; i < 50; i += 1) await check(server, session, config.id);
    expect(intuit.controls.counters().tokenCalls.total).toBe(before);
  });

  it('marks the connection LOST with the exact message when Intuit revokes the refresh token', async () => {
    const { session, email, config } = await connectedAccount();
    const deadRefreshToken = intuit.controls.latestRefreshToken(DEMO_REALM) as string;
    intuit.controls.revokeRealm(DEMO_REALM);
    clock.advance(HOUR + 60_000);
    const res = await check(server, session, config.id);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.checkQuickBooksConnection).toMatchObject({
      realmId: DEMO_REALM,
      lastErrorCode: 'INVALID_GRANT',
      statusReason: expect.stringMatching(/Intuit no longer accepts the authorization/),
      connectionStatus: { state: 'LOST', message: LOST },
    });
    const status = await gql<{ connectionStatus: { quickBooks: QbConfig[] } }>(server.url, QB.status, {}, session);
    expect(status.body.data?.connectionStatus.quickBooks[0]?.connectionStatus).toMatchObject({
      state: 'LOST',
      message: LOST,
    });
    // The row stays (audit), the dead tokens go; the user is told once.
    expect(await row(config.id)).toMatchObject({ state: 'LOST', refreshTokenSealed: null, realmId: DEMO_REALM });
    await server.settle();
    const lostMails = server.mail.messages().filter((m) => m.to.some((t) => t.email === email));
    expect(lostMails.filter((m) => m.subject.includes('has been lost'))).toHaveLength(1);
    expect(lostMails.find((m) => m.subject.includes('has been lost'))?.text).toContain(`/quickbooks/${config.id}`);
    // No further token calls for it: not from checks, not from the background checker (which meanwhile checks the
    // other connections of this suite, stale after the hour that passed).
    const refreshes = () => intuit.controls.counters().refreshCallsByToken[deadRefreshToken] ?? 0;
    const before = refreshes();
    for (let i = 0; i < 10; i += 1) {
      await server.app.services.quickBooksChecker.runOnce();
      await check(server, session, config.id);
    }
    expect(refreshes()).toBe(before);
    expect(before).toBe(1);
  });

  it('notices a revoked grant at the next check even before the access token expires (401, then invalid_grant)', async () => {
    const { session, config } = await connectedAccount(NORTHWIND_REALM);
    intuit.controls.revokeRealm(NORTHWIND_REALM);
    const res = await check(server, session, config.id);
    expect(res.body.data?.checkQuickBooksConnection.connectionStatus).toEqual(
      expect.objectContaining({ state: 'LOST', message: LOST }),
    );
  });

  it('finds a company revoked at Intuit within the checker’s period (10 minutes), with nobody clicking anything', async () => {
    const { session, config } = await connectedAccount(NORTHWIND_REALM);
    const checker = server.app.services.quickBooksChecker;
    await checker.runOnce();
    intuit.controls.revokeRealm(NORTHWIND_REALM);
    clock.advance(5 * 60_000);
    await checker.runOnce(); // checked 5 minutes ago: not yet again
    expect((await getConfiguration(server, session, config.id))?.connectionStatus.state).toBe('CONNECTED');
    clock.advance(5 * 60_000 + 1_000);
    await checker.runOnce();
    expect((await getConfiguration(server, session, config.id))?.connectionStatus).toMatchObject({
      state: 'LOST',
      message: LOST,
    });
  });

  it('re-validates what is older than connectionStatus(maxAgeSeconds) first, for a read-only API token too', async () => {
    const { session, config } = await connectedAccount(NORTHWIND_REALM);
    const created = await gql<{ createApiToken: { token: string } }>(
      server.url,
      'mutation { createApiToken(name: "Uptime monitor") { token } }',
      {},
      session,
    );
    const monitor = { token: created.body.data?.createApiToken.token as string };
    const STATUS =
      'query($maxAge: Int) { connectionStatus(maxAgeSeconds: $maxAge) { connectWise { state checkedAt } quickBooks { id connectionStatus { state checkedAt } } } }';
    type Status = {
      connectionStatus: {
        connectWise: { state: string; checkedAt: string };
        quickBooks: Array<{ id: string; connectionStatus: { state: string; checkedAt: string } }>;
      };
    };
    const stateOf = (res: { body: { data?: Status | null } }) =>
      res.body.data?.connectionStatus.quickBooks.find((q) => q.id === config.id)?.connectionStatus;

    intuit.controls.revokeRealm(NORTHWIND_REALM);
    clock.advance(2 * 60_000);
    // The stored status, as always, without maxAgeSeconds…
    expect(stateOf(await gql<Status>(server.url, STATUS, {}, monitor))?.state).toBe('CONNECTED');
    // …and the truth, at once, with it: checked 2 minutes ago is older than 60 s.
    const fresh = await gql<Status>(server.url, STATUS, { maxAge: 60 }, monitor);
    expect(fresh.body.errors).toBeUndefined();
    expect(stateOf(fresh)).toMatchObject({ state: 'LOST', checkedAt: clock.now().toISOString() });
    expect(fresh.body.data?.connectionStatus.connectWise).toEqual({
      state: 'CONNECTED',
      checkedAt: clock.now().toISOString(),
    });

    const tooSoon = await gql<Status>(server.url, STATUS, { maxAge: 30 }, monitor);
    expect(tooSoon.body.errors?.[0]).toMatchObject({
      message: 'maxAgeSeconds must be between 60 and 86400 (one minute to one day).',
      extensions: { code: 'BAD_USER_INPUT', field: 'maxAgeSeconds' },
    });
  });

  it('spends the account’s budget only on connectionStatus calls that re-validate something (15 in 15 minutes)', async () => {
    const { session } = await connectedAccount(DEMO_REALM);
    const STATUS = '{ connectionStatus(maxAgeSeconds: 60) { quickBooks { connectionStatus { state } } } }';
    for (let i = 0; i < 15; i += 1) {
      clock.advance(61_000);
      const res = await gql(server.url, STATUS, {}, session);
      expect(res.body.errors).toBeUndefined();
      // Nothing older than a minute right after: free, however often.
      expect((await gql(server.url, STATUS, {}, session)).body.errors).toBeUndefined();
    }
    clock.advance(61_000);
    const refused = await gql(server.url, STATUS, {}, session);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
    // The plain status stays available.
    const plain = await gql(server.url, '{ connectionStatus { quickBooks { id } } }', {}, session);
    expect(plain.body.errors).toBeUndefined();
  });

  it('keeps the connection on transient failures (503s, a 200 error body) and touches no token', async () => {
    const { session, config } = await connectedAccount();
    clock.advance(HOUR + 60_000);
    intuit.controls.failTokenEndpoint(2, 503); // intuit-oauth retries: the third attempt succeeds
    const recovered = await check(server, session, config.id);
    expect(recovered.body.data?.checkQuickBooksConnection.connectionStatus.state).toBe('CONNECTED');

    clock.advance(HOUR + 60_000);
    for (const fault of [
      () => intuit.controls.failTokenEndpoint(3, 503),
      () => intuit.controls.throttleTokenEndpoint(3),
      () => intuit.controls.tokenEndpointErrorBody(1, { error: 'invalid_grant' }),
    ]) {
      const before = await row(config.id);
      fault();
      const res = await check(server, session, config.id);
      const view = res.body.data?.checkQuickBooksConnection;
      expect(view?.connectionStatus.state).toBe('CONNECTED');
      expect(view?.lastErrorCode).toMatch(/^INTUIT_(UNAVAILABLE|BAD_RESPONSE)$/);
      expect(view?.connectionStatus.message).toMatch(/try again/);
      const after = await row(config.id);
      for (const column of ['accessTokenSealed', 'refreshTokenSealed', 'tokenVersion', 'accessTokenExpiresAt']) {
        expect(after[column]).toEqual(before[column]);
      }
    }
    const healed = await check(server, session, config.id);
    expect(healed.body.data?.checkQuickBooksConnection).toMatchObject({
      lastErrorCode: null,
      connectionStatus: { state: 'CONNECTED', message: null },
    });
  });

  it('retries a refresh refused because a sibling rotated the token meanwhile (race-aware invalid_grant)', async () => {
    const { session, config } = await connectedAccount();
    intuit.controls.setStrictRotation(true); // a superseded refresh token fails at once
    clock.advance(HOUR + 60_000);
    const before = refreshCalls();
    intuit.controls.delayTokenEndpoint(600); // the first refresh reaches Intuit late
    const slow = check(server, session, config.id);
    await waitFor(() => refreshCalls() === before + 1);
    clock.advance(30_000); // the slow holder's lease runs out; the other process takes over
    // The sibling's import uses the token meanwhile (a second *check* would wait for the one in flight instead).
    const fast = await sibling.app.services.quickBooks.access.withClient(session.accountId, config.id, (client) =>
      client.getCompanyInfo(),
    );
    expect(fast.CompanyName).toBe('Sandbox Company US 1');
    const res = await slow;
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.checkQuickBooksConnection.connectionStatus.state).toBe('CONNECTED');
    expect(refreshCalls() - before).toBe(2);
    expect(await storedRefreshToken(config.id, session.accountId)).toBe(intuit.controls.latestRefreshToken(DEMO_REALM));
  });

  it('retries a failed commit of refreshed tokens, and never falls back to the old ones', async () => {
    const { session, config } = await connectedAccount();
    clock.advance(HOUR + 60_000);
    const before = refreshCalls();
    // Kept unbound on purpose: the spy below calls it with the builder as `this`.
    // eslint-disable-next-line @typescript-eslint/unbound-method
    const execute = UpdateQueryBuilder.prototype.execute;
    let failures = 0;
    const spy = jest.spyOn(UpdateQueryBuilder.prototype, 'execute').mockImplementation(function (
      this: UpdateQueryBuilder<object>,
    ) {
      const values = this.expressionMap.valuesSet as Record<string, unknown> | undefined;
      if (values && 'refreshTokenSealed' in values && 'tokenVersion' in values && failures === 0) {
        failures += 1;
        return Promise.reject(new Error('injected: the database went away for a moment'));
      }
      return execute.call(this);
    });
    try {
      const res = await check(server, session, config.id);
      expect(res.body.data?.checkQuickBooksConnection.connectionStatus.state).toBe('CONNECTED');
    } finally {
      spy.mockRestore();
    }
    expect(failures).toBe(1);
    expect(refreshCalls() - before).toBe(1);
    expect(await storedRefreshToken(config.id, session.accountId)).toBe(intuit.controls.latestRefreshToken(DEMO_REALM));
    expect(server.logs.join('')).toContain('"event":"quickbooks.token_persist_failed"');
  });

  it('keeps each account on its own tokens when they refresh at the same time', async () => {
    const a = await connectedAccount(DEMO_REALM);
    const b = await connectedAccount(NORTHWIND_REALM);
    for (let round = 0; round < 3; round += 1) {
      clock.advance(HOUR + 60_000);
      intuit.controls.injectFault({ target: 'token', times: 2, delayMs: 20, jitterMs: 80 });
      const results = await Promise.all([
        check(server, a.session, a.config.id),
        check(sibling, b.session, b.config.id),
        check(sibling, a.session, a.config.id),
        check(server, b.session, b.config.id),
      ]);
      for (const res of results)
        expect(res.body.data?.checkQuickBooksConnection.connectionStatus.state).toBe('CONNECTED');
      expect(await storedRefreshToken(a.config.id, a.session.accountId)).toBe(
        intuit.controls.latestRefreshToken(DEMO_REALM),
      );
      expect(await storedRefreshToken(b.config.id, b.session.accountId)).toBe(
        intuit.controls.latestRefreshToken(NORTHWIND_REALM),
      );
    }
  });

  it('refreshes once more after QuickBooks refuses an access token we believed valid (401)', async () => {
    const { session, config } = await connectedAccount();
    intuit.controls.expireAccessTokens(DEMO_REALM);
    const before = refreshCalls();
    const res = await check(server, session, config.id);
    expect(res.body.data?.checkQuickBooksConnection.connectionStatus.state).toBe('CONNECTED');
    expect(refreshCalls() - before).toBe(1);
  });

  it('does not let a refresh in flight resurrect a disconnected configuration', async () => {
    const { session, config } = await connectedAccount(NORTHWIND_REALM);
    clock.advance(HOUR + 60_000);
    const before = refreshCalls();
    intuit.controls.delayTokenResponse(500); // Intuit rotates at once, answers late
    const inflight = check(server, session, config.id);
    await waitFor(() => refreshCalls() === before + 1);
    const disconnected = await gql<{ disconnectQuickBooks: QbConfig }>(
      server.url,
      QB.disconnect,
      { id: config.id },
      { token: session.token },
    );
    expect(disconnected.body.data?.disconnectQuickBooks.connectionStatus.state).toBe('NOT_CONNECTED');
    const late = await inflight;
    expect(late.body.data?.checkQuickBooksConnection.connectionStatus.state).toBe('NOT_CONNECTED');
    expect(await row(config.id)).toMatchObject({
      state: 'NOT_CONNECTED',
      accessTokenSealed: null,
      refreshTokenSealed: null,
      realmId: null,
    });
  });

  it("fails closed when one account's sealed tokens are copied into another's row", async () => {
    const victim = await connectedAccount(DEMO_REALM);
    const thief = await connectedAccount(NORTHWIND_REALM);
    const source = await row(victim.config.id);
    await server.db.dataSource.query(
      'UPDATE quickbooks_configurations SET accessTokenSealed = ?, refreshTokenSealed = ? WHERE id = ?',
      [source.accessTokenSealed, source.refreshTokenSealed, thief.config.id],
    );
    const before = intuit.controls.counters();
    const res = await check(server, thief.session, thief.config.id);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.checkQuickBooksConnection).toMatchObject({
      lastErrorCode: 'DECRYPTION_FAILED',
      statusReason: 'The stored QuickBooks Online authorization cannot be read. Connect to QuickBooks again.',
      connectionStatus: { state: 'LOST', message: LOST },
    });
    const after = intuit.controls.counters();
    expect(after.tokenCalls.total).toBe(before.tokenCalls.total);
    expect(after.qboCalls.total).toBe(before.qboCalls.total);
    expect(server.logs.join('')).toContain('"event":"quickbooks.decryption_failed"');
    // The victim is untouched and the server carries on.
    const fine = await check(server, victim.session, victim.config.id);
    expect(fine.body.data?.checkQuickBooksConnection.connectionStatus.state).toBe('CONNECTED');
  });

  it('warns 14 and 3 days before the reconnect deadline (one email each), then marks it LOST', async () => {
    const { email, config, session: owner } = await connectedAccount();
    const connectedAt = clock.now().getTime();
    // Either process may send a reminder; both send through the one SendGrid of their database (the outbox's job).
    const mailTo = () => server.mail.messages().filter((m) => m.to.some((t) => t.email === email));
    const reminders = () => mailTo().filter((m) => /Reconnect .* by/.test(m.subject));
    const stateNow = async () => {
      const session = await relogin(email);
      return (await getConfiguration(server, session, config.id))?.connectionStatus;
    };
    const checker = server.app.services.quickBooksChecker;

    clock.set(new Date(connectedAt + 15 * DAY)); // 15 days left (deadline = connectedAt + 30 days here)
    await checker.runOnce(); // also validates the stale connection, refreshing its expired access token
    expect((await stateNow())?.state).toBe('CONNECTED');
    await server.settle();
    expect(reminders()).toHaveLength(0);

    clock.set(new Date(connectedAt + 16 * DAY + HOUR)); // 13.96 days left
    const expiring = await stateNow();
    expect(expiring).toMatchObject({ state: 'EXPIRING', reconnectBy: new Date(connectedAt + 30 * DAY).toISOString() });
    expect(expiring?.message).toMatch(/^Reconnect Default to QuickBooks Online by April 1, 2026/);
    await checker.runOnce();
    await Promise.all([checker.runOnce(), sibling.app.services.quickBooksChecker.runOnce()]);
    await server.settle();
    expect(reminders()).toHaveLength(1);
    expect(reminders()[0]?.text).toContain(`/quickbooks/${config.id}`);
    expect(reminders()[0]?.text).toContain('in 14 days');

    clock.set(new Date(connectedAt + 27 * DAY + HOUR));
    await Promise.all([checker.runOnce(), sibling.app.services.quickBooksChecker.runOnce()]);
    await checker.runOnce();
    await server.settle();
    expect(reminders()).toHaveLength(2);
    expect(reminders().filter((m) => m.text?.includes('in 3 days'))).toHaveLength(1);

    clock.set(new Date(connectedAt + 30 * DAY + 60_000));
    // Derived at read time already, before any background pass…
    expect(await stateNow()).toMatchObject({ state: 'LOST', message: LOST });
    const refreshToken = await storedRefreshToken(config.id, owner.accountId);
    const run = await checker.runOnce(); // this test's database holds this one connection only
    expect(run.retired).toBe(1);
    expect(await row(config.id)).toMatchObject({ state: 'LOST', lastErrorCode: 'RECONNECT_DEADLINE' });
    // The retired grant is revoked at Intuit, so no live token outlives the connection.
    const grantId = intuit.state.refreshTokens.get(refreshToken)?.grantId as string;
    expect(intuit.state.grants.get(grantId)?.revokedAt).toBeDefined();
    await Promise.all([server.settle(), sibling.settle()]);
    expect(mailTo().filter((m) => m.subject.includes('has been lost'))).toHaveLength(1);
    expect(reminders()).toHaveLength(2);
  });

  it('dates the reconnect by the six-month rule, not the rolling window; a rolling window that runs out is LOST by invalid_grant', async () => {
    // A 3-day rolling window (Intuit's is ~100 days): far shorter than the 30-day rule of this suite.
    const lifetimes = intuit.controls.setLifetimes({});
    intuit.controls.setLifetimes({ refreshTokenSeconds: 3 * 24 * 3600 });
    try {
      const { email, config } = await connectedAccount();
      const first = await getConfiguration(server, await relogin(email), config.id);
      const deadline = new Date(new Date(first?.connectedAt as string).getTime() + 30 * DAY).toISOString();
      expect(first?.connectionStatus).toMatchObject({ state: 'CONNECTED', reconnectBy: deadline });

      // A refresh moves the rolling window forward; the date a person must act by stays put.
      clock.advance(HOUR + 60_000);
      const refreshed = await check(server, await relogin(email), config.id);
      expect(refreshed.body.data?.checkQuickBooksConnection.connectionStatus).toMatchObject({
        state: 'CONNECTED',
        reconnectBy: deadline,
      });

      // Mobius is away longer than the rolling window: the token is dead, and the next check says so.
      clock.advance(4 * DAY);
      const lost = await check(server, await relogin(email), config.id);
      expect(lost.body.data?.checkQuickBooksConnection).toMatchObject({
        lastErrorCode: 'INVALID_GRANT',
        connectionStatus: { state: 'LOST', message: LOST, reconnectBy: null },
      });
      expect(await row(config.id)).toMatchObject({ state: 'LOST', lastErrorCode: 'INVALID_GRANT' });
    } finally {
      intuit.controls.setLifetimes(lifetimes);
    }
  });

  it('keeps trying to store a new refresh token value while it holds the lease (strict: the only copy)', async () => {
    intuit.controls.setStrictRotation(true);
    const { session, config } = await connectedAccount();
    clock.advance(HOUR + 60_000);
    const before = refreshCalls();
    // Kept unbound on purpose: the spy below calls it with the builder as `this`.
    // eslint-disable-next-line @typescript-eslint/unbound-method
    const execute = UpdateQueryBuilder.prototype.execute;
    let failures = 0;
    const spy = jest.spyOn(UpdateQueryBuilder.prototype, 'execute').mockImplementation(function (
      this: UpdateQueryBuilder<object>,
    ) {
      const values = this.expressionMap.valuesSet as Record<string, unknown> | undefined;
      if (values && 'refreshTokenSealed' in values && 'tokenVersion' in values && failures < 6) {
        failures += 1;
        return Promise.reject(new Error('injected: the database is away for a few seconds'));
      }
      return execute.call(this);
    });
    try {
      const res = await check(server, session, config.id);
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data?.checkQuickBooksConnection.connectionStatus.state).toBe('CONNECTED');
    } finally {
      spy.mockRestore();
    }
    expect(failures).toBe(6);
    expect(refreshCalls() - before).toBe(1);
    const stored = await storedRefreshToken(config.id, session.accountId);
    expect(stored).toBe(intuit.controls.latestRefreshToken(DEMO_REALM));
    // And the next refresh presents the stored value, which Intuit still accepts.
    clock.advance(HOUR + 60_000);
    const next = await check(server, session, config.id);
    expect(next.body.data?.checkQuickBooksConnection.connectionStatus.state).toBe('CONNECTED');
    expect(intuit.controls.refreshCallsFor(stored)).toBe(1);
    expect(server.logs.join('').match(/"event":"quickbooks\.token_persist_failed"/g)?.length).toBeGreaterThanOrEqual(6);
  });

  it('stores the same refresh token value Intuit answers all day, then the new one (strict reading)', async () => {
    intuit.controls.setLifetimes({ refreshTokenRotationSeconds: 24 * 3600 });
    intuit.controls.setStrictRotation(true);
    const { email, config } = await connectedAccount();
    const first = intuit.controls.latestRefreshToken(DEMO_REALM) as string;
    const firstExpiry = (await row(config.id)).refreshTokenExpiresAt;
    for (const step of [1, 2, 3]) {
      clock.advance(8 * HOUR + 60_000); // past the access token each time; the third step is past a day
      const session = await relogin(email);
      const res = await check(server, session, config.id);
      expect(res.body.data?.checkQuickBooksConnection.connectionStatus.state).toBe('CONNECTED');
      const stored = await storedRefreshToken(config.id, session.accountId);
      expect(Number((await row(config.id)).tokenVersion)).toBe(1 + step);
      if (step < 3) {
        expect(stored).toBe(first);
        // Same value, same end of its window: Intuit's x_refresh_token_expires_in shrank.
        expect((await row(config.id)).refreshTokenExpiresAt).toEqual(firstExpiry);
      } else {
        expect(stored).not.toBe(first);
        expect(stored).toBe(intuit.controls.latestRefreshToken(DEMO_REALM));
        expect(new Date((await row(config.id)).refreshTokenExpiresAt as string).getTime()).toBeGreaterThan(
          new Date(firstExpiry as string).getTime(),
        );
      }
    }
    expect(intuit.controls.refreshCallsFor(first)).toBe(3);
    const mine = new Set([first, intuit.controls.latestRefreshToken(DEMO_REALM)]);
    expect(intuit.state.tokenRequests.filter((r) => mine.has(r.refreshToken) && r.status !== 200)).toHaveLength(0);
  });
});
