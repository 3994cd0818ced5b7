import { startConnectWiseSimulator, type ConnectWiseSimulator } from '../../src/simulators/connectwise';
import type { RunningServer } from '../../src/simulators/http';
import { testDialects } from '../support/databases';
import {
  configurations,
  CONNECTWISE_TEST_ENV,
  firstError,
  getConfiguration,
  QB,
  saveConnectWise,
  signIn,
  type QbConfig,
  type Session,
} from '../support/quickbooks';
import { gql } from '../support/test-server';
import { useTestServer } from '../support/use-test-server';

describe.each(testDialects)('QuickBooks Online configurations on %s', (dialect) => {
  const server = useTestServer(dialect, { intuit: true, env: CONNECTWISE_TEST_ENV });
  let psa: RunningServer & ConnectWiseSimulator;
  let owner: Session;

  beforeAll(async () => {
    psa = await startConnectWiseSimulator();
    owner = await signIn(server, 'qb.configs@acme-msp.test');
    await saveConnectWise(server, owner, psa.url);
  });
  afterAll(async () => {
    await psa?.close();
  });

  const add = (session: Session, name: unknown) =>
    gql<{ addQuickBooksCompany: QbConfig }>(server.url, QB.add, { name }, { token: session.token });

  it('gives every account one "Default" configuration, not connected yet, created once', async () => {
    const fresh = await signIn(server, 'qb.default@acme-msp.test');
    const [first, second] = await Promise.all([configurations(server, fresh), configurations(server, fresh)]);
    expect(first).toEqual([
      {
        id: expect.any(String),
        name: 'Default',
        isDefault: true,
        realmId: null,
        companyName: null,
        statusReason: null,
        lastErrorCode: null,
        connectedAt: null,
        lastSuccessAt: null,
        connectionStatus: { state: 'NOT_CONNECTED', message: 'Not connected yet', checkedAt: null, reconnectBy: null },
      },
    ]);
    expect(second.map((c) => c.id)).toEqual(first.map((c) => c.id));
    const rows = await server.db.dataSource.query<Array<{ n: number | string }>>(
      'SELECT COUNT(*) AS n FROM quickbooks_configurations WHERE accountId = ?',
      [fresh.accountId],
    );
    expect(Number(rows[0]?.n)).toBe(1);
  });

  it('adds, renames and deletes companies; Default first, then in the order added', async () => {
    const session = await signIn(server, 'qb.crud@acme-msp.test');
    await saveConnectWise(server, session, psa.url);
    const emea = await add(session, '  EMEA Books  ');
    expect(emea.body.errors).toBeUndefined();
    expect(emea.body.data?.addQuickBooksCompany).toMatchObject({
      name: 'EMEA Books',
      isDefault: false,
      connectionStatus: { state: 'NOT_CONNECTED' },
    });
    await add(session, 'Canada');
    expect((await configurations(server, session)).map((c) => c.name)).toEqual(['Default', 'EMEA Books', 'Canada']);

    const id = emea.body.data?.addQuickBooksCompany.id as string;
    const renamed = await gql(server.url, QB.rename, { id, name: 'Europe' }, { token: session.token });
    expect(renamed.body.data).toMatchObject({ renameQuickBooksCompany: { id, name: 'Europe' } });
    const recased = await gql(server.url, QB.rename, { id, name: 'EUROPE' }, { token: session.token });
    expect(recased.body.data).toMatchObject({ renameQuickBooksCompany: { name: 'EUROPE' } });

    const removed = await gql(server.url, QB.remove, { id }, { token: session.token });
    expect(removed.body.data).toEqual({ deleteQuickBooksCompany: true });
    expect((await configurations(server, session)).map((c) => c.name)).toEqual(['Default', 'Canada']);
    expect(firstError(await gql(server.url, QB.remove, { id }, { token: session.token })).code).toBe('NOT_FOUND');
  });

  it('keeps Default: it cannot be renamed or deleted', async () => {
    const [defaultConfig] = await configurations(server, owner);
    const rename = await gql(server.url, QB.rename, { id: defaultConfig?.id, name: 'Main' }, { token: owner.token });
    expect(firstError(rename)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    const remove = await gql(server.url, QB.remove, { id: defaultConfig?.id }, { token: owner.token });
    expect(firstError(remove)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect((await configurations(server, owner))[0]).toMatchObject({ name: 'Default', isDefault: true });
  });

  it.each([
    ['empty', '', /Enter a name/],
    ['whitespace only', '   ', /Enter a name/],
    ['51 characters', 'x'.repeat(51), /at most 50/],
    ['a line break', 'Acme\r\nBcc: a@evil.test', /control characters/],
    ['a NUL', 'Acme\u0000', /control characters/],
    ['a right-to-left override', 'Acme\u202Efdp', /control characters/],
    ['a zero-width space', 'Ac\u200Bme', /control characters/],
    ['a lone surrogate', 'Acme \uD800', /invalid character/],
    ['the name Default in other case', 'dEFAULT', /already have .* named "Default"/],
  ])('refuses a name that is %s, naming the field', async (_label, name, message) => {
    const before = await configurations(server, owner);
    const res = await add(owner, name);
    expect(firstError(res)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    expect(firstError(res).message).toMatch(message);
    expect(await configurations(server, owner)).toHaveLength(before.length);
  });

  it('accepts 50 characters, emoji and markup-looking text as plain names', async () => {
    for (const name of ['y'.repeat(50), 'Zürich 🇨🇭 books', '<script>alert(1)</script>', "' OR '1'='1' -- "]) {
      const res = await add(owner, name);
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data?.addQuickBooksCompany.name).toBe(name.trim());
    }
  });

  it('keeps names unique per account, case-insensitively, also under parallel adds', async () => {
    const session = await signIn(server, 'qb.unique@acme-msp.test');
    await saveConnectWise(server, session, psa.url);
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => add(session, i % 2 ? 'Texas' : 'TEXAS')));
    expect(results.filter((r) => r.body.data?.addQuickBooksCompany)).toHaveLength(1);
    for (const failed of results.filter((r) => r.body.errors)) {
      expect(firstError(failed)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    }
    const other = await add(session, 'Canada');
    const rename = await gql(
      server.url,
      QB.rename,
      { id: other.body.data?.addQuickBooksCompany.id, name: 'texas' },
      { token: session.token },
    );
    expect(firstError(rename)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    // Another account may use the same names.
    const neighbour = await signIn(server, 'qb.neighbour@acme-msp.test');
    await saveConnectWise(server, neighbour, psa.url);
    expect((await add(neighbour, 'Texas')).body.errors).toBeUndefined();
  });

  it('offers QuickBooks only once ConnectWise PSA is validated (CONNECTWISE_REQUIRED)', async () => {
    const session = await signIn(server, 'qb.nocw@acme-msp.test');
    const [defaultConfig] = await configurations(server, session);
    const added = await add(session, 'Second');
    expect(firstError(added).code).toBe('CONNECTWISE_REQUIRED');
    expect(firstError(added).message).toMatch(/ConnectWise PSA/);
    const begin = await gql(server.url, QB.begin, { id: defaultConfig?.id }, { token: session.token });
    expect(firstError(begin).code).toBe('CONNECTWISE_REQUIRED');
    expect(await configurations(server, session)).toHaveLength(1);
  });

  it("never shows or changes another account's configuration", async () => {
    const intruder = await signIn(server, 'qb.intruder@evil.test');
    await saveConnectWise(server, intruder, psa.url);
    const [victimDefault] = await configurations(server, owner);
    const victimId = victimDefault?.id;
    expect(await getConfiguration(server, intruder, victimId)).toBeNull();
    for (const [query, variables] of [
      [QB.rename, { id: victimId, name: 'Mine now' }],
      [QB.remove, { id: victimId }],
      [QB.begin, { id: victimId }],
      [QB.disconnect, { id: victimId }],
      [QB.check, { id: victimId }],
    ] as const) {
      const res = await gql(server.url, query, variables, { token: intruder.token });
      expect(firstError(res).code).toBe('NOT_FOUND');
      expect(res.raw).not.toContain(victimId);
    }
    const status = await gql<{ connectionStatus: { quickBooks: QbConfig[] } }>(
      server.url,
      QB.status,
      {},
      {
        token: intruder.token,
      },
    );
    expect(status.body.data?.connectionStatus.quickBooks.map((c) => c.id)).not.toContain(victimId);
    expect(await getConfiguration(server, owner, victimId)).toMatchObject({ name: 'Default' });
  });

  it('answers odd ids with null or NOT_FOUND, never a 500', async () => {
    for (const id of ['', 'not-a-uuid', "' OR '1'='1", '00000000-0000-4000-8000-000000000000', 'x'.repeat(99)]) {
      const one = await gql(server.url, QB.one, { id }, { token: owner.token });
      expect(one.status).toBe(200);
      expect(one.body.data).toEqual({ quickBooksConfiguration: null });
      expect(firstError(await gql(server.url, QB.check, { id }, { token: owner.token })).code).toBe('NOT_FOUND');
    }
    const huge = await gql(server.url, QB.check, { id: 'x'.repeat(5000) }, { token: owner.token });
    expect(firstError(huge).code).toBe('BAD_USER_INPUT');
  });

  it('requires a signed-in caller for everything', async () => {
    expect(firstError(await gql(server.url, QB.status)).code).toBe('UNAUTHENTICATED');
    expect(firstError(await gql(server.url, QB.add, { name: 'Anon' })).code).toBe('UNAUTHENTICATED');
    expect((await gql(server.url, QB.list)).body.data).toEqual({ me: null });
  });

  it('reports ConnectWise and every QuickBooks configuration in connectionStatus', async () => {
    const res = await gql<{ connectionStatus: { connectWise: { state: string }; quickBooks: QbConfig[] } }>(
      server.url,
      QB.status,
      {},
      { token: owner.token },
    );
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.connectionStatus.connectWise.state).toBe('CONNECTED');
    expect(res.body.data?.connectionStatus.quickBooks[0]).toMatchObject({ name: 'Default', isDefault: true });
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});
