import { CONNECTION_CHECK_THROTTLE_RULES } from '../../src/modules/connection-checks';
import { startConnectWiseSimulator, type ConnectWiseSimulator } from '../../src/simulators/connectwise';
import type { RunningServer } from '../../src/simulators/http';
import { startIntuitSimulator, type RunningIntuitSimulator } from '../../src/simulators/intuit';
import { testDialects } from '../support/databases';
import {
  connectQuickBooks,
  CONNECTWISE_TEST_ENV,
  defaultConfiguration,
  QB,
  saveConnectWise,
  signIn,
  type Session,
} from '../support/quickbooks';
import { errorOf, gql, startTestServer, type TestServer } from '../support/test-server';
import { waitUntil } from '../support/wait-until';

/**
 * Live connection checks cannot be turned into an amplifier (docs/request-hardening.md): aliases and parallel
 * requests share one vendor call, forced checks have a per-account budget, and a mutation runs at most 15 fields.
 */

const CW_CHECK = 'checkConnectWiseConnection(force: true) { status { state } }';
/** One ConnectWise validation is three calls: companyinfo, system/info, the unposted-invoices permission probe. */
const CALLS_PER_VALIDATION = 3;

describe.each(testDialects)('connection checks on %s', (dialect) => {
  let psa: RunningServer & ConnectWiseSimulator;
  let intuit: RunningIntuitSimulator;
  let server: TestServer;
  let sibling: TestServer;
  let accounts = 0;

  beforeAll(async () => {
    psa = await startConnectWiseSimulator();
    intuit = await startIntuitSimulator();
    server = await startTestServer({ dialect, intuit, env: CONNECTWISE_TEST_ENV });
    // A second server process on the same database.
    sibling = await startTestServer({ dialect, intuit, env: CONNECTWISE_TEST_ENV, db: server.db });
  });
  afterAll(async () => {
    await sibling?.close();
    await server?.close();
    await intuit?.close();
    await psa?.close();
  });
  beforeEach(() => psa.controls.reset());

  async function connectedAccount(): Promise<Session> {
    accounts += 1;
    const session = await signIn(server, `checks.${accounts}@acme-msp.test`);
    await saveConnectWise(server, session, psa.url);
    return session;
  }
  const cwCalls = () => psa.controls.requests().length;
  const aliased = (n: number, field: string) =>
    `mutation { ${Array.from({ length: n }, (_, i) => `c${i}: ${field}`).join(' ')} }`;

  it('runs 15 aliased forced ConnectWise checks as one validation', async () => {
    const session = await connectedAccount();
    const before = cwCalls();
    const res = await gql<Record<string, { status: { state: string } }>>(
      server.url,
      aliased(15, CW_CHECK),
      {},
      session,
    );
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(Object.values(res.body.data ?? {}).map((c) => c.status.state)).toEqual(Array(15).fill('CONNECTED'));
    expect(cwCalls() - before).toBe(CALLS_PER_VALIDATION);
  });

  it('lets parallel forced checks, in this process and another, wait for the one in flight', async () => {
    const session = await connectedAccount();
    psa.controls.clearRequests();
    psa.controls.setFaults({ slowMs: 1500 });
    const first = gql(server.url, `mutation { ${CW_CHECK} }`, {}, session);
    // The first check is under way (its companyinfo call has been answered); the others arrive meanwhile.
    await waitUntil('the first companyinfo call', () => cwCalls() >= 1);
    const others = await Promise.all(
      Array.from({ length: 14 }, (_, i) =>
        gql(i % 2 ? sibling.url : server.url, `mutation { ${CW_CHECK} }`, {}, session),
      ),
    );
    const all = [await first, ...others];
    for (const res of all) {
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data).toEqual({ checkConnectWiseConnection: { status: { state: 'CONNECTED' } } });
    }
    expect(cwCalls()).toBe(CALLS_PER_VALIDATION);
  });

  it(`answers RATE_LIMITED past ${CONNECTION_CHECK_THROTTLE_RULES.connectionCheck.points} forced checks of an account, without calling ConnectWise`, async () => {
    const session = await connectedAccount();
    for (let i = 0; i < CONNECTION_CHECK_THROTTLE_RULES.connectionCheck.points; i += 1) {
      const res = await gql(server.url, `mutation { ${CW_CHECK} }`, {}, session);
      expect(res.body.errors).toBeUndefined();
    }
    const before = cwCalls();
    const refused = await gql(sibling.url, `mutation { ${CW_CHECK} }`, {}, session);
    expect(errorOf(refused)).toMatchObject({
      code: 'RATE_LIMITED',
      message: expect.stringMatching(/^Too many connection checks\. Please try again in \d+ minutes?\.$/),
    });
    expect(cwCalls()).toBe(before);
    // The stored status is still there to read, and a check that is not forced still answers.
    const cheap = await gql(
      server.url,
      'mutation { checkConnectWiseConnection(force: false) { status { state } } }',
      {},
      session,
    );
    expect(cheap.body.data).toEqual({ checkConnectWiseConnection: { status: { state: 'CONNECTED' } } });
    expect(cwCalls()).toBe(before);
  });

  it('refuses a mutation of more than 15 fields with 400 before running any', async () => {
    const session = await connectedAccount();
    const before = cwCalls();
    const res = await gql(server.url, aliased(15, CW_CHECK).replace(/ }$/, ' logout }'), {}, session);
    expect(res.status).toBe(400);
    expect(errorOf(res)).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', message: expect.stringMatching(/15/) });
    expect(cwCalls()).toBe(before);
    // Still signed in: logout never ran.
    const me = await gql(server.url, '{ me { id } }', {}, session);
    expect(me.body.data).toEqual({ me: { id: session.accountId } });
  });

  it('runs 15 aliased QuickBooks checks as one CompanyInfo call', async () => {
    const session = await connectedAccount();
    const config = await defaultConfiguration(server, session);
    await connectQuickBooks(server, session, config.id);
    const before = intuit.controls.counters().qboCalls.total;
    const field = `checkQuickBooksConnection(configurationId: "${config.id}") { connectionStatus { state } }`;
    const res = await gql<Record<string, { connectionStatus: { state: string } }>>(
      server.url,
      aliased(15, field),
      {},
      session,
    );
    expect(res.body.errors).toBeUndefined();
    expect(Object.values(res.body.data ?? {}).map((c) => c.connectionStatus.state)).toEqual(
      Array(15).fill('CONNECTED'),
    );
    expect(intuit.controls.counters().qboCalls.total - before).toBe(1);
    // A separate check later calls QuickBooks again.
    await gql(server.url, QB.check, { id: config.id }, session);
    expect(intuit.controls.counters().qboCalls.total - before).toBe(2);
  });
});
