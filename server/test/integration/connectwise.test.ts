import { listenOnLoopback } from '../../src/simulators/http';
import {
  benchCredentials,
  DEMO_CREDENTIALS,
  DEMO_NO_FINANCE_CREDENTIALS,
  startConnectWiseSimulator,
  type ConnectWiseSimulator,
} from '../../src/simulators/connectwise';
import type { RunningServer } from '../../src/simulators/http';
import { testDialects } from '../support/databases';
import {
  createVerifiedAccount,
  errorOf,
  gql,
  PRODUCTION_ENV,
  startTestServer,
  STRONG_PASSWORD,
  type TestServer,
} from '../support/test-server';

const SAVE = `mutation($input: ConnectWiseInput!) {
  saveConnectWise(input: $input) {
    id site companyId publicKey privateKeyHint companyName codebase validatedAt
    status { state message checkedAt reconnectBy }
  }
}`;
const ME = '{ me { connectWise { id site companyId publicKey privateKeyHint companyName status { state message } } } }';
const CHECK = 'mutation($force: Boolean!) { checkConnectWiseConnection(force: $force) { status { state message } } }';
const DISCONNECT = 'mutation($currentPassword: String) { disconnectConnectWise(currentPassword: $currentPassword) }';
const STATUS =
  '{ connectionStatus { connectWise { state message } quickBooks { id name connectionStatus { state } } } }';
const ADD_QUICKBOOKS = 'mutation($name: String!) { addQuickBooksCompany(name: $name) { id } }';
const CREATE_API_TOKEN = 'mutation($name: String!) { createApiToken(name: $name) { token } }';
const SENTINEL_PRIVATE = 'SENTINEL-PRIVATE-9f3c71d2';

