import { DefaultConfigurations1764170000000 } from '../../src/db/migrations/1764170000000-default-configurations';
import { testDialects } from '../support/databases';
import { QB, signIn, type QbConfig } from '../support/quickbooks';
import {
  errorOf,
  freshIp,
  gql,
  MUTATIONS,
  STRONG_PASSWORD,
  startTestServer,
  tokenFromEmail,
  type TestServer,
  resetBudgets,
} from '../support/test-server';

const CREATE_API_TOKEN = 'mutation($name: String!) { createApiToken(name: $name) { token } }';

describe.each(testDialects)('the Default QuickBooks configuration on %s', (dialect) => {
  let server: TestServer;
  let sibling: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ dialect });
    // A second server process on the same database, for the races.
    sibling = await startTestServer({ dialect, db: server.db });
  });
  afterAll(async () => {
    await sibling?.close();
    await server?.close();
  });

  const configurationsOf = async (accountId: string) =>
    await server.db.dataSource.query<Array<{ name: string; isDefault: number | boolean }>>(
      'SELECT name, isDefault FROM quickbooks_configurations WHERE accountId = ? ORDER BY createdAt',
      [accountId],
    );

  const accountIdOf = async (email: string) =>
    (await server.db.dataSource.query<Array<{ id: string }>>('SELECT id FROM accounts WHERE email = ?', [email]))[0]
      ?.id;

  /** Every verification link emailed to `email`, oldest first. */
  const verifyTokens = (email: string) =>
    server.mail
      .messages()
      .filter((m) => m.to.some((a) => a.email === email))
      .map((m) => /\/verify-email\?token=([A-Za-z0-9_-]+)/.exec(m.text ?? '')?.[1])
      .filter((token): token is string => token !== undefined);

  const signUp = async (email: string) => {
    await resetBudgets(server);
    await gql(server.url, MUTATIONS.signup, { email }, { ip: freshIp() });
    await server.settle();
  };

  const verify = (target: TestServer, token: string) =>
    gql<{ verifyEmail: { account: { id: string } } }>(
      target.url,
      MUTATIONS.verifyEmail,
      { token, password: STRONG_PASSWORD, passwordConfirmation: STRONG_PASSWORD },
      { ip: freshIp() },
    );

  it('gives a freshly verified account exactly one Default, before anything reads it', async () => {
    const { accountId } = await signIn(server, 'default.verified@acme-msp.test');
    const rows = await configurationsOf(accountId);
    expect(rows.map((c) => [c.name, Boolean(c.isDefault)])).toEqual([['Default', true]]);
  });

  it('creates none for an account that signed up but has not verified', async () => {
    await signUp('default.pending@acme-msp.test');
    expect(await configurationsOf(await accountIdOf('default.pending@acme-msp.test'))).toEqual([]);
  });

  it('gives the Default to an account that a password reset verifies', async () => {
    const email = 'default.reset@acme-msp.test';
    await signUp(email);
    await gql(server.url, MUTATIONS.requestPasswordReset, { email }, { ip: freshIp() });
    await server.settle();
    const res = await gql(
      server.url,
      MUTATIONS.resetPassword,
      {
        token: tokenFromEmail(server.mail, email, '/reset-password'),
        password: STRONG_PASSWORD,
        passwordConfirmation: STRONG_PASSWORD,
      },
      { ip: freshIp() },
    );
    expect(res.body.errors).toBeUndefined();
    expect((await configurationsOf(await accountIdOf(email))).map((c) => c.name)).toEqual(['Default']);
  });

  it('inserts nothing when a read-only API token reads an account without configurations', async () => {
    const session = await signIn(server, 'default.readonly@acme-msp.test');
    const created = await gql<{ createApiToken: { token: string } }>(
      server.url,
      CREATE_API_TOKEN,
      { name: 'Wallboard' },
      { token: session.token },
    );
    const token = created.body.data?.createApiToken.token as string;
    // An account as it was before verification created the Default (the migration's case).
    await server.db.dataSource.query('DELETE FROM quickbooks_configurations WHERE accountId = ?', [session.accountId]);

    const status = await gql<{ connectionStatus: { quickBooks: QbConfig[] } }>(server.url, QB.status, {}, { token });
    const list = await gql<{ me: { quickBooksConfigurations: QbConfig[] } }>(server.url, QB.list, {}, { token });
    expect(status.body.errors).toBeUndefined();
    expect(status.body.data?.connectionStatus.quickBooks).toEqual([]);
    expect(list.body.data?.me.quickBooksConfigurations).toEqual([]);
    expect(await configurationsOf(session.accountId)).toEqual([]);
  });

  it('creates one Default when two verifications of the account race on two server processes', async () => {
    const email = 'default.race@acme-msp.test';
    await signUp(email);
    await signUp(email);
    const [first, second] = verifyTokens(email);
    expect(first && second && first !== second).toBe(true);

    const answers = await Promise.all([verify(server, first), verify(sibling, second)]);
    expect(answers.some((res) => res.body.data?.verifyEmail)).toBe(true);
    // The loser finds its link voided by the winner; neither fails on the Default.
    for (const res of answers) expect([undefined, 'INVALID_TOKEN']).toContain(errorOf(res).code);
    expect((await configurationsOf(await accountIdOf(email))).map((c) => c.name)).toEqual(['Default']);
  });

  it('never inserts a second Default, however many connections try at once', async () => {
    const { accountId } = await signIn(server, 'default.twice@acme-msp.test');
    const connections = [server.db.dataSource, await server.db.openAnother(), await server.db.openAnother()];
    const { configurations } = server.app.services.quickBooks;
    await Promise.all(
      [...connections, ...connections].map((connection) => configurations.createDefault(accountId, connection.manager)),
    );
    expect((await configurationsOf(accountId)).map((c) => c.name)).toEqual(['Default']);
  });

  it('migrates verified accounts without a Default, once, and leaves the others alone', async () => {
    const lacking = await signIn(server, 'default.migrate@acme-msp.test');
    const kept = await signIn(server, 'default.kept@acme-msp.test');
    await signUp('default.unverified@acme-msp.test');
    await server.db.dataSource.query('DELETE FROM quickbooks_configurations WHERE accountId = ?', [lacking.accountId]);
    const keptBefore = await server.db.dataSource.query<Array<{ id: string }>>(
      'SELECT id FROM quickbooks_configurations WHERE accountId = ?',
      [kept.accountId],
    );

    const runner = server.db.dataSource.createQueryRunner();
    try {
      await new DefaultConfigurations1764170000000().up(runner);
      await new DefaultConfigurations1764170000000().up(runner);
    } finally {
      await runner.release();
    }

    expect((await configurationsOf(lacking.accountId)).map((c) => c.name)).toEqual(['Default']);
    expect(
      await server.db.dataSource.query('SELECT id FROM quickbooks_configurations WHERE accountId = ?', [
        kept.accountId,
      ]),
    ).toEqual(keptBefore);
    expect(await configurationsOf(await accountIdOf('default.unverified@acme-msp.test'))).toEqual([]);
    const res = await gql<{ me: { quickBooksConfigurations: QbConfig[] } }>(server.url, QB.list, {}, lacking);
    expect(res.body.data?.me.quickBooksConfigurations).toEqual([
      expect.objectContaining({
        name: 'Default',
        isDefault: true,
        connectionStatus: expect.objectContaining({ state: 'NOT_CONNECTED' }),
      }),
    ]);
  });
});
