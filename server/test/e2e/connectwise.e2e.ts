import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  DEMO_COMPANY,
  DEMO_CREDENTIALS,
  startConnectWiseSimulator,
  type ConnectWiseSimulator,
} from '../../src/simulators/connectwise';
import type { RunningServer } from '../../src/simulators/http';
import { cleanSnapshot, launchBrowser, watchForeignRequests } from '../support/browser';
import { createVerifiedAccount, startTestServer, STRONG_PASSWORD, type TestServer } from '../support/test-server';
import { waitUntil } from '../support/wait-until';

/**
 * Setting up ConnectWise PSA in Chromium, against the real server and the ConnectWise PSA simulator:
 * a Site pasted from the browser bar, a refused key, the live validation, the connected summary with the next step,
 * QuickBooks Online becoming available, a connection that stops working, and disconnecting.
 */
describe('ConnectWise PSA setup in a browser', () => {
  let server: TestServer;
  let psa: RunningServer & ConnectWiseSimulator;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let foreign: string[];

  beforeAll(async () => {
    psa = await startConnectWiseSimulator();
    server = await startTestServer({
      dialect: 'sqlite',
      env: { CONNECTWISE_ALLOW_HTTP: '1', CONNECTWISE_CLIENT_ID: '00000000-0000-4000-8000-00000000c11e' },
    });
    const { token } = await createVerifiedAccount(server, 'books@contoso-msp.test');
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    // The session cookie the verify-email page would have set.
    await context.addCookies([
      { name: 'mobius_session', value: token, url: server.url, httpOnly: true, sameSite: 'Lax' },
    ]);
    page = await context.newPage();
    foreign = watchForeignRequests(page, [server.url]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await psa?.close();
  });

  const nav = () => page.getByRole('navigation', { name: 'Main' });

  const shot = (name: string) => cleanSnapshot(page, name);
  const field = (label: string) => page.getByLabel(label, { exact: true });
  /** The address a bookkeeper copies from the browser bar while logged in to ConnectWise PSA. */
  const pasted = () => `${psa.url}/v4_6_release/ConnectWise.aspx?locale=en_US`;
  /** Whether the element's top edge is inside the window (not scrolled above or below it). */
  const inViewport = (target: ReturnType<Page['getByRole']>) =>
    target.evaluate((element: { getBoundingClientRect(): { top: number; bottom: number } }) => {
      const box = element.getBoundingClientRect();
      const height = (globalThis as unknown as { innerHeight: number }).innerHeight;
      return box.top >= 0 && box.top < height && box.bottom > 0;
    });
  const connectionCard = () => page.getByRole('region', { name: 'Connection', exact: true });

  it('starts with ConnectWise PSA not connected and QuickBooks Online unavailable', async () => {
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { name: 'Configurations' }).waitFor();
    const step = page.getByRole('listitem', { name: 'Step 1: ConnectWise PSA' });
    await step.getByText('Not connected').waitFor();
    const defaultEntry = nav().getByRole('button', { name: 'Default', exact: true });
    expect(await defaultEntry.getAttribute('aria-disabled')).toBe('true');
    await defaultEntry.hover();
    await page.getByRole('tooltip', { name: 'Configure ConnectWise PSA first' }).waitFor();
  });

  it('shows a refused key next to the key fields', async () => {
    await nav().getByRole('link', { name: 'Set Up ConnectWise PSA' }).click();
    await page.getByRole('heading', { name: 'ConnectWise PSA Configuration' }).waitFor();
    await page.getByText('System › Members › API Members').waitFor();
    await shot('connectwise');

    // Pasted from the browser bar: the field keeps only what Mobius will use, and says so.
    await field('Site').fill(pasted());
    await field('Company ID').click();
    expect(await field('Site').inputValue()).toBe(psa.url);
    await page.getByText('Mobius uses the host name from the address you pasted').waitFor();
    await field('Company ID').fill(DEMO_CREDENTIALS.companyId);
    await field('Public Key').fill(DEMO_CREDENTIALS.publicKey);
    await field('Private Key').fill('NotTheRightPrivateKey-42');
    await page.getByRole('button', { name: 'Save' }).click();

    await page.getByText('did not accept the Public Key and Private Key').waitFor();
    expect(await field('Public Key').getAttribute('aria-invalid')).toBe('true');
    expect(await field('Private Key').getAttribute('aria-invalid')).toBe('true');
    // The first field in error has the focus.
    const focused = await page.evaluate<string>('document.activeElement.id');
    expect(focused).toBe(await field('Public Key').getAttribute('id'));
    await shot('connectwise-error');
  });

  it('validates the demo company live and shows it connected, never the private key', async () => {
    // A slow PSA, so the validating state is visible.
    psa.controls.setFaults({ slowMs: 1200 });
    await field('Private Key').fill(DEMO_CREDENTIALS.privateKey);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Validating with ConnectWise PSA…').waitFor();
    await shot('connectwise-validating');

    await page.getByRole('heading', { name: DEMO_COMPANY.companyName }).waitFor();
    psa.controls.setFaults({ slowMs: 0 });
    const summary = page.getByRole('table', { name: 'Saved connection' });
    expect(await summary.textContent()).toContain(psa.url);
    expect(await summary.textContent()).toContain(DEMO_COMPANY.codebase);
    expect(await summary.textContent()).toContain(`••••${DEMO_CREDENTIALS.privateKey.slice(-4)}`);
    await page.getByText('Connected', { exact: true }).waitFor();
    expect(await page.content()).not.toContain(DEMO_CREDENTIALS.privateKey);
    await field('Site').waitFor({ state: 'detached' });
    // The next step of the set-up, with the summary in view.
    await page.getByRole('link', { name: 'Next: connect QuickBooks Online' }).waitFor();
    expect(await inViewport(connectionCard())).toBe(true);
    await shot('connectwise-connected');
  });

  it('makes the QuickBooks Online entries available', async () => {
    await nav().getByRole('link', { name: 'Default', exact: true }).waitFor();
    await nav().getByRole('link', { name: 'Dashboard' }).click();
    const step = page.getByRole('listitem', { name: 'Step 1: ConnectWise PSA' });
    await step.getByText(`Connected · ${DEMO_COMPANY.companyName}`).waitFor();
    const connect = page.getByRole('listitem', { name: 'Step 2: Default' }).getByRole('link');
    expect(await connect.textContent()).toMatch(/Connect to QuickBooks Online|Open configuration/);
    await shot('dashboard-connectwise-connected');
  });

  it('prefills the form for editing, without the private key', async () => {
    await nav().getByRole('link', { name: 'Set Up ConnectWise PSA' }).click();
    await page.getByRole('button', { name: 'Edit connection' }).click();
    expect(await field('Site').inputValue()).toBe(psa.url);
    expect(await field('Company ID').inputValue()).toBe(DEMO_CREDENTIALS.companyId);
    expect(await field('Public Key').inputValue()).toBe(DEMO_CREDENTIALS.publicKey);
    expect(await field('Private Key').inputValue()).toBe('');
    await page.getByText('Enter the private key again to replace the saved keys').waitFor();
    // Replacing the saved keys takes the account's password.
    expect(await field('Current password').getAttribute('autocomplete')).toBe('current-password');
    await page.getByRole('button', { name: 'Cancel' }).click();
  });

  it('shows a lost connection after "Check now" when ConnectWise PSA stops accepting the keys', async () => {
    psa.controls.revokeKeys(DEMO_CREDENTIALS.companyId);
    await page.getByRole('button', { name: 'Check now' }).click();
    await page.getByText('Mobius can no longer connect to ConnectWise PSA').waitFor();
    await page.getByRole('main').getByText('Connection lost').waitFor();
    await nav().getByRole('button', { name: 'Default', exact: true }).waitFor();
    await field('Private Key').waitFor();
    await shot('connectwise-lost');
  });

  it('disconnects after a confirm dialog that says what it means, and shows ConnectWise PSA as not connected', async () => {
    psa.controls.reset();
    await page.getByRole('button', { name: 'Disconnect ConnectWise' }).click();
    const dialog = page.getByRole('dialog', { name: 'Disconnect ConnectWise PSA?' });
    await dialog.waitFor();
    const text = await dialog.textContent();
    expect(text).toContain('Mobius forgets the site, Company ID and API keys');
    expect(text).toContain('Imports stop');
    expect(text).toContain('Your QuickBooks Online connections stay as they are');
    await dialog.getByLabel('Current password', { exact: true }).fill(STRONG_PASSWORD);
    await dialog.getByRole('button', { name: 'Disconnect ConnectWise' }).click();

    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: 'Connect your ConnectWise PSA company' }).waitFor();
    expect(await page.getByRole('table', { name: 'Saved connection' }).count()).toBe(0);
    expect(await field('Site').inputValue()).toBe('');
    // The rest of the app agrees: QuickBooks Online is unavailable again, and the dashboard says not connected.
    await nav().getByRole('button', { name: 'Default', exact: true }).waitFor();
    await nav().getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('listitem', { name: 'Step 1: ConnectWise PSA' }).getByText('Not connected').waitFor();
    await page.reload();
    await page.getByRole('listitem', { name: 'Step 1: ConnectWise PSA' }).getByText('Not connected').waitFor();
  });

  it('in a small window, scrolls the saved summary into view and goes on to QuickBooks Online with Next', async () => {
    await page.setViewportSize({ width: 390, height: 700 });
    try {
      // The navigation sits behind the burger on a small screen.
      await page.goto(`${server.url}/connectwise`);
      await page.getByRole('heading', { name: 'Connect your ConnectWise PSA company' }).waitFor();
      await field('Site').fill(pasted());
      await field('Company ID').fill(DEMO_CREDENTIALS.companyId);
      await field('Public Key').fill(DEMO_CREDENTIALS.publicKey);
      await field('Private Key').fill(DEMO_CREDENTIALS.privateKey);
      // Save sits below the fold: the window is scrolled down to it.
      await page.getByRole('button', { name: 'Save' }).click();

      const summary = page.getByRole('table', { name: 'Saved connection' });
      await summary.waitFor();
      expect(await summary.textContent()).toContain(psa.url);
      const next = page.getByRole('link', { name: 'Next: connect QuickBooks Online' });
      await next.waitFor();
      await waitUntil('the page to scroll the saved connection into view', () => inViewport(connectionCard()), {
        timeoutMs: 5000,
      });
      expect(await inViewport(page.getByRole('heading', { name: DEMO_COMPANY.companyName }))).toBe(true);
      expect(await inViewport(next)).toBe(true);

      await next.click();
      await page.waitForURL(/\/quickbooks\/[^/]+$/);
      await page.getByRole('heading', { name: 'Default', level: 1 }).waitFor();
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  it('made no request to any other origin than Mobius', () => {
    expect(foreign).toEqual([]);
  });
});