describe.each(testDialects)('ConnectWise PSA connection on %s', (dialect) => {
  let server: TestServer;
  let psa: RunningServer & ConnectWiseSimulator;
  let closedPort: number;

  beforeAll(async () => {
    psa = await startConnectWiseSimulator();
    const probe = await listenOnLoopback(() => undefined);
    closedPort = probe.port;
    await probe.close();
    server = await startTestServer({
      dialect,
      env: { CONNECTWISE_ALLOW_HTTP: '1', CONNECTWISE_CLIENT_ID: '00000000-0000-4000-8000-00000000c11e' },
    });
  });
  afterAll(async () => {
    await server?.close();
    await psa?.close();
  });
  beforeEach(() => psa.controls.reset());

  const demoInput = (overrides: Record<string, string> = {}) => ({ site: psa.url, ...DEMO_CREDENTIALS, ...overrides });
  const rows = async () =>
    await server.db.dataSource.query<Array<Record<string, unknown>>>('SELECT * FROM connectwise_connections');

  it('takes the host of an address pasted from the browser bar, and keeps scheme and port for the simulator', async () => {
    const { token } = await createVerifiedAccount(server, 'cw.pasted@acme-msp.test');
    const pasted = `${psa.url}/v4_6_release/ConnectWise.aspx?locale=en_US#startscreen`;
    const res = await gql(server.url, SAVE, { input: demoInput({ site: pasted }) }, { token });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toMatchObject({ saveConnectWise: { site: psa.url, status: { state: 'CONNECTED' } } });
    expect(await rows()).toContainEqual(expect.objectContaining({ site: psa.url, companyId: 'mobius_demo' }));
    // Only the host was dialled: no request went to the pasted page.
    expect(psa.controls.requests().map((r) => r.path)).not.toContainEqual(expect.stringContaining('ConnectWise.aspx'));
  });

  it('validates the demo company live, stores it and shows it without the private key', async () => {
    const { token } = await createVerifiedAccount(server, 'cw.ok@acme-msp.test');
    const res = await gql(server.url, SAVE, { input: demoInput({ site: `${psa.url}/` }) }, { token });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data).toEqual({
      saveConnectWise: {
        id: expect.any(String),
        site: psa.url,
        companyId: 'mobius_demo',
        publicKey: 'DemoPublicKey01',
        privateKeyHint: '6789',
        companyName: expect.any(String),
        codebase: 'v2025_1/',
        validatedAt: expect.any(String),
        status: { state: 'CONNECTED', message: null, checkedAt: expect.any(String), reconnectBy: null },
      },
    });
    expect(res.raw).not.toContain(DEMO_CREDENTIALS.privateKey);
    const me = await gql(server.url, ME, {}, { token });
    expect(me.body.data).toMatchObject({
      me: { connectWise: { companyId: 'mobius_demo', status: { state: 'CONNECTED' } } },
    });
    // Validation used the real API: companyinfo, system/info, then the finance permission probe.
    const paths = psa.controls.requests().map((r) => r.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/v2025_1/apis/3.0/system/info',
        '/v2025_1/apis/3.0/finance/accounting/unpostedinvoices',
      ]),
    );
  });

  it('stores the private key only encrypted and never logs it', async () => {
    const { token } = await createVerifiedAccount(server, 'cw.sealed@acme-msp.test');
    // The sentinel key is refused by the simulator: nothing may be stored, and it must not leak anywhere.
    const refused = await gql(server.url, SAVE, { input: demoInput({ privateKey: SENTINEL_PRIVATE }) }, { token });
    expect(errorOf(refused).code).toBe('CONNECTWISE_INVALID_KEYS');
    expect(refused.raw).not.toContain(SENTINEL_PRIVATE);
    await gql(server.url, SAVE, { input: demoInput() }, { token });
    const dump = JSON.stringify(await rows());
    for (const secret of [DEMO_CREDENTIALS.privateKey, SENTINEL_PRIVATE]) {
      for (const form of [secret, Buffer.from(secret).toString('base64'), Buffer.from(secret).toString('hex')]) {
        expect(dump).not.toContain(form);
      }
    }
    expect(dump).toContain('"privateKeyHint":"6789"');
    expect(server.logs.join('')).not.toContain(DEMO_CREDENTIALS.privateKey);
    expect(server.logs.join('')).not.toContain(SENTINEL_PRIVATE);
  });

  it.each([
    [
      'an unreachable site',
      () => ({ site: `http://127.0.0.1:${closedPort}` }),
      'CONNECTWISE_SITE_UNREACHABLE',
      'site',
      /reach|connect/i,
    ],
    [
      'an unknown company',
      () => ({ companyId: 'no_such_company' }),
      'CONNECTWISE_COMPANY_NOT_FOUND',
      'companyId',
      /no company "no_such_company"/,
    ],
    [
      'wrong keys',
      () => ({ privateKey: 'WrongPrivateKey-000000' }),
      'CONNECTWISE_INVALID_KEYS',
      'publicKey',
      /did not accept the Public Key and Private Key/,
    ],
    [
      'keys without finance rights',
      () => ({ publicKey: DEMO_NO_FINANCE_CREDENTIALS.publicKey, privateKey: DEMO_NO_FINANCE_CREDENTIALS.privateKey }),
      'CONNECTWISE_MISSING_PERMISSIONS',
      'publicKey',
      /Finance › Accounting Interface/,
    ],
  ])('names %s and stores nothing', async (_label, overrides, code, field, message) => {
    const { token } = await createVerifiedAccount(server, `cw.fail.${code.toLowerCase()}@acme-msp.test`);
    const res = await gql(server.url, SAVE, { input: demoInput(overrides()) }, { token });
    expect(errorOf(res)).toMatchObject({ code, field });
    expect(errorOf(res).message).toMatch(message);
    expect(res.raw).not.toMatch(/stack|node_modules/);
    expect((await gql(server.url, ME, {}, { token })).body.data).toEqual({ me: { connectWise: null } });
  });

  it('keeps the previous working connection when a new save fails', async () => {
    const { token } = await createVerifiedAccount(server, 'cw.keep@acme-msp.test');
    await gql(server.url, SAVE, { input: demoInput() }, { token });
    const before = JSON.stringify(await rows());
    const res = await gql(
      server.url,
      SAVE,
      { input: { ...demoInput({ privateKey: 'AnotherWrongKey-1234' }), currentPassword: STRONG_PASSWORD } },
      { token },
    );
    expect(errorOf(res).code).toBe('CONNECTWISE_INVALID_KEYS');
    expect(JSON.stringify(await rows())).toBe(before);
    const me = await gql(server.url, ME, {}, { token });
    expect(me.body.data).toMatchObject({
      me: { connectWise: { privateKeyHint: '6789', status: { state: 'CONNECTED' } } },
    });
  });

  it('asks for the current password before replacing a saved connection, and never for the first one', async () => {
    const { token } = await createVerifiedAccount(server, 'cw.reauth@acme-msp.test');
    const first = await gql(server.url, SAVE, { input: demoInput() }, { token });
    expect(first.body.errors).toBeUndefined();
    const before = JSON.stringify(await rows());
    psa.controls.addBenchTenant({ companyId: 'other_msp', invoices: 1, companies: 1 });
    const other = { site: psa.url, ...benchCredentials('other_msp') };
    const calls = psa.controls.requests().length;

    const missing = await gql(server.url, SAVE, { input: other }, { token });
    expect(errorOf(missing)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'currentPassword',
      message: expect.stringMatching(/current password/i),
    });
    const wrong = await gql(
      server.url,
      SAVE,
      { input: { ...other, currentPassword: 'Not my password 1234' } },
      { token },
    );
    expect(errorOf(wrong)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'currentPassword',
      message: 'The current password is incorrect.',
    });
    // Even the same site, company and keys again count as replacing them.
    const same = await gql(server.url, SAVE, { input: demoInput() }, { token });
    expect(errorOf(same)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'currentPassword' });
    expect(psa.controls.requests().length).toBe(calls);
    expect(JSON.stringify(await rows())).toBe(before);
    expect(server.logs.join('')).not.toContain('Not my password 1234');

    const right = await gql(server.url, SAVE, { input: { ...other, currentPassword: STRONG_PASSWORD } }, { token });
    expect(right.body.errors).toBeUndefined();
    expect(right.body.data).toMatchObject({ saveConnectWise: { companyId: 'other_msp' } });
  });

  it('throttles wrong current passwords like logins, parallel ones included', async () => {
    const { token } = await createVerifiedAccount(server, 'cw.reauth.throttle@acme-msp.test');
    await gql(server.url, SAVE, { input: demoInput() }, { token });
    const attempts = await Promise.all(
      Array.from({ length: 15 }, (_, i) =>
        gql(server.url, SAVE, { input: { ...demoInput(), currentPassword: `Wrong password number ${i}` } }, { token }),
      ),
    );
    const codes = attempts.map((res) => errorOf(res).code);
    expect(codes.filter((code) => code === 'BAD_USER_INPUT')).toHaveLength(10);
    expect(codes.filter((code) => code === 'RATE_LIMITED')).toHaveLength(5);
    // Paused even with the right password now.
    const right = await gql(
      server.url,
      SAVE,
      { input: { ...demoInput(), currentPassword: STRONG_PASSWORD } },
      { token },
    );
    expect(errorOf(right)).toMatchObject({
      code: 'RATE_LIMITED',
      message: expect.stringMatching(/try again in 15 minutes/),
    });
  });

  it('answers throttling by ConnectWise with RATE_LIMITED and a wait', async () => {
    const { token } = await createVerifiedAccount(server, 'cw.throttled@acme-msp.test');
    psa.controls.setFaults({ throttle: true, retryAfterSeconds: 120 });
    const res = await gql(server.url, SAVE, { input: demoInput() }, { token });
    expect(errorOf(res).code).toBe('RATE_LIMITED');
    expect(errorOf(res).message).toMatch(/ConnectWise PSA is limiting requests\. Please try again in 2 minutes\./);
  });

  it.each([
    [{ site: '' }, 'site'],
    [{ site: 'file:///etc/passwd' }, 'site'],
    [{ site: 'gopher://127.0.0.1:3306' }, 'site'],
    [{ site: 'na.myconnectwise.net/some/path' }, 'site'],
    [{ site: 'na.myconnect wise.net' }, 'site'],
    [{ site: 'https://user:pw@na.myconnectwise.net' }, 'site'],
    [{ site: 'x'.repeat(301) }, 'site'],
    [{ companyId: '' }, 'companyId'],
    [{ companyId: "acme' OR '1'='1" }, 'companyId'],
    [{ publicKey: '' }, 'publicKey'],
    [{ publicKey: 'pub:lic' }, 'publicKey'],
    [{ publicKey: 'abc\r\nX-Injected: 1' }, 'publicKey'],
    [{ privateKey: '' }, 'privateKey'],
    [{ privateKey: 'k'.repeat(257) }, 'privateKey'],
  ])('refuses %j before calling anything, naming the field', async (overrides: Record<string, string>, field) => {
    const { token } = await createVerifiedAccount(
      server,
      `cw.bad.${field}.${Math.random().toString(36).slice(2, 8)}@acme-msp.test`,
    );
    const before = psa.controls.requests().length;
    const res = await gql(server.url, SAVE, { input: demoInput(overrides) }, { token });
    expect(errorOf(res)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(psa.controls.requests().length).toBe(before);
    expect(await rows()).not.toContainEqual(
      expect.objectContaining({ accountId: expect.anything(), companyId: overrides.companyId ?? '__none__' }),
    );
  });

  it('refuses unknown input fields and anonymous callers', async () => {
    const { token } = await createVerifiedAccount(server, 'cw.shape@acme-msp.test');
    const extra = await gql(server.url, SAVE, { input: { ...demoInput(), accountId: 'someone-else' } }, { token });
    expect(errorOf(extra).code).toBe('BAD_USER_INPUT');
    expect(extra.status).toBe(400);
    expect(errorOf(await gql(server.url, SAVE, { input: demoInput() })).code).toBe('UNAUTHENTICATED');
  });

  it('re-checks a stale connection, and marks it LOST when its keys stop working', async () => {
    const { token } = await createVerifiedAccount(server, 'cw.recheck@acme-msp.test');
    await gql(server.url, SAVE, { input: demoInput() }, { token });
    const calls = psa.controls.requests().length;
    const fresh = await gql(server.url, CHECK, { force: false }, { token });
    expect(fresh.body.data).toEqual({ checkConnectWiseConnection: { status: { state: 'CONNECTED', message: null } } });
    expect(psa.controls.requests().length).toBe(calls);

    psa.controls.setFaults({ failNext5xx: 4, failStatus: 503 });
    const outage = await gql(server.url, CHECK, { force: true }, { token });
    expect(outage.body.data).toMatchObject({ checkConnectWiseConnection: { status: { state: 'CONNECTED' } } });

    psa.controls.reset();
    psa.controls.revokeKeys('mobius_demo', 'DemoPublicKey01');
    const lost = await gql(server.url, CHECK, { force: true }, { token });
    expect(lost.body.data).toMatchObject({
      checkConnectWiseConnection: {
        status: { state: 'LOST', message: expect.stringMatching(/did not accept the Public Key/) },
      },
    });
  });

  it('keeps a save made while an older re-check was waiting on ConnectWise, and drops that re-check’s result', async () => {
    const { token } = await createVerifiedAccount(server, 'cw.race@acme-msp.test');
    await gql(server.url, SAVE, { input: demoInput() }, { token });
    psa.controls.addBenchTenant({ companyId: 'second_msp', invoices: 2, companies: 1 });

    // The dashboard's re-check with the stored keys is held at ConnectWise…
    psa.controls.hold({ publicKey: DEMO_CREDENTIALS.publicKey });
    const recheck = gql(server.url, CHECK, { force: true }, { token });
    await psa.controls.whenHeld(1);
    // …while the person saves another company and keys.
    const second = { site: psa.url, ...benchCredentials('second_msp') };
    const saved = await gql(server.url, SAVE, { input: { ...second, currentPassword: STRONG_PASSWORD } }, { token });
    expect(saved.body.errors).toBeUndefined();
    // The old keys stop working before ConnectWise answers the held re-check: its verdict would be LOST.
    psa.controls.revokeKeys('mobius_demo', DEMO_CREDENTIALS.publicKey);
    psa.controls.release();

    const stale = await recheck;
    expect(stale.body.errors).toBeUndefined();
    expect(stale.body.data).toEqual({ checkConnectWiseConnection: { status: { state: 'CONNECTED', message: null } } });
    const me = await gql(server.url, ME, {}, { token });
    expect(me.body.data).toMatchObject({
      me: {
        connectWise: {
          companyId: 'second_msp',
          publicKey: second.publicKey,
          privateKeyHint: second.privateKey.slice(-4),
          status: { state: 'CONNECTED', message: null },
        },
      },
    });
    // The stored keys are the new ones: a fresh check with them passes.
    const again = await gql(server.url, CHECK, { force: true }, { token });
    expect(again.body.data).toEqual({ checkConnectWiseConnection: { status: { state: 'CONNECTED', message: null } } });
  });

  describe('disconnectConnectWise', () => {
    const status = async (token: string) =>
      (
        await gql<{
          connectionStatus: {
            connectWise: { state: string; message: string | null };
            quickBooks: Array<{ id: string; name: string; connectionStatus: { state: string } }>;
          };
        }>(server.url, STATUS, {}, { token })
      ).body.data?.connectionStatus;

    it('forgets the keys after the current password, leaves QuickBooks as it is, and is idempotent', async () => {
      const { token, accountId } = await createVerifiedAccount(server, 'cw.disconnect@acme-msp.test');
      expect((await gql(server.url, SAVE, { input: demoInput() }, { token })).body.errors).toBeUndefined();
      const quickBooksBefore = (await status(token))?.quickBooks;
      expect(quickBooksBefore).toEqual([
        { id: expect.any(String), name: 'Default', connectionStatus: { state: 'NOT_CONNECTED' } },
      ]);

      // As for replacing the keys: without the password, nothing changes.
      for (const [currentPassword, message] of [
        [null, /Enter your current password to disconnect ConnectWise PSA/],
        ['Not the password 123', /The current password is incorrect/],
      ] as const) {
        const refused = await gql(server.url, DISCONNECT, { currentPassword }, { token });
        expect(errorOf(refused)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'currentPassword' });
        expect(errorOf(refused).message).toMatch(message);
        expect((await status(token))?.connectWise.state).toBe('CONNECTED');
      }

      const res = await gql(server.url, DISCONNECT, { currentPassword: STRONG_PASSWORD }, { token });
      expect(res.body).toEqual({ data: { disconnectConnectWise: true } });
      expect(await status(token)).toEqual({
        connectWise: { state: 'NOT_CONNECTED', message: expect.stringContaining('not configured') },
        quickBooks: quickBooksBefore,
      });
      expect((await gql(server.url, ME, {}, { token })).body.data).toEqual({ me: { connectWise: null } });
      // The row with the sealed keys is gone from the database.
      expect(await rows()).not.toContainEqual(expect.objectContaining({ accountId }));
      expect(server.logs.join('')).toContain('connectwise.disconnected');

      // Idempotent: a second call (with or without the password) succeeds and reports nothing was removed.
      for (const currentPassword of [STRONG_PASSWORD, null]) {
        const again = await gql(server.url, DISCONNECT, { currentPassword }, { token });
        expect(again.body).toEqual({ data: { disconnectConnectWise: false } });
      }
      expect((await status(token))?.connectWise.state).toBe('NOT_CONNECTED');
    });

    it('makes adding QuickBooks Online answer CONNECTWISE_REQUIRED, and a new save needs no password', async () => {
      const { token } = await createVerifiedAccount(server, 'cw.after@acme-msp.test');
      await gql(server.url, SAVE, { input: demoInput() }, { token });
      await gql(server.url, DISCONNECT, { currentPassword: STRONG_PASSWORD }, { token });

      const check = await gql(server.url, CHECK, { force: true }, { token });
      expect(check.body).toEqual({ data: { checkConnectWiseConnection: null } });
      const added = await gql(server.url, ADD_QUICKBOOKS, { name: 'EMEA' }, { token });
      expect(errorOf(added)).toMatchObject({ code: 'CONNECTWISE_REQUIRED', message: expect.stringMatching(/first/) });
      const [config] = (await status(token))?.quickBooks ?? [];
      expect(config?.name).toBe('Default');
      // Imports: see imports.test.ts › "a ConnectWise PSA disconnect stops…".

      // Connecting again is a first save: no password is asked.
      const saved = await gql(server.url, SAVE, { input: demoInput() }, { token });
      expect(saved.body.errors).toBeUndefined();
      expect((await status(token))?.connectWise.state).toBe('CONNECTED');
    });

    it('drops the answer of a re-check that was waiting on ConnectWise while the keys were forgotten', async () => {
      const { token, accountId } = await createVerifiedAccount(server, 'cw.disconnect.race@acme-msp.test');
      await gql(server.url, SAVE, { input: demoInput() }, { token });
      psa.controls.hold({ publicKey: DEMO_CREDENTIALS.publicKey });
      const recheck = gql(server.url, CHECK, { force: true }, { token });
      await psa.controls.whenHeld(1);
      const res = await gql(server.url, DISCONNECT, { currentPassword: STRONG_PASSWORD }, { token });
      expect(res.body).toEqual({ data: { disconnectConnectWise: true } });
      psa.controls.release();

      expect((await recheck).body).toEqual({ data: { checkConnectWiseConnection: null } });
      expect(await rows()).not.toContainEqual(expect.objectContaining({ accountId }));
      expect((await status(token))?.connectWise.state).toBe('NOT_CONNECTED');
    });

    it('is refused to API tokens and to anonymous callers, and changes nothing', async () => {
      const { token, accountId } = await createVerifiedAccount(server, 'cw.disconnect.token@acme-msp.test');
      await gql(server.url, SAVE, { input: demoInput() }, { token });
      const created = await gql<{ createApiToken: { token: string } }>(
        server.url,
        CREATE_API_TOKEN,
        { name: 'Status board' },
        { token },
      );
      const apiToken = created.body.data?.createApiToken.token as string;
      expect(apiToken).toMatch(/^mob_/);

      const byToken = await gql(server.url, DISCONNECT, { currentPassword: STRONG_PASSWORD }, { token: apiToken });
      expect(errorOf(byToken).code).toBe('FORBIDDEN');
      expect(byToken.body.data ?? null).toBeNull();
      const anonymous = await gql(server.url, DISCONNECT, { currentPassword: STRONG_PASSWORD });
      expect(errorOf(anonymous).code).toBe('UNAUTHENTICATED');

      expect(await rows()).toContainEqual(expect.objectContaining({ accountId, state: 'CONNECTED' }));
      // The API token still reads the status.
      expect((await status(apiToken))?.connectWise.state).toBe('CONNECTED');
    });
  });
});

describe('ConnectWise PSA site guard in production', () => {
  it.each([
    '127.0.0.1',
    'localhost',
    '169.254.169.254',
    '10.0.0.8',
    'http://na.myconnectwise.net',
    'https://na.myconnectwise.net:8443',
    // An address pasted from the browser bar is reduced to its host, which is then guarded as before.
    'https://169.254.169.254/latest/meta-data/',
    'https://localhost/v4_6_release/ConnectWise.aspx?locale=en_US',
  ])('refuses the site %j without sending anything', async (site) => {
    const server = await startTestServer({
      dialect: 'sqlite',
      env: PRODUCTION_ENV,
    });
    try {
      const { token } = await createVerifiedAccount(server, 'cw.ssrf@acme-msp.test');
      const res = await gql(server.url, SAVE, { input: { site, ...DEMO_CREDENTIALS } }, { token });
      expect(errorOf(res)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'site' });
    } finally {
      await server.close();
    }
  });
});
