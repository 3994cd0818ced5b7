import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startConnectWiseSimulator, type ConnectWiseSimulator } from '../../src/simulators/connectwise';
import type { RunningServer } from '../../src/simulators/http';
import { startIntuitSimulator, type RunningIntuitSimulator } from '../../src/simulators/intuit';
import { cleanSnapshot, launchBrowser, snapshot, watchForeignRequests } from '../support/browser';
import { importEnv } from '../support/imports';
import { overlaps, sidewaysOverflow, waitUntilSettled, wrapsInsideWords } from '../support/layout';
import {
  connectQuickBooks,
  defaultConfiguration,
  QB,
  saveConnectWise,
  signIn,
  type Session,
} from '../support/quickbooks';
import { gql, MUTATIONS, startTestServer, tokenFromEmail, type TestServer } from '../support/test-server';

/**
 * Every page of the dashboard on a phone (Chromium at 390×844, an iPhone 14's CSS pixels): nothing sticks out
 * sideways, no control hides behind a sideways scroll, and the welcome message leaves the header and its menu
 * button alone. Boxes are measured (support/layout.ts), not eyeballed; the screenshots (SCREENSHOTS_DIR) are
 * for people.
 */
describe('the dashboard on a phone', () => {
  let psa: RunningServer & ConnectWiseSimulator;
  let intuit: RunningIntuitSimulator;
  let server: TestServer;
  let session: Session;
  let defaultId = '';
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let foreign: string[];
  const newcomer = 'phone.newcomer@northwind-msp.test';
  const password = 'Pocket sized ledgers balance 9';

  beforeAll(async () => {
    psa = await startConnectWiseSimulator();
    intuit = await startIntuitSimulator();
    server = await startTestServer({ dialect: 'sqlite', intuit, env: importEnv(intuit) });
    // The account with everything set up: ConnectWise, Default connected, a second company not connected.
    session = await signIn(server, 'phone.books@fabrikam-msp.test');
    await saveConnectWise(server, session, psa.url);
    defaultId = (await defaultConfiguration(server, session)).id;
    expect((await connectQuickBooks(server, session, defaultId)).location).toContain('connected=1');
    const added = await gql(server.url, QB.add, { name: 'West Coast Accounting and Bookkeeping LLC' }, session);
    expect(added.body.errors).toBeUndefined();

    browser = await launchBrowser();
    context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      locale: 'en-US',
    });
    page = await context.newPage();
    foreign = watchForeignRequests(page, [server.url, server.mailboxUrl.replace(/\/$/, ''), intuit.url]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await intuit?.close();
    await psa?.close();
  });

  const shot = (name: string) => cleanSnapshot(page, `phone-${name}`);
  const main = () => page.getByRole('main');

  /** The page as laid out now fits the phone's width: measured element by element. */
  async function expectFitsWidth(where: string) {
    const measured = await sidewaysOverflow(page);
    expect({ where, ...measured }).toEqual({
      where,
      pageScrollsBy: 0,
      visibleBeyond: [],
      controlsBeyond: [],
      outOfTheirCard: [],
    });
  }

  async function signInAs(token: string) {
    await context.clearCookies();
    await context.addCookies([
      { name: 'mobius_session', value: token, url: server.url, httpOnly: true, sameSite: 'Lax' },
    ]);
  }

  it('fits log in, sign up, check your email and forgot password', async () => {
    await page.goto(`${server.url}/login`);
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    await expectFitsWidth('log in');

    await page.goto(`${server.url}/forgot-password`);
    await page.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
    await expectFitsWidth('forgot password');

    await page.goto(`${server.url}/signup`);
    await page.getByRole('heading', { name: 'Create your Mobius account' }).waitFor();
    await expectFitsWidth('sign up');
    await page.getByLabel('Email Address').fill(newcomer);
    await page.getByLabel('Company name').fill('Northwind MSP');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    await expectFitsWidth('check your email');
  });

  it('fits reset password, for a live link and a dead one', async () => {
    const email = 'phone.books@fabrikam-msp.test';
    expect((await gql(server.url, MUTATIONS.requestPasswordReset, { email })).body.errors).toBeUndefined();
    await server.settle();
    await page.goto(`${server.url}/reset-password?token=${tokenFromEmail(server.mail, email, '/reset-password')}`);
    await page.getByText(email).waitFor();
    await page.getByLabel('Retype Password').waitFor();
    await expectFitsWidth('reset password');

    await page.goto(`${server.url}/reset-password?token=${'x'.repeat(43)}`);
    await page.getByText('This link is not valid').first().waitFor();
    await expectFitsWidth('reset password, a dead link');
  });

  it('shows the welcome message clear of the header and its menu button, and fits set password', async () => {
    // The demo mailbox is the simulator's page, not the dashboard's: read the link there on a desktop-sized page.
    await server.settle();
    const mailbox = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await mailbox.goto(server.mailboxUrl);
    await mailbox.getByRole('link', { name: 'Confirm your email address for Mobius' }).first().click();
    const link = await mailbox
      .frameLocator('iframe[title="Email body"]')
      .getByRole('link', { name: 'Confirm email and set password' })
      .getAttribute('href');
    await mailbox.close();
    expect(link).toMatch(/\/verify-email\?token=/);
    await page.goto(link as string);
    await page.getByRole('heading', { name: 'Set your password' }).waitFor();
    await expectFitsWidth('set password');

    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByLabel('Retype Password').fill(password);
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    const toast = page.locator('.mantine-Notification-root').filter({ hasText: 'Welcome to Mobius' });
    await toast.waitFor();
    // Wait for the message to finish sliding in, then compare boxes.
    await waitUntilSettled(page, '.mantine-Notification-root');
    await snapshot(page, 'phone-welcome');
    expect(await overlaps(page, '.mantine-Notification-root', '.mantine-AppShell-header')).toBe(false);
    const menu = page.getByRole('button', { name: 'Toggle navigation' });
    await menu.click(); // not covered: a covered button would fail this click
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Account settings' }).waitFor();
    await expectFitsWidth('dashboard with the welcome message and the menu open');
  });

  it('fits the dashboard with its QuickBooks buttons inside their cards', async () => {
    await signInAs(session.token);
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { name: 'Configurations' }).waitFor();
    await main().getByRole('link', { name: 'Import into Default' }).waitFor();
    await main().getByRole('link', { name: 'Connect to QuickBooks Online' }).waitFor();
    await expectFitsWidth('dashboard');
    // Each row's buttons inside its card.
    const card = await page.getByRole('region', { name: 'Configurations' }).boundingBox();
    for (const name of ['Import into Default', 'Open configuration', 'Connect to QuickBooks Online']) {
      const box = await main().getByRole('link', { name }).boundingBox();
      expect({ name, inside: (box?.x ?? 0) + (box?.width ?? 0) <= (card?.x ?? 0) + (card?.width ?? 0) }).toEqual({
        name,
        inside: true,
      });
    }
    await shot('dashboard');
  });

  it('fits the ConnectWise PSA page', async () => {
    await page.goto(`${server.url}/connectwise`);
    await page.getByRole('heading', { name: 'ConnectWise PSA Configuration' }).waitFor();
    await page.getByText('Public Key').first().waitFor();
    await expectFitsWidth('ConnectWise PSA');
  });

  it('fits a QuickBooks configuration, its reconnect date explained', async () => {
    await page.goto(`${server.url}/quickbooks/${defaultId}`);
    await page.getByRole('heading', { name: 'Default', level: 1 }).waitFor();
    await page.getByTestId('reconnect-explained').waitFor();
    await expectFitsWidth('QuickBooks configuration');
    await shot('quickbooks-connected');
  });

  it('fits the import page', async () => {
    await page.goto(`${server.url}/quickbooks/${defaultId}/import`);
    await page.getByRole('heading', { name: 'Import into Default' }).waitFor();
    await page.getByRole('table', { name: 'Unposted invoices' }).waitFor();
    await expectFitsWidth('import');
  });

  it('fits account settings and its API tokens: the new token, the example and Revoke in reach', async () => {
    await page.goto(`${server.url}/settings`);
    await page.getByRole('heading', { name: 'Account settings' }).waitFor();
    await page.getByRole('heading', { name: 'API tokens' }).waitFor();
    await expectFitsWidth('settings');
    await page.getByLabel('Token name').fill('Uptime monitor for the night shift');
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.getByRole('textbox', { name: 'New API token' }).waitFor();
    await page.locator('pre').filter({ hasText: 'curl -s' }).scrollIntoViewIfNeeded();
    await expectFitsWidth('API tokens with a new token and the example');
    // The example breaks between words, never inside one: where a line wraps, the character before is a space.
    const example = page.locator('pre').filter({ hasText: 'curl -s' });
    expect(await example.textContent()).toContain('-H "Authorization: Bearer $MOBIUS_API_TOKEN"');
    const wrappedInsideAWord = await wrapsInsideWords(example);
    expect(wrappedInsideAWord).toEqual([]);
    await page.getByRole('button', { name: 'Done, I copied it' }).click();
    const revoke = page.getByRole('button', { name: 'Revoke Uptime monitor for the night shift' });
    await revoke.waitFor();
    await expectFitsWidth('API tokens table');
    await shot('api-tokens');
  });

  it('fits the playground, and says it is meant for a larger screen', async () => {
    await page.goto(`${server.url}/playground`);
    await page.getByRole('heading', { name: 'API playground', level: 1 }).waitFor();
    await page.getByText('Meant for a larger screen').waitFor();
    await page.locator('.monaco-editor[data-uri$="request-headers.json"]').waitFor();
    await expectFitsWidth('playground');
    await shot('playground');
  });

  it('fits the page-not-found page, signed in and signed out', async () => {
    await page.goto(`${server.url}/no-such-page`);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await expectFitsWidth('404 signed in');
    await context.clearCookies();
    await page.goto(`${server.url}/no-such-page`);
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await expectFitsWidth('404 signed out');
  });

  it('made no request to any other origin', () => {
    expect(foreign).toEqual([]);
  });
});
