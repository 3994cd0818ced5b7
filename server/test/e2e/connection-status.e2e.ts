import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ManualClock } from '../../src/lib/clock';
import { QUICKBOOKS_CHECK_KEY } from '../../src/modules/quickbooks/quickbooks-checker';
import { QueueScheduleRecord } from '../../src/queue/queue-schedule.entity';
import { startConnectWiseSimulator, type ConnectWiseSimulator } from '../../src/simulators/connectwise';
import type { RunningServer } from '../../src/simulators/http';
import { SANDBOX_COMPANY_US_1, type RunningIntuitSimulator } from '../../src/simulators/intuit';
import { launchBrowser, watchForeignRequests } from '../support/browser';
import {
  connectQuickBooks,
  CONNECTWISE_TEST_ENV,
  defaultConfiguration,
  getConfiguration,
  saveConnectWise,
  signIn,
  type Session,
} from '../support/quickbooks';
import { startTestServer, type TestServer } from '../support/test-server';
import { waitUntil } from '../support/wait-until';

const REALM = SANDBOX_COMPANY_US_1.realmId;
const COMPANY = SANDBOX_COMPANY_US_1.companyName;
const MINUTE_MS = 60_000;
const LOST_FLASH = 'Your Default connection to QuickBooks Online has been lost. Please reconnect.';

/**
 * The QuickBooks connection status a person sees stays true after Intuit stops honouring a connection, without
 * anyone clicking Check connection: the background checker finds it within its period, a page that opens finds a
 * status older than five minutes at once (connectionStatus(maxAgeSeconds)), and Intuit's Disconnect URL makes it
 * Not connected as the browser lands. The server runs on a manual clock so the ages are exact without waiting.
 */
describe('QuickBooks connection status in a browser', () => {
  const clock = new ManualClock(new Date());
  let psa: RunningServer & ConnectWiseSimulator;
  let server: TestServer;
  let intuit: RunningIntuitSimulator;
  let session: Session;
  let configurationId = '';
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let foreign: string[];

  beforeAll(async () => {
    psa = await startConnectWiseSimulator();
    // The features' schedules run, the QuickBooks connection checker among them (once a minute, docs/imports.md §4).
    server = await startTestServer({
      dialect: 'sqlite',
      intuit: true,
      env: CONNECTWISE_TEST_ENV,
      clock,
      backgroundChecks: true,
    });
    if (!server.intuit) throw new Error('the test server did not start the Intuit simulator');
    intuit = server.intuit;
    session = await signIn(server, 'status@fabrikam-msp.test');
    await saveConnectWise(server, session, psa.url);
    configurationId = (await defaultConfiguration(server, session)).id;

    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addCookies([
      { name: 'mobius_session', value: session.token, url: server.url, httpOnly: true, sameSite: 'Lax' },
    ]);
    page = await context.newPage();
    foreign = watchForeignRequests(page, [server.url]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await psa?.close();
  });

  const main = () => page.getByRole('main');
  const nav = () => page.getByRole('navigation', { name: 'Main' });
  const storedState = async () => (await getConfiguration(server, session, configurationId))?.connectionStatus.state;

  /** Connects Default to the sandbox company (Intuit's pages are covered by quickbooks.e2e.ts) and shows it. */
  async function connectAndOpen(): Promise<void> {
    const { location } = await connectQuickBooks(server, session, configurationId, REALM);
    expect(location).toContain(`/quickbooks/${configurationId}`);
    await page.goto(`${server.url}/quickbooks/${configurationId}`);
    await main().getByRole('heading', { name: COMPANY }).waitFor();
    await main().getByText('Connected', { exact: true }).waitFor();
  }

  it('shows Connection lost as soon as a page opens on a status older than five minutes', async () => {
    await connectAndOpen();
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { name: 'Configurations' }).waitFor();
    await page.getByRole('listitem', { name: 'Step 2: Default' }).getByText(`Connected · ${COMPANY}`).waitFor();

    // Five minutes and a second later Intuit no longer honours the grant; nothing has looked since.
    clock.advance(5 * MINUTE_MS + 1000);
    intuit.controls.revokeRealm(REALM);
    expect(await storedState()).toBe('CONNECTED');

    // Opening the configuration page asks connectionStatus(maxAgeSeconds: 300) first.
    await nav().getByRole('link', { name: 'Default', exact: true }).click();
    await main().getByText('Connection lost').waitFor();
    // The sidebar's entry says so too (to screen readers; a red mark on screen).
    await nav().getByText('Connection lost').waitFor({ state: 'attached' });
    expect(await storedState()).toBe('LOST');
  });

  it('shows Connection lost once the checker’s period finds it, with nobody opening anything', async () => {
    await connectAndOpen();
    // Eleven minutes on, the status is older than the checker's ten, and Intuit has revoked the grant.
    clock.advance(11 * MINUTE_MS);
    intuit.controls.revokeRealm(REALM);
    expect(await storedState()).toBe('CONNECTED');

    // The checker's schedule comes round (its minute passes: the schedule is due now), and it finds out.
    await server.db.dataSource
      .getRepository(QueueScheduleRecord)
      .update({ scheduleKey: QUICKBOOKS_CHECK_KEY }, { nextRunAt: new Date() });
    await waitUntil('the checker to mark the connection LOST', async () => (await storedState()) === 'LOST', {
      timeoutMs: 10_000,
    });
    expect(server.logs.some((line) => line.includes('"event":"quickbooks.checker_run"'))).toBe(true);

    // The checker just checked, so opening Mobius validates nothing: it shows what the checker found. The
    // dashboard sends the person to the lost configuration, whose flash message says what to do.
    await page.goto(`${server.url}/`);
    await page.waitForURL((url) => url.pathname === `/quickbooks/${configurationId}`);
    await page.getByRole('alert').getByText(LOST_FLASH, { exact: true }).waitFor();
    await main().getByText('Connection lost').waitFor();
  });

  it('shows Not connected as the browser lands from Intuit’s Disconnect URL', async () => {
    await connectAndOpen();
    // Someone disconnects Mobius inside QuickBooks: Intuit revokes the grant and sends the browser here.
    intuit.controls.revokeRealm(REALM);
    await page.goto(`${server.url}/oauth/quickbooks/disconnect?realmId=${REALM}`);
    await page.waitForURL((url) => url.pathname === `/quickbooks/${configurationId}`);
    await page.getByRole('alert').filter({ hasText: 'Disconnected in QuickBooks' }).waitFor();
    await main().getByText('Disconnected — connect again to import').waitFor();
    await main().getByText('Not connected', { exact: true }).waitFor();
    expect(await nav().getByText('Connection lost').count()).toBe(0);
    expect(new URL(page.url()).search).toBe('');
    expect(await storedState()).toBe('NOT_CONNECTED');
  });

  it('made no request to any other origin than Mobius', () => {
    expect(foreign).toEqual([]);
  });
});
