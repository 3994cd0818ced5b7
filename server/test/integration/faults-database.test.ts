import {
  startConnectWiseSimulator,
  QBO_VENDOR_COLLISION_CUSTOMER,
  type ConnectWiseSimulator,
} from '../../src/simulators/connectwise';
import type { RunningServer } from '../../src/simulators/http';
import { startIntuitSimulator, type RunningIntuitSimulator } from '../../src/simulators/intuit';
import { Account } from '../../src/modules/account';
import { QuickBooksConfigurationRecord } from '../../src/modules/quickbooks';
import { SingleUseTokenRecord } from '../../src/modules/tokens/single-use-token.entity';
import { ImportItemRecord } from '../../src/modules/imports/import-item.entity';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/databases';
import { databaseOutage, type DatabaseOutage } from '../support/database-outage';
import { IMPORT, importEnv, qboDocuments, waitForRun, type RunView } from '../support/imports';
import { connectQuickBooks, DEMO_REALM, defaultConfiguration, saveConnectWise, signIn } from '../support/quickbooks';
import { waitUntil } from '../support/wait-until';
import {
  createVerifiedAccount,
  freshIp,
  gql,
  MUTATIONS,
  STRONG_PASSWORD,
  startTestServer,
  tokenFromEmail,
  type GraphQLResponse,
  type TestServer,
} from '../support/test-server';

/**
 * Mobius's database stops while it serves (docs/faults.md): people get a plain 503 SERVICE_UNAVAILABLE and
 * nothing half-written, /healthz says so, an import in progress pauses instead of failing its invoices, and
 * everything works again when the database is back, without restarting Mobius.
 * MySQL: a loopback proxy between Mobius and the shared server is cut (the server itself keeps running).
 * SQLite: another connection holds the file's write lock.
 */

const INVOICES = 90;

