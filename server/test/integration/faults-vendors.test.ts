import { ConnectWiseConnectionRecord } from '../../src/modules/connectwise/connectwise-connection.entity';
import { QuickBooksConfigurationRecord } from '../../src/modules/quickbooks';
import {
  DEMO_CREDENTIALS,
  startConnectWiseSimulator,
  type ConnectWiseSimulator,
} from '../../src/simulators/connectwise';
import type { RunningServer } from '../../src/simulators/http';
import { startIntuitSimulator, type RunningIntuitSimulator } from '../../src/simulators/intuit';
import { IMPORT } from '../support/imports';
import {
  connectQuickBooks,
  CONNECTWISE_TEST_ENV,
  defaultConfiguration,
  firstError,
  QB,
  saveConnectWise,
  signIn,
  type QbConfig,
  type Session,
} from '../support/quickbooks';
import { gql, startTestServer, STRONG_PASSWORD, type GraphQLResponse, type TestServer } from '../support/test-server';
import { perTestClock } from '../support/test-clock';

/**
 * Intuit and ConnectWise PSA fail (docs/faults.md §2): 5xx answers and no answer at all (Mobius's own timeouts,
 * waited out for real). People get a sentence that says what failed and to try again, never a 500; stored
 * connections stay CONNECTED with the failed check noted, their tokens and keys untouched, and no "connection
 * lost" email goes out. Only a refusal of the credentials themselves marks a connection lost (tested in
 * quickbooks-tokens.test.ts and connectwise.test.ts). The vendors are the simulators, switched to fail.
 */

const HOUR = 60 * 60 * 1000;
const CW_STATUS = '{ connectionStatus { connectWise { state message } } }';
const CW_CHECK =
  'mutation($force: Boolean!) { checkConnectWiseConnection(force: $force) { status { state message } } }';
const CW_SAVE = `mutation($input: ConnectWiseInput!) { saveConnectWise(input: $input) { privateKeyHint status { state } } }`;
const OPTIONS = IMPORT.options;

/** A vendor failure as a person must see it: a named code and a sentence, no SQL, no stack, no 500. */
function expectVendorProblem(res: GraphQLResponse, code: string, message: RegExp): void {
  expect(res.status).toBe(200);
  expect(firstError(res)).toMatchObject({ code, message: expect.stringMatching(message) });
  expect(res.raw).not.toMatch(/INTERNAL_SERVER_ERROR|stacktrace|\bat .+\(.+:\d+:\d+\)/);
}

