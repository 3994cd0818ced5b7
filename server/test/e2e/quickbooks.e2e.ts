import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startConnectWiseSimulator, type ConnectWiseSimulator } from '../../src/simulators/connectwise';
import type { RunningServer } from '../../src/simulators/http';
import { SANDBOX_COMPANY_US_1, type RunningIntuitSimulator } from '../../src/simulators/intuit';
import { cleanSnapshot, launchBrowser, snapshot, watchForeignRequests } from '../support/browser';
import { CONNECTWISE_TEST_ENV, saveConnectWise, signIn, type Session } from '../support/quickbooks';
import { gql, startTestServer, type TestServer } from '../support/test-server';

const LOST_FLASH = 'Your Default connection to QuickBooks Online has been lost. Please reconnect.';
const CANCELLED = 'You cancelled the connection at Intuit. Nothing changed.';
const COMPANY = SANDBOX_COMPANY_US_1.companyName;

/**
 * QuickBooks Online configurations in Chromium, against the real server and the Intuit simulator's
 * sign-in and consent pages: connect, cancel, a company already in use, a revoked connection and its
 * flash message, disconnect, Add New Company, and read-only API tokens.
 */
describe('QuickBooks Online configurations in a browser', () => {
  let psa: RunningServer & ConnectWiseSimulator;
  let server: TestServer;
  let intuit: RunningIntuitSimulator;
  let session: Session;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let foreign: string[];
  let defaultPath = '';

  beforeAll(async () => {
    psa = await startConnectWiseSimulator();
    server = await startTestServer({ dialect: 'sqlite', intuit: true, env: CONNECTWISE_TEST_ENV });
    if (!server.intuit) throw new Error('the test server did not start the Intuit simulator');
    intuit = server.intuit;
    session = await signIn(server, 'books@fabrikam-msp.test');
    await saveConnectWise(server, session, psa.url);

    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addCookies([
      { name: 'mobius_session', value: session.token, url: server.url, httpOnly: true, sameSite: 'Lax' },
    ]);
    page = await context.newPage();
    foreign = watchForeignRequests(page, [server.url, new URL(intuit.urls.authorize).origin]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await psa?.close();
  });

  const nav = () => page.getByRole('navigation', { name: 'Main' });

  const shot = (name: string) => cleanSnapshot(page, name);
  const main = () => page.getByRole('main');

  /** Clicks Connect to QuickBooks and walks Intuit's pages; `decision` is the consent page's button. */
  async function throughIntuit(decision: 'Authorize' | 'Cancel', screenshot?: string) {
    await main().getByRole('button', { name: 'Connect to QuickBooks' }).click();
    await page.waitForURL((url) => url.toString().startsWith(intuit.urls.authorize));
    await page.getByRole('heading', { name: 'Welcome to Intuit App Center' }).waitFor();
    await page.getByLabel('Email or user ID').fill('owner@fabrikam-msp.test');
    await page.getByLabel('Password').fill('any password works here');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('radio', { name: COMPANY }).check();
    if (screenshot) await snapshot(page, screenshot);
    await page.getByRole('button', { name: decision }).click();
    await page.waitForURL((url) => url.toString().startsWith(`${server.url}/quickbooks/`));
  }

  it('opens Default from the sidebar: not connected yet', async () => {
    await page.goto(`${server.url}/`);
    await nav().getByRole('link', { name: 'Default', exact: true }).click();
    await page.getByRole('heading', { name: 'Default', level: 1 }).waitFor();
    defaultPath = new URL(page.url()).pathname;
    expect(defaultPath).toMatch(/^\/quickbooks\/.+/);
    await main().getByText('Not connected yet').waitFor();
    await shot('quickbooks-not-connected');
  });

  it('says so when the person cancels at Intuit, and changes nothing', async () => {
    await throughIntuit('Cancel');
    await page.getByText(CANCELLED).waitFor();
    expect(new URL(page.url()).search).toBe('');
    await main().getByText('Not connected yet').waitFor();
  });

  it('connects Default through Intuit’s sign-in and consent pages', async () => {
    await throughIntuit('Authorize', 'intuit-consent');
    await page.getByText('Connected to QuickBooks Online').waitFor();
    await main().getByRole('heading', { name: COMPANY }).waitFor();
    await main().getByText('Connected', { exact: true }).waitFor();
    expect(new URL(page.url()).pathname).toBe(defaultPath);
    expect(new URL(page.url()).search).toBe('');
    const details = page.getByRole('table', { name: 'QuickBooks Online connection' });
    expect(await details.textContent()).toContain(SANDBOX_COMPANY_US_1.realmId);
    await shot('quickbooks-connected');

    await nav().getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('listitem', { name: 'Step 2: Default' }).getByText(`Connected · ${COMPANY}`).waitFor();
  });

  it('adds a company, refuses the QuickBooks company Default already uses, and deletes it', async () => {
    await nav().getByRole('button', { name: 'Add New Company' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a QuickBooks Online company' });
    await dialog.getByLabel('Company name').fill('West Coast LLC');
    await dialog.getByRole('button', { name: 'Add company' }).click();
    await page.getByRole('heading', { name: 'West Coast LLC', level: 1 }).waitFor();
    await nav().getByRole('link', { name: 'West Coast LLC' }).waitFor();

    await throughIntuit('Authorize');
    const inUse = page.getByRole('alert').filter({ hasText: 'Company already connected' });
    await inUse
      .getByText(
        'This QuickBooks company is already connected to your configuration “Default”. Disconnect it there first, or choose another company.',
      )
      .waitFor();
    expect(await inUse.getByRole('link', { name: 'Open Default' }).getAttribute('href')).toBe(defaultPath);
    expect(new URL(page.url()).search).toBe('');
    await main().getByText('Not connected yet').waitFor();

    await main().getByRole('button', { name: 'Delete' }).click();
    await page
      .getByRole('dialog', { name: 'Delete West Coast LLC?' })
      .getByRole('button', { name: 'Delete West Coast LLC' })
      .click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await nav().getByRole('link', { name: 'West Coast LLC' }).waitFor({ state: 'detached' });
  });

  it('shows the flash message once Intuit revokes the connection and a check finds out', async () => {
    // Opening the page asks connectionStatus(maxAgeSeconds) first; revoking once that answer is in leaves
    // the discovery to the button (the open-time check has its own test).
    const revalidated = page.waitForResponse(
      (response) =>
        response.url().endsWith('/graphql') && (response.request().postData() ?? '').includes('RevalidateConnections'),
    );
    await nav().getByRole('link', { name: 'Default', exact: true }).click();
    await revalidated;
    intuit.controls.revokeRealm(SANDBOX_COMPANY_US_1.realmId);
    await main().getByRole('button', { name: 'Check connection' }).click();
    await page.getByRole('alert').getByText(LOST_FLASH, { exact: true }).waitFor();
    await main().getByText('Connection lost').waitFor();
    await shot('quickbooks-lost');
  });

  it('sends the person from the dashboard to the lost configuration, once', async () => {
    await page.goto(`${server.url}/`);
    await page.waitForURL((url) => url.pathname === defaultPath);
    await page.getByText(LOST_FLASH, { exact: true }).waitFor();

    await nav().getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('heading', { name: 'Configurations' }).waitFor();
    await page.getByRole('listitem', { name: 'Step 2: Default' }).getByText('Connection lost').waitFor();
    // The redirect is an effect of the render that shows the dashboard's data: once the browser has drawn two
    // more frames, React has run that effect, so a redirect would have started by now.
    await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.getByRole('heading', { name: 'Configurations' }).isVisible()).toBe(true);
  });

  it('reconnects, then disconnects after confirming', async () => {
    await nav().getByRole('link', { name: 'Default', exact: true }).click();
    await throughIntuit('Authorize');
    await main().getByText('Connected', { exact: true }).waitFor();

    await main().getByRole('button', { name: 'Disconnect' }).click();
    const dialog = page.getByRole('dialog', { name: 'Disconnect Default from QuickBooks Online?' });
    await dialog.getByRole('button', { name: 'Disconnect' }).click();
    await main().getByText('Disconnected — connect again to import').waitFor();
    expect(await main().getByText('Not connected yet').count()).toBe(0);
  });

  it('creates a read-only API token, shows it once, and revokes it', async () => {
    await nav().getByRole('link', { name: 'Account settings' }).click();
    await page.getByRole('heading', { name: 'API tokens' }).waitFor();
    await page.getByLabel('Token name').fill('Uptime monitor');
    await page.getByRole('button', { name: 'Create token' }).click();
    const field = page.getByRole('textbox', { name: 'New API token' });
    const token = await field.inputValue();
    expect(token).toMatch(/^mob_/);
    await shot('api-tokens');

    // The example the page shows, as a partner would paste it: this origin, $MOBIUS_API_TOKEN, one query.
    const example = (await page.locator('pre').filter({ hasText: 'curl -s' }).textContent()) ?? '';
    expect(example).toContain(`curl -s ${server.url}/graphql`);
    expect(example).toContain('-H "Authorization: Bearer $MOBIUS_API_TOKEN"');
    const status = (JSON.parse(/-d '(.*)'/s.exec(example)?.[1] ?? 'null') as { query: string }).query;
    const read = await gql<{ connectionStatus: { quickBooks: Array<{ name: string }> } }>(
      server.url,
      status,
      {},
      { token },
    );
    expect(read.status).toBe(200);
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data?.connectionStatus.quickBooks.map((c) => c.name)).toEqual(['Default']);

    await page.getByRole('button', { name: 'Done, I copied it' }).click();
    await field.waitFor({ state: 'detached' });
    expect(await page.content()).not.toContain(token);

    await page.getByRole('button', { name: 'Revoke Uptime monitor' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke token' }).click();
    await page
      .getByRole('table', { name: 'API tokens' })
      .getByText(/^Revoked /)
      .waitFor();
    // A revoked token is refused plainly (docs/security.md): HTTP 401, the challenge and one sentence.
    const refused = await gql(server.url, status, {}, { token });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect(refused.body.errors).toEqual([
      { message: 'Invalid or revoked API token.', extensions: { code: 'UNAUTHENTICATED' } },
    ]);
    // The dashboard, on its cookie, is not affected.
    await nav().getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('heading', { name: 'Configurations' }).waitFor();
  });

  it('made no request to any other origin than Mobius and Intuit', () => {
    expect(foreign).toEqual([]);
  });
});
