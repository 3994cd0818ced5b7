import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, snapshot, watchForeignRequests } from '../support/browser';
import {
  createVerifiedAccount,
  gql,
  MUTATIONS,
  STRONG_PASSWORD,
  startTestServer,
  type TestServer,
} from '../support/test-server';

const CHROME_MAC =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1';

/**
 * One account signed in from two browsers (a desktop and a 390 px wide phone): each logs out on its own, and
 * one can sign the other out from Settings › Sessions.
 */
describe('sessions in two browsers', () => {
  let server: TestServer;
  let browser: Browser;
  let desktop: { context: BrowserContext; page: Page; foreign: string[] };
  let phone: { context: BrowserContext; page: Page; foreign: string[] };
  const email = 'two.devices@northwind-msp.test';

  const open = async (viewport: { width: number; height: number }, userAgent: string) => {
    const context = await browser.newContext({ viewport, userAgent });
    const page = await context.newPage();
    return { context, page, foreign: watchForeignRequests(page, [server.url]) };
  };
  const logIn = async (page: Page) => {
    await page.goto(`${server.url}/login`);
    await page.getByLabel('Email Address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(STRONG_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    // Signed in: the shell (on the dashboard, or back on the page the login was asked from).
    await page.getByRole('button', { name: 'Log out' }).waitFor();
  };
  const sessionsList = (page: Page) => page.getByRole('list', { name: 'Signed-in sessions' });

  beforeAll(async () => {
    server = await startTestServer({ dialect: 'sqlite', env: { TRUST_PROXY: 'false' } });
    // The account is made through the API; that script's session logs out, leaving the two browsers'.
    const { token } = await createVerifiedAccount(server, email);
    await gql(server.url, MUTATIONS.logout, {}, { token });
    browser = await launchBrowser();
    desktop = await open({ width: 1280, height: 860 }, CHROME_MAC);
    phone = await open({ width: 390, height: 844 }, SAFARI_IPHONE);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('logs out one browser and leaves the other signed in', async () => {
    await logIn(desktop.page);
    await logIn(phone.page);

    await desktop.page.getByRole('button', { name: 'Log out' }).click();
    await desktop.page.getByRole('heading', { name: 'Log in' }).waitFor();
    await desktop.page.goto(`${server.url}/settings`);
    await desktop.page.getByRole('heading', { name: 'Log in' }).waitFor();

    await phone.page.goto(`${server.url}/settings`);
    await phone.page.getByRole('heading', { name: 'Sessions' }).waitFor();
    const mine = sessionsList(phone.page).getByRole('listitem', { name: 'Safari on iOS' });
    await mine.getByText('This device').waitFor();
    // The logged-out desktop is no longer listed.
    expect(await sessionsList(phone.page).getByRole('listitem', { name: 'Chrome on macOS' }).count()).toBe(0);
  });

  it('signs the other browser out from the Settings list: it lands on the login page next time', async () => {
    await logIn(desktop.page);
    await phone.page.reload();
    const other = sessionsList(phone.page).getByRole('listitem', { name: 'Chrome on macOS' });
    await other.waitFor();
    await other.getByText(/^From /).waitFor();
    // The list fits the phone's 390 px: nothing runs off to the side.
    const width = await phone.page.locator('html').evaluate((html: { scrollWidth: number }) => html.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await snapshot(phone.page, 'sessions-phone');

    await other.getByRole('button', { name: /^Sign out Chrome on macOS from / }).click();
    const dialog = phone.page.getByRole('dialog', { name: 'Sign out Chrome on macOS?' });
    await dialog.getByRole('button', { name: 'Sign out' }).click();
    await other.waitFor({ state: 'detached' });
    await phone.page.getByText('This is the only session signed in to your account.').waitFor();

    await desktop.page.goto(`${server.url}/settings`);
    await desktop.page.getByRole('heading', { name: 'Log in' }).waitFor();
    // The phone is still signed in.
    await phone.page.reload();
    await sessionsList(phone.page).getByRole('listitem', { name: 'Safari on iOS' }).waitFor();
  });

  it('signs out everywhere from the desktop: both browsers land on the login page', async () => {
    await logIn(desktop.page);
    await desktop.page.goto(`${server.url}/settings`);
    await sessionsList(desktop.page).getByRole('listitem', { name: 'Safari on iOS' }).waitFor();

    await desktop.page.getByRole('button', { name: 'Sign out everywhere' }).click();
    const dialog = desktop.page.getByRole('dialog', { name: 'Sign out everywhere?' });
    await dialog.getByRole('button', { name: 'Sign out everywhere' }).click();
    await desktop.page.getByRole('heading', { name: 'Log in' }).waitFor();
    await desktop.page.getByText('You have been signed out everywhere, this device included.').waitFor();
    await desktop.page.goto(`${server.url}/settings`);
    await desktop.page.getByRole('heading', { name: 'Log in' }).waitFor();

    await phone.page.goto(`${server.url}/settings`);
    await phone.page.getByRole('heading', { name: 'Log in' }).waitFor();
    expect([...desktop.foreign, ...phone.foreign]).toEqual([]);
  });
});