/** What a 503 must never show: SQL, driver codes, stack frames. */
const LEAK =
  /select |insert |update |delete |from `|ER_[A-Z_]+|SQLITE_|QueryFailed|ECONN|PROTOCOL_|\bat .+\(.+:\d+:\d+\)/i;

function expectUnavailable(res: GraphQLResponse): void {
  expect(res.status).toBe(503);
  expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
  expect(res.body.errors).toHaveLength(1);
  expect(res.body.errors?.[0]).toEqual({
    message: 'Mobius cannot reach its database just now, so nothing was changed. Please try again in a minute.',
    extensions: expect.objectContaining({ code: 'SERVICE_UNAVAILABLE' }),
    ...(res.body.errors?.[0] && 'path' in res.body.errors[0] ? { path: expect.anything() } : {}),
  });
  expect(res.raw).not.toMatch(LEAK);
  expect(res.raw).not.toContain('stacktrace');
}

describe.each(testDialects)('the database stops, on %s', (dialect) => {
  let db: TestDatabase;
  let outage: DatabaseOutage;
  let server: TestServer;
  let intuit: RunningIntuitSimulator;
  let psa: RunningServer & ConnectWiseSimulator;

  beforeAll(async () => {
    db = await createTestDatabase(dialect);
    outage = await databaseOutage(db, dialect);
    intuit = await startIntuitSimulator();
    psa = await startConnectWiseSimulator({ invoiceCount: INVOICES });
    server = await startTestServer({
      dialect,
      db: outage.db,
      intuit,
      env: importEnv(intuit),
      imports: { retryPolicy: { throttleWaitMs: 300, maxThrottleWaits: 200, transientDelaysMs: [50, 100, 200] } },
    });
  });
  afterAll(async () => {
    await outage?.start();
    await server?.close();
    await outage?.close();
    await intuit?.close();
    await psa?.close();
    await db?.destroy();
  });
  afterEach(async () => {
    await outage.start();
  });

  const accounts = () => db.dataSource.getRepository(Account);

  it('answers 503 SERVICE_UNAVAILABLE in plain words, writes nothing, and serves again once the database is back', async () => {
    const { token } = await createVerifiedAccount(server, `db.down.${dialect}@acme-msp.test`);
    const email = `db.newcomer.${dialect}@acme-msp.test`;
    await outage.stop();

    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toEqual({ status: 'unavailable', database: 'unavailable' });

    expectUnavailable(await gql(server.url, MUTATIONS.signup, { email }, { ip: freshIp() }));
    expectUnavailable(await gql(server.url, MUTATIONS.logout, {}, { token }));
    if (dialect === 'mysql') {
      // The session itself is looked up in the database (before any resolver runs).
      expectUnavailable(await gql(server.url, MUTATIONS.me, {}, { token }));
    }
    const logs = server.logs.join('');
    expect(logs).toContain('"event":"database.unavailable"');

    await outage.start();
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    // Nothing was half-done: no account, no email queued (waiting for queued work reads the database, so only now).
    await server.settle();
    expect(await accounts().findOneBy({ email })).toBeNull();
    expect(server.mail.messages().filter((m) => m.to.some((to) => to.email === email))).toHaveLength(0);
    // The logout did not happen, so the session still works; the sign-up goes through now.
    const me = await gql<{ me: { email: string } }>(server.url, MUTATIONS.me, {}, { token });
    expect(me.body.data?.me.email).toBe(`db.down.${dialect}@acme-msp.test`);
    const signup = await gql(server.url, MUTATIONS.signup, { email }, { ip: freshIp() });
    expect(signup.status).toBe(200);
    expect(signup.body.errors).toBeUndefined();
    await server.settle();
    expect(await accounts().findOneBy({ email })).not.toBeNull();
  });

  it('leaves no half-written rows when the database stops in the middle of a transaction', async () => {
    const email = `db.midway.${dialect}@acme-msp.test`;
    await gql(server.url, MUTATIONS.signup, { email }, { ip: freshIp() });
    await server.settle();
    const link = tokenFromEmail(server.mail, email, '/verify-email');
    const verify = { token: link, password: STRONG_PASSWORD, passwordConfirmation: STRONG_PASSWORD };

    // Setting the password consumes the link, verifies the account and creates its Default configuration in one
    // transaction. MySQL: the server goes away as Mobius sends the last of those statements. SQLite: the file is
    // locked before the transaction can write.
    if (dialect === 'mysql') await outage.stopOnQuery(/^INSERT\s+(IGNORE\s+)?INTO `quickbooks_configurations`/);
    else await outage.stop();
    expectUnavailable(await gql(server.url, MUTATIONS.verifyEmail, verify, { ip: freshIp() }));

    const account = await accounts().findOneByOrFail({ email });
    expect(account).toMatchObject({ emailVerifiedAt: null, passwordHash: null, tokenVersion: 0 });
    const tokens = await db.dataSource.getRepository(SingleUseTokenRecord).findBy({ accountId: account.id });
    expect(tokens.map((t) => t.usedAt)).toEqual(tokens.map(() => null));
    expect(await db.dataSource.getRepository(QuickBooksConfigurationRecord).findBy({ accountId: account.id })).toEqual(
      [],
    );

    // Back: the same link works (it was not used up) and everything the transaction writes is there.
    await outage.start();
    const again = await gql<{ verifyEmail: { account: { emailVerified: boolean } } }>(
      server.url,
      MUTATIONS.verifyEmail,
      verify,
      { ip: freshIp() },
    );
    expect(again.body.errors).toBeUndefined();
    expect(again.body.data?.verifyEmail.account.emailVerified).toBe(true);
    const configurations = await db.dataSource
      .getRepository(QuickBooksConfigurationRecord)
      .findBy({ accountId: account.id });
    expect(configurations.map((c) => c.name)).toEqual(['Default']);
  });

  it('pauses an import while the database is down and resumes it afterwards, every invoice in QuickBooks once', async () => {
    const session = await signIn(server, `db.import.${dialect}@acme-msp.test`);
    await saveConnectWise(server, session, psa.url);
    const configuration = await defaultConfiguration(server, session);
    expect((await connectQuickBooks(server, session, configuration.id, DEMO_REALM)).location).toContain('connected=1');
    const preview = await gql<{ unpostedInvoices: Array<{ companyName: string }> }>(
      server.url,
      IMPORT.preview,
      { id: configuration.id },
      session,
    );
    const invoices = preview.body.data?.unpostedInvoices ?? [];
    expect(invoices).toHaveLength(INVOICES);
    const collided = invoices.filter((invoice) => invoice.companyName === QBO_VENDOR_COLLISION_CUSTOMER).length;
    const created = () => qboDocuments(intuit, DEMO_REALM).size + qboDocuments(intuit, DEMO_REALM, 'CreditMemo').size;

    // QuickBooks answers the second batch slowly; the database stops while it is on its way.
    const before = created();
    intuit.controls.delayQboResponse(1_500, 1, { pathIncludes: 'batch' });
    const started = await gql<{ startImport: RunView }>(
      server.url,
      IMPORT.start,
      { id: configuration.id, ids: null },
      session,
    );
    const runId = started.body.data?.startImport.id as string;
    expect(runId).toBeTruthy();
    await waitUntil('the first batch', () => created() >= before + 20);
    await outage.stop();
    await waitUntil('the run to pause', () =>
      server.logs.some((line) => line.includes('"event":"import.paused_database"')),
    );
    if (dialect === 'mysql') expectUnavailable(await gql(server.url, IMPORT.run, { id: runId }, session));
    await outage.start();

    const finished = await waitForRun(server, session, runId);
    expect(finished).toMatchObject({
      status: 'PARTIAL',
      total: INVOICES,
      succeeded: INVOICES - collided,
      failed: collided,
    });
    // Only QuickBooks' own refusals failed: no invoice failed because of the outage.
    const failures = await db.dataSource.getRepository(ImportItemRecord).findBy({ runId, status: 'FAILED' });
    expect(failures.every((item) => item.companyName === QBO_VENDOR_COLLISION_CUSTOMER)).toBe(true);
    expect(server.logs.join('')).toContain('"event":"import.resuming"');
    const documents = [
      ...qboDocuments(intuit, DEMO_REALM).values(),
      ...qboDocuments(intuit, DEMO_REALM, 'CreditMemo').values(),
    ];
    expect(documents.filter((docs) => docs.length > 1)).toEqual([]);
    expect(created() - before).toBe(INVOICES - collided);
  });
});
