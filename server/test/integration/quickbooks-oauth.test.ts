import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { startConnectWiseSimulator, type ConnectWiseSimulator } from '../../src/simulators/connectwise';
import type { RunningServer } from '../../src/simulators/http';
import { completeAuthorization, type RunningIntuitSimulator } from '../../src/simulators/intuit';
import { testDialects } from '../support/databases';
import { perTestClock } from '../support/test-clock';
import {
  beginAuth,
  connectQuickBooks,
  CONNECTWISE_TEST_ENV,
  defaultConfiguration,
  DEMO_REALM,
  getConfiguration,
  hitCallback,
  NORTHWIND_REALM,
  QB,
  saveConnectWise,
  signIn,
  type QbConfig,
  type Session,
} from '../support/quickbooks';
import { gql, startTestServer, type TestServer } from '../support/test-server';

const ACCOUNTING_SCOPE = 'com.intuit.quickbooks.accounting';

describe.each(testDialects)('Connect to QuickBooks (Intuit OAuth) on %s', (dialect) => {
  let server: TestServer;
  let intuit: RunningIntuitSimulator;
  let psa: RunningServer & ConnectWiseSimulator;
  const clock = perTestClock(new Date());
  /** Every answer our server gave in this suite (bodies and headers), for the final sentinel scan. */
  const answers: string[] = [];
  const realFetch = global.fetch;

  beforeAll(async () => {
    psa = await startConnectWiseSimulator();
    server = await startTestServer({ dialect, intuit: true, clock, env: CONNECTWISE_TEST_ENV });
    intuit = server.intuit as RunningIntuitSimulator;
    global.fetch = async (input, init) => {
      const response = await realFetch(input, init);
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (url.startsWith(server.url)) {
        answers.push(JSON.stringify([...response.headers]), await response.clone().text());
      }
      return response;
    };
  });
  afterAll(async () => {
    global.fetch = realFetch;
    await server?.close();
    await psa?.close();
  });
  beforeEach(() => intuit.controls.clearFaults());

  async function readyAccount(email: string): Promise<{ session: Session; config: QbConfig }> {
    const session = await signIn(server, email);
    await saveConnectWise(server, session, psa.url);
    return { session, config: await defaultConfiguration(server, session) };
  }

  const rowOf = async (id: string) =>
    (
      await server.db.dataSource.query<Array<Record<string, unknown>>>(
        'SELECT * FROM quickbooks_configurations WHERE id = ?',
        [id],
      )
    )[0];
  const page = (id: string, query: string) => `${server.url}/quickbooks/${id}?${query}`;
  const tokenCalls = () => intuit.controls.counters().tokenCalls;

  it('connects Default through Intuit sign-in and company picker, and comes back Connected', async () => {
    const { session, config } = await readyAccount('qb.flow@acme-msp.test');
    const codesBefore = tokenCalls().authorization_code;
    intuit.controls.setIntuitTid('T-123-connect');
    const authorizationUrl = await beginAuth(server, session, config.id);
    const url = new URL(authorizationUrl);
    expect(`${url.origin}${url.pathname}`).toBe(intuit.urls.authorize);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'mobius-simulator-client',
      redirect_uri: `${server.url}/oauth/quickbooks/callback`,
      response_type: 'code',
      scope: ACCOUNTING_SCOPE,
      state: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });

    const outcome = await completeAuthorization(authorizationUrl, { realmId: DEMO_REALM });
    expect(outcome).toMatchObject({ realmId: DEMO_REALM, state: url.searchParams.get('state') });
    const back = await hitCallback(server, outcome.location, session.cookie);
    intuit.controls.setIntuitTid(null);
    expect(back).toEqual({ status: 302, location: page(config.id, 'connected=1') });

    const connected = await getConfiguration(server, session, config.id);
    expect(connected).toMatchObject({
      realmId: DEMO_REALM,
      companyName: 'Sandbox Company US 1',
      statusReason: null,
      lastErrorCode: null,
      connectionStatus: { state: 'CONNECTED', message: null },
    });
    // Reconnect deadline: connectedAt + 180 days (Intuit's hard expiry, five years here, is later); the
    // refresh token's rolling ~100-day window is no deadline (every refresh moves it).
    const connectedAt = new Date(connected?.connectedAt as string).getTime();
    const reconnectBy = new Date(connected?.connectionStatus.reconnectBy as string).getTime();
    expect(reconnectBy - connectedAt).toBe(180 * 86_400_000);
    expect(tokenCalls().authorization_code - codesBefore).toBe(1);

    const row = await rowOf(config.id);
    expect(row.accessTokenSealed).toMatch(/^v1\./);
    expect(row.refreshTokenSealed).toMatch(/^v1\./);
    expect(Number(row.tokenVersion)).toBe(1);
    const refreshToken = intuit.controls.latestRefreshToken(DEMO_REALM) as string;
    expect(JSON.stringify(row)).not.toContain(refreshToken);

    const logs = server.logs.join('');
    expect(logs).toContain('"event":"quickbooks.connected"');
    expect(logs).toContain('T-123-connect');
    expect(logs).not.toContain(refreshToken);
    expect(fs.existsSync('logs/oAuthClient-log.log')).toBe(false);
  });

  it('completes a flow once: a second hit of the same callback exchanges nothing', async () => {
    const { session, config } = await readyAccount('qb.twice@acme-msp.test');
    const authorizationUrl = await beginAuth(server, session, config.id);
    const outcome = await completeAuthorization(authorizationUrl, { realmId: DEMO_REALM });
    const before = tokenCalls().authorization_code;
    const [first, second] = await Promise.all([
      hitCallback(server, outcome.location, session.cookie),
      hitCallback(server, outcome.location, session.cookie),
    ]);
    expect([first.location, second.location].sort()).toEqual(
      [page(config.id, 'connected=1'), page(config.id, 'error=INVALID_STATE')].sort(),
    );
    const replay = await hitCallback(server, outcome.location, session.cookie);
    expect(replay.location).toBe(page(config.id, 'error=INVALID_STATE'));
    expect(tokenCalls().authorization_code - before).toBe(1);
    expect((await getConfiguration(server, session, config.id))?.connectionStatus.state).toBe('CONNECTED');
  });

  it('refuses a forged or missing state, a wrong realmId, and never redirects elsewhere', async () => {
    const { session, config } = await readyAccount('qb.forged@acme-msp.test');
    const before = tokenCalls().total;
    const forged = randomBytes(32).toString('base64url');
    const cases = [
      `/oauth/quickbooks/callback?code=AB11abc&state=${forged}&realmId=${DEMO_REALM}`,
      `/oauth/quickbooks/callback?code=AB11abc&realmId=${DEMO_REALM}`,
      '/oauth/quickbooks/callback',
      `/oauth/quickbooks/callback?state=${forged}&returnTo=https://evil.test&redirect_uri=//evil.test`,
      `/oauth/quickbooks/callback?state[]=a&state[]=b`,
    ];
    for (const path of cases) {
      const res = await hitCallback(server, `${server.url}${path}`, session.cookie);
      expect(res).toEqual({ status: 302, location: `${server.url}/?error=INVALID_STATE` });
    }
    // A genuine state whose other parameters were tampered with: consumed, nothing exchanged.
    for (const realmId of ['abc', '1'.repeat(40), '']) {
      const authorizationUrl = await beginAuth(server, session, config.id);
      const state = new URL(authorizationUrl).searchParams.get('state') as string;
      const res = await hitCallback(
        server,
        `${server.url}/oauth/quickbooks/callback?code=AB11abc&state=${state}&realmId=${realmId}&returnTo=//evil.test`,
        session.cookie,
      );
      expect(res.location).toBe(page(config.id, 'error=QUICKBOOKS_CONNECT_FAILED'));
    }
    expect(tokenCalls().total).toBe(before);
    expect((await getConfiguration(server, session, config.id))?.connectionStatus.state).toBe('NOT_CONNECTED');
  });

  it('refuses an expired flow (10 minutes) and stores nothing', async () => {
    const { session, config } = await readyAccount('qb.expired@acme-msp.test');
    const authorizationUrl = await beginAuth(server, session, config.id);
    const outcome = await completeAuthorization(authorizationUrl, { realmId: DEMO_REALM });
    clock.advance(10 * 60 * 1000 + 1000);
    const before = tokenCalls().total;
    const res = await hitCallback(server, outcome.location, session.cookie);
    expect(res.location).toBe(page(config.id, 'error=INVALID_STATE'));
    expect(tokenCalls().total).toBe(before);
    expect(await rowOf(config.id)).toMatchObject({ refreshTokenSealed: null, realmId: null, state: 'NOT_CONNECTED' });
  });

  it("attaches nothing when another account (or no session) completes someone's flow", async () => {
    const { session: alice, config: aliceConfig } = await readyAccount('qb.alice@acme-msp.test');
    const { session: mallory, config: malloryConfig } = await readyAccount('qb.mallory@evil.test');
    const authorizationUrl = await beginAuth(server, alice, aliceConfig.id);
    const outcome = await completeAuthorization(authorizationUrl, { realmId: NORTHWIND_REALM });
    const before = tokenCalls().total;
    for (const cookie of [mallory.cookie, undefined, 'mobius_session=garbage']) {
      const res = await hitCallback(server, outcome.location, cookie);
      expect(res.location).toBe(`${server.url}/?error=INVALID_STATE`);
    }
    expect(tokenCalls().total).toBe(before);
    expect((await getConfiguration(server, mallory, malloryConfig.id))?.realmId).toBeNull();
    expect((await getConfiguration(server, alice, aliceConfig.id))?.realmId).toBeNull();
    // Alice's own flow was not burnt by the attempts.
    const res = await hitCallback(server, outcome.location, alice.cookie);
    expect(res.location).toBe(page(aliceConfig.id, 'connected=1'));
  });

  it('returns a denied consent to the page with ACCESS_DENIED and changes nothing', async () => {
    const { session, config } = await readyAccount('qb.denied@acme-msp.test');
    const authorizationUrl = await beginAuth(server, session, config.id);
    const outcome = await completeAuthorization(authorizationUrl, { decision: 'cancel' });
    expect(outcome.error).toBe('access_denied');
    const before = tokenCalls().total;
    const res = await hitCallback(server, outcome.location, session.cookie);
    expect(res.location).toBe(page(config.id, 'error=ACCESS_DENIED'));
    expect(tokenCalls().total).toBe(before);
    expect((await getConfiguration(server, session, config.id))?.connectionStatus.state).toBe('NOT_CONNECTED');
  });

  it('connects a company to only one configuration of the account (QUICKBOOKS_REALM_IN_USE)', async () => {
    const { session, config } = await readyAccount('qb.realm@acme-msp.test');
    expect((await connectQuickBooks(server, session, config.id, DEMO_REALM)).location).toBe(
      page(config.id, 'connected=1'),
    );
    const second = await gql<{ addQuickBooksCompany: QbConfig }>(
      server.url,
      QB.add,
      { name: 'Second' },
      { token: session.token },
    );
    const secondId = second.body.data?.addQuickBooksCompany.id as string;
    const exchanges = tokenCalls().authorization_code;
    const refused = await connectQuickBooks(server, session, secondId, DEMO_REALM);
    expect(refused.location).toBe(page(secondId, `error=QUICKBOOKS_REALM_IN_USE&heldBy=${config.id}`));
    expect(tokenCalls().authorization_code).toBe(exchanges);
    expect(await getConfiguration(server, session, secondId)).toMatchObject({
      realmId: null,
      connectionStatus: { state: 'NOT_CONNECTED' },
    });
    expect((await connectQuickBooks(server, session, secondId, NORTHWIND_REALM)).location).toBe(
      page(secondId, 'connected=1'),
    );
    expect((await getConfiguration(server, session, secondId))?.companyName).toBe('Northwind Traders (Sandbox)');
    // Another account may connect the same company.
    const { session: other, config: otherConfig } = await readyAccount('qb.realm.other@acme-msp.test');
    expect((await connectQuickBooks(server, other, otherConfig.id, DEMO_REALM)).location).toBe(
      page(otherConfig.id, 'connected=1'),
    );
  });

  it('says which configuration holds the company: its id in the address, never its name', async () => {
    const { session, config } = await readyAccount('qb.realm.holder@acme-msp.test');
    const name = 'Northwind "<b>" & Co';
    const added = await gql<{ addQuickBooksCompany: QbConfig }>(server.url, QB.add, { name }, { token: session.token });
    const holderId = added.body.data?.addQuickBooksCompany.id as string;
    expect((await connectQuickBooks(server, session, holderId, NORTHWIND_REALM)).location).toBe(
      page(holderId, 'connected=1'),
    );

    const refused = await connectQuickBooks(server, session, config.id, NORTHWIND_REALM);
    expect(refused.location).toBe(page(config.id, `error=QUICKBOOKS_REALM_IN_USE&heldBy=${holderId}`));
    const query = new URL(refused.location).searchParams;
    expect(Object.fromEntries(query)).toEqual({ error: 'QUICKBOOKS_REALM_IN_USE', heldBy: holderId });
    expect(refused.location).not.toMatch(/Northwind|<|>|"|%3C|%22/i);
    // The page names it from the account's own configurations (the id is scoped to the account).
    expect((await getConfiguration(server, session, query.get('heldBy') as string))?.name).toBe(name);
    const { session: stranger } = await readyAccount('qb.realm.stranger@acme-msp.test');
    expect(await getConfiguration(server, stranger, holderId)).toBeNull();
  });

  it('reconnects a configuration to its own company only; another company needs Disconnect first', async () => {
    const { session, config } = await readyAccount('qb.reconnect@acme-msp.test');
    await connectQuickBooks(server, session, config.id, DEMO_REALM);
    const first = await getConfiguration(server, session, config.id);
    const mismatch = await connectQuickBooks(server, session, config.id, NORTHWIND_REALM);
    expect(mismatch.location).toBe(page(config.id, 'error=QUICKBOOKS_REALM_MISMATCH'));
    expect((await getConfiguration(server, session, config.id))?.realmId).toBe(DEMO_REALM);
    clock.advance(60_000);
    expect((await connectQuickBooks(server, session, config.id, DEMO_REALM)).location).toBe(
      page(config.id, 'connected=1'),
    );
    const again = await getConfiguration(server, session, config.id);
    expect(new Date(again?.connectedAt as string).getTime()).toBeGreaterThan(
      new Date(first?.connectedAt as string).getTime(),
    );
    await gql(server.url, QB.disconnect, { id: config.id }, { token: session.token });
    expect((await connectQuickBooks(server, session, config.id, NORTHWIND_REALM)).location).toBe(
      page(config.id, 'connected=1'),
    );
  });

  it.each([
    ['400 invalid_grant', (sim: RunningIntuitSimulator) => sim.controls.rejectTokenRequests(1, 'authorization_code')],
    ['500 three times', (sim: RunningIntuitSimulator) => sim.controls.failTokenEndpoint(3, 500)],
    ['200 with an error body', (sim: RunningIntuitSimulator) => sim.controls.tokenEndpointErrorBody(1)],
  ])('stores nothing when the code exchange answers %s', async (_label, fault) => {
    const { session, config } = await readyAccount(`qb.exchange.${randomBytes(3).toString('hex')}@acme-msp.test`);
    fault(intuit);
    const res = await connectQuickBooks(server, session, config.id, DEMO_REALM);
    expect(res.location).toBe(page(config.id, 'error=QUICKBOOKS_CONNECT_FAILED'));
    expect(await rowOf(config.id)).toMatchObject({ refreshTokenSealed: null, accessTokenSealed: null, realmId: null });
  });

  it('disconnects: revokes at Intuit, clears the tokens, and is idempotent', async () => {
    const { session, config } = await readyAccount('qb.disconnect@acme-msp.test');
    await connectQuickBooks(server, session, config.id, NORTHWIND_REALM);
    const refreshToken = intuit.controls.latestRefreshToken(NORTHWIND_REALM) as string;
    const revokes = intuit.controls.counters().revokeCalls;
    const res = await gql<{ disconnectQuickBooks: QbConfig }>(server.url, QB.disconnect, { id: config.id }, session);
    expect(res.body.data?.disconnectQuickBooks).toMatchObject({
      realmId: null,
      companyName: null,
      connectedAt: null,
      // Apart from a configuration never connected ('Not connected yet'): this one was, until now.
      connectionStatus: { state: 'NOT_CONNECTED', message: 'Disconnected — connect again to import' },
    });
    expect(intuit.controls.counters().revokeCalls).toBe(revokes + 1);
    const grantId = intuit.state.refreshTokens.get(refreshToken)?.grantId as string;
    expect(intuit.state.grants.get(grantId)?.revokedAt).toBeDefined();
    expect(await rowOf(config.id)).toMatchObject({
      accessTokenSealed: null,
      refreshTokenSealed: null,
      realmId: null,
      state: 'NOT_CONNECTED',
    });
    const again = await gql(server.url, QB.disconnect, { id: config.id }, session);
    expect(again.body.errors).toBeUndefined();
    expect(intuit.controls.counters().revokeCalls).toBe(revokes + 1);
  });

  it('disconnects locally even when Intuit fails to revoke, and says so in the log', async () => {
    const { session, config } = await readyAccount('qb.revokefail@acme-msp.test');
    await connectQuickBooks(server, session, config.id, DEMO_REALM);
    intuit.controls.failRevokeEndpoint(3, 500);
    const res = await gql<{ disconnectQuickBooks: QbConfig }>(server.url, QB.disconnect, { id: config.id }, session);
    expect(res.body.data?.disconnectQuickBooks.connectionStatus.state).toBe('NOT_CONNECTED');
    expect(await rowOf(config.id)).toMatchObject({ refreshTokenSealed: null, realmId: null });
    expect(server.logs.join('')).toContain('"event":"quickbooks.revoke_failed"');
  });

  it('deletes a connected company after revoking its authorization', async () => {
    const { session } = await readyAccount('qb.delete@acme-msp.test');
    const added = await gql<{ addQuickBooksCompany: QbConfig }>(server.url, QB.add, { name: 'Temp' }, session);
    const id = added.body.data?.addQuickBooksCompany.id as string;
    await connectQuickBooks(server, session, id, NORTHWIND_REALM);
    const revokes = intuit.controls.counters().revokeCalls;
    const res = await gql(server.url, QB.remove, { id }, session);
    expect(res.body.data).toEqual({ deleteQuickBooksCompany: true });
    expect(intuit.controls.counters().revokeCalls).toBe(revokes + 1);
    expect(await getConfiguration(server, session, id)).toBeNull();
  });

  it("believes Intuit's Disconnect URL once Intuit confirms: NOT_CONNECTED at once; a forged link changes nothing", async () => {
    const { session, config } = await readyAccount('qb.disconnect-url@acme-msp.test');
    await connectQuickBooks(server, session, config.id, DEMO_REALM);
    const disconnectUrl = `${server.url}/oauth/quickbooks/disconnect?realmId=${DEMO_REALM}`;

    // Anyone can type the link: while Intuit still honours the grant, nothing changes.
    const forged = await hitCallback(server, disconnectUrl, session.cookie);
    expect(forged).toEqual({ status: 302, location: `${server.url}/` });
    expect(await rowOf(config.id)).toMatchObject({ state: 'CONNECTED', realmId: DEMO_REALM });

    // Disconnected inside QuickBooks: Intuit revokes the grant and sends the browser to the Disconnect URL.
    intuit.controls.revokeRealm(DEMO_REALM);
    const back = await hitCallback(server, disconnectUrl, session.cookie);
    expect(back).toEqual({ status: 302, location: page(config.id, 'error=DISCONNECTED_IN_QUICKBOOKS') });
    expect(await rowOf(config.id)).toMatchObject({
      state: 'NOT_CONNECTED',
      realmId: null,
      accessTokenSealed: null,
      refreshTokenSealed: null,
    });
    const status = await gql<{
      connectionStatus: { quickBooks: Array<{ id: string; connectionStatus: { state: string } }> };
    }>(server.url, '{ connectionStatus { quickBooks { id connectionStatus { state } } } }', {}, session);
    expect(status.body.data?.connectionStatus.quickBooks.find((q) => q.id === config.id)?.connectionStatus.state).toBe(
      'NOT_CONNECTED',
    );

    // Without a session, or with a malformed company id, the browser lands on the dashboard.
    expect(await hitCallback(server, disconnectUrl)).toEqual({ status: 302, location: `${server.url}/` });
    expect(
      await hitCallback(server, `${server.url}/oauth/quickbooks/disconnect?realmId=%3Cscript%3E`, session.cookie),
    ).toEqual({ status: 302, location: `${server.url}/` });
  });

  it('never shows a token in clear: database, logs and every answer (sentinel scan)', async () => {
    // Tokens of its own, whichever tests ran before it: a connection, then four refreshes that each rotate both.
    const { session, config } = await readyAccount('qb.sentinel@acme-msp.test');
    expect((await connectQuickBooks(server, session, config.id, DEMO_REALM)).location).toContain('connected=1');
    const lifetimes = intuit.controls.setLifetimes({ refreshTokenRotationSeconds: 0 });
    try {
      for (let i = 0; i < 4; i += 1) {
        clock.advance(60 * 60 * 1000 + 60_000); // past the access token's hour
        const checked = await gql<{ checkQuickBooksConnection: QbConfig }>(
          server.url,
          QB.check,
          { id: config.id },
          session,
        );
        expect(checked.body.data?.checkQuickBooksConnection.connectionStatus.state).toBe('CONNECTED');
      }
    } finally {
      intuit.controls.setLifetimes(lifetimes);
    }
    const issued = [
      ...intuit.state.accessTokens.keys(),
      ...intuit.state.refreshTokens.keys(),
      ...intuit.state.codes.keys(),
    ];
    expect(issued.length).toBeGreaterThan(10);
    const tables = ['quickbooks_configurations', 'single_use_tokens', 'accounts'];
    const dump = JSON.stringify(
      await Promise.all(tables.map((table) => server.db.dataSource.query(`SELECT * FROM ${table}`))),
    );
    const logs = server.logs.join('');
    const responses = answers.join('\n');
    for (const secret of issued) {
      // Codes are sent to us in the callback URL by design; they must still never be stored or logged.
      for (const form of [secret, Buffer.from(secret).toString('base64'), Buffer.from(secret).toString('hex')]) {
        expect(dump).not.toContain(form);
      }
      expect(logs).not.toContain(secret);
      expect(responses).not.toContain(secret);
    }
    expect(responses).toContain('connected=1');
  });
});