describe('Intuit and ConnectWise PSA fail', () => {
  const clock = perTestClock(new Date('2026-05-04T09:00:00.000Z'));
  let intuit: RunningIntuitSimulator;
  let psa: RunningServer & ConnectWiseSimulator;
  let server: TestServer;
  let accounts = 0;

  beforeAll(async () => {
    intuit = await startIntuitSimulator({ now: () => clock.now().getTime() });
    psa = await startConnectWiseSimulator();
    server = await startTestServer({ dialect: 'sqlite', intuit, clock, env: CONNECTWISE_TEST_ENV });
  });
  afterAll(async () => {
    await server?.close();
    await intuit?.close();
    await psa?.close();
  });
  beforeEach(() => {
    intuit.controls.clearFaults();
    psa.controls.reset();
  });

  async function connectedAccount(): Promise<{ session: Session; email: string; config: QbConfig }> {
    accounts += 1;
    const email = `faults.vendor.${accounts}@acme-msp.test`;
    const session = await signIn(server, email);
    await saveConnectWise(server, session, psa.url);
    const config = await defaultConfiguration(server, session);
    expect((await connectQuickBooks(server, session, config.id)).location).toContain('connected=1');
    return { session, email, config };
  }

  const check = (session: Session, id: string) =>
    gql<{ checkQuickBooksConnection: QbConfig }>(server.url, QB.check, { id }, { token: session.token });
  const qboRow = (id: string) =>
    server.db.dataSource.getRepository(QuickBooksConfigurationRecord).findOneByOrFail({ id });
  const cwRow = (accountId: string) =>
    server.db.dataSource.getRepository(ConnectWiseConnectionRecord).findOneByOrFail({ accountId });
  const lostEmails = async (email: string) => {
    await server.settle();
    return server.mail
      .messages()
      .filter((m) => m.to.some((to) => to.email === email) && /has been lost/.test(m.subject)).length;
  };
  const tokenColumns = (row: QuickBooksConfigurationRecord) => ({
    access: row.accessTokenSealed,
    refresh: row.refreshTokenSealed,
    version: row.tokenVersion,
  });

  /** A check during an outage: still CONNECTED, Intuit's trouble named, tokens as they were. */
  async function expectCheckSurvives(session: Session, config: QbConfig, before: QuickBooksConfigurationRecord) {
    const res = await check(session, config.id);
    expect(res.body.errors).toBeUndefined();
    const view = res.body.data?.checkQuickBooksConnection;
    expect(view?.connectionStatus.state).toBe('CONNECTED');
    expect(view?.lastErrorCode).toBe('INTUIT_UNAVAILABLE');
    expect(view?.connectionStatus.message).toBe(
      'The last check could not reach QuickBooks Online; Mobius will try again shortly.',
    );
    const after = await qboRow(config.id);
    expect(after.state).toBe('CONNECTED');
    expect(tokenColumns(after)).toEqual(tokenColumns(before));
  }

  it("keeps a QuickBooks connection when Intuit's token service answers 5xx or not at all", async () => {
    const { session, email, config } = await connectedAccount();
    clock.advance(HOUR + 60_000); // the access token expired: every use needs a refresh now
    const before = await qboRow(config.id);

    intuit.controls.failTokenEndpoint(20, 502);
    await expectCheckSurvives(session, config, before);
    intuit.controls.clearFaults();

    // No answer at all: Mobius gives up at its own deadline (12 s) instead of waiting for ever.
    intuit.controls.hangTokenEndpoint(5);
    await expectCheckSurvives(session, config, before);
    intuit.controls.releasePending();
    intuit.controls.clearFaults();

    // The background checker during the outage: same verdict, no email.
    intuit.controls.failTokenEndpoint(20, 503);
    await server.app.services.quickBooksChecker.runOnce();
    expect((await qboRow(config.id)).state).toBe('CONNECTED');
    intuit.controls.clearFaults();

    // A page that needs QuickBooks now says what failed, and to try again.
    intuit.controls.failTokenEndpoint(20, 500);
    expectVendorProblem(
      await gql(server.url, OPTIONS, { id: config.id }, { token: session.token }),
      'QUICKBOOKS_UNAVAILABLE',
      /QuickBooks Online.*(try again|again shortly)/i,
    );
    intuit.controls.clearFaults();
    expect(await lostEmails(email)).toBe(0);

    // Intuit is back: the next check refreshes and clears the note.
    const healed = await check(session, config.id);
    expect(healed.body.data?.checkQuickBooksConnection).toMatchObject({
      lastErrorCode: null,
      connectionStatus: { state: 'CONNECTED', message: null },
    });
    expect(await lostEmails(email)).toBe(0);
  });

  it('keeps a QuickBooks connection when the QuickBooks Online API answers 5xx or not at all', async () => {
    const { session, email, config } = await connectedAccount();
    const before = await qboRow(config.id);

    intuit.controls.failQbo(20, 503);
    await expectCheckSurvives(session, config, before);
    expectVendorProblem(
      await gql(server.url, OPTIONS, { id: config.id }, { token: session.token }),
      'QUICKBOOKS_UNAVAILABLE',
      /^QuickBooks Online could not be read just now\. Please try again in a minute\.$/,
    );
    intuit.controls.clearFaults();

    // No answer: the QBO client's deadline (15 s), then the same verdict.
    intuit.controls.delayQbo(40_000, 5, { pathIncludes: 'companyinfo' });
    await expectCheckSurvives(session, config, before);
    intuit.controls.releasePending();
    intuit.controls.clearFaults();

    const status = await gql<{ connectionStatus: { quickBooks: QbConfig[] } }>(server.url, QB.status, {}, session);
    expect(status.body.data?.connectionStatus.quickBooks.map((q) => q.connectionStatus.state)).toEqual(['CONNECTED']);
    expect(await lostEmails(email)).toBe(0);
    const healed = await check(session, config.id);
    expect(healed.body.data?.checkQuickBooksConnection.connectionStatus).toMatchObject({
      state: 'CONNECTED',
      message: null,
    });
  });

  it('keeps a ConnectWise PSA connection when ConnectWise answers 5xx, and says so where a person looks', async () => {
    const { session } = await connectedAccount();
    const before = await cwRow(session.accountId);

    psa.controls.setFaults({ failNext5xx: 50, failStatus: 503 });
    // Saving new keys (with the account's password, as replacing keys asks): refused with the field to look at;
    // the working connection is left exactly as it was.
    const save = await gql(
      server.url,
      CW_SAVE,
      {
        input: {
          site: psa.url,
          ...DEMO_CREDENTIALS,
          privateKey: 'AnotherPrivateKey-1234',
          currentPassword: STRONG_PASSWORD,
        },
      },
      { token: session.token },
    );
    expectVendorProblem(save, 'CONNECTWISE_SITE_UNREACHABLE', /ConnectWise PSA/);
    expect(firstError(save).field).toBe('site');
    // A forced re-check: still CONNECTED, the failed check noted.
    const recheck = await gql<{ checkConnectWiseConnection: { status: { state: string; message: string } } }>(
      server.url,
      CW_CHECK,
      { force: true },
      { token: session.token },
    );
    expect(recheck.body.data?.checkConnectWiseConnection.status).toEqual({
      state: 'CONNECTED',
      message: expect.stringMatching(/^The last check could not reach ConnectWise PSA: /),
    });
    // The import page: ConnectWise's trouble in words, not a 500.
    const config = await defaultConfiguration(server, session);
    expectVendorProblem(
      await gql(server.url, IMPORT.preview, { id: config.id }, { token: session.token }),
      'CONNECTWISE_SITE_UNREACHABLE',
      /^ConnectWise PSA: /,
    );
    const after = await cwRow(session.accountId);
    expect(after).toMatchObject({
      state: 'CONNECTED',
      privateKeySealed: before.privateKeySealed,
      publicKeySealed: before.publicKeySealed,
      privateKeyHint: before.privateKeyHint,
      validatedAt: before.validatedAt,
    });

    psa.controls.reset();
    const status = await gql<{ connectionStatus: { connectWise: { state: string } } }>(
      server.url,
      CW_STATUS,
      {},
      session,
    );
    expect(status.body.data?.connectionStatus.connectWise.state).toBe('CONNECTED');
    const healed = await gql(server.url, CW_CHECK, { force: true }, { token: session.token });
    expect(healed.body.data).toEqual({ checkConnectWiseConnection: { status: { state: 'CONNECTED', message: null } } });
  });

  it('keeps a ConnectWise PSA connection when ConnectWise does not answer at all', async () => {
    const { session } = await connectedAccount();
    psa.controls.setFaults({ slowMs: 60_000 });
    // Mobius's deadline is 10 s an attempt (one retry for a person waiting): then a sentence that says so.
    const recheck = await gql<{ checkConnectWiseConnection: { status: { state: string; message: string } } }>(
      server.url,
      CW_CHECK,
      { force: true },
      { token: session.token },
    );
    expect(recheck.body.data?.checkConnectWiseConnection.status).toEqual({
      state: 'CONNECTED',
      message: expect.stringMatching(/could not reach ConnectWise PSA: .*did not answer within 10 s/),
    });
    expect((await cwRow(session.accountId)).state).toBe('CONNECTED');
  });
});
