import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, snapshot, watchForeignRequests } from '../support/browser';
import { createVerifiedAccount, startTestServer, type TestServer } from '../support/test-server';

/**
 * Account settings in Chromium: the profile is saved, and a password changed in one browser signs a second
 * browser out while the first stays signed in; the owner is emailed.
 */
describe('account settings in a browser', () => {
  let server: TestServer;
  let browser: Browser;
  let first: { context: BrowserContext; page: Page; foreign: string[] };
  let second: { context: BrowserContext; page: Page; foreign: string[] };
  const email = 'controller@northwind-msp.test';
  const oldPassword = 'Ledger lines balance nicely 7';
  const newPassword = 'Quarter close is done 2026!';

  async function openBrowser() {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const foreign = watchForeignRequests(page, [server.url]);
    return { context, page, foreign };
  }

  async function logIn(page: Page, password: string) {
    await page.goto(`${server.url}/login`);
    await page.getByLabel('Email Address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Configurations' }).waitFor();
  }

  beforeAll(async () => {
    server = await startTestServer({ dialect: 'sqlite', env: { TRUST_PROXY: 'false' } });
    await createVerifiedAccount(server, email, oldPassword);
    browser = await launchBrowser();
    first = await openBrowser();
    second = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('saves the profile', async () => {
    const { page } = first;
    await logIn(page, oldPassword);
    await page.getByRole('link', { name: 'Account settings' }).click();
    await page.getByRole('heading', { name: 'Profile' }).waitFor();
    expect(await page.getByLabel('Email Address').inputValue()).toBe(email);
    await page.getByLabel('Your name').fill('Dana Whitfield');
    await page.getByLabel('Company name').fill('Northwind MSP');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Your profile was saved.').waitFor();

    await page.reload();
    await page.getByRole('heading', { name: 'Profile' }).waitFor();
    expect(await page.getByLabel('Your name').inputValue()).toBe('Dana Whitfield');
    expect(await page.getByLabel('Company name').inputValue()).toBe('Northwind MSP');
  });

  it('changes the password in one browser, which stays signed in, and signs the other out', async () => {
    await logIn(second.page, oldPassword);
    const { page } = first;
    const form = page.getByRole('form', { name: 'Change password' });
    // Password managers get the account the password belongs to.
    expect(await form.locator('input[autocomplete="username"]').inputValue()).toBe(email);

    // A wrong current password is named next to its field.
    await form.getByLabel('Current password').fill('Not my password at all 9');
    await form.getByLabel('New password', { exact: true }).fill(newPassword);
    await page.locator('[role="progressbar"][aria-label="Password strength"][aria-valuetext="Strong"]').waitFor();
    await form.getByLabel('Retype new password').fill(newPassword);
    await form.getByRole('button', { name: 'Change password' }).click();
    await form.getByText('The current password is incorrect.').waitFor();

    await form.getByLabel('Current password').fill(oldPassword);
    await form.getByRole('button', { name: 'Change password' }).click();
    await page.getByText(/Your password was changed\. Every other session was signed out/).waitFor();
    // Settings › Sessions now lists this browser alone.
    await page.getByText('This device', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Sign out', exact: true }).waitFor({ state: 'detached' });
    await snapshot(page, 'account-settings');
    expect(await form.getByLabel('Current password').inputValue()).toBe('');

    // The first browser stays signed in, on a new page load too.
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { name: 'Configurations' }).waitFor();

    // The second browser's session ended: its next page load shows the login page.
    await second.page.goto(`${server.url}/settings`);
    await second.page.getByRole('heading', { name: 'Log in' }).waitFor();
    // The old password no longer works; the new one does.
    await second.page.getByLabel('Email Address').fill(email);
    await second.page.getByLabel('Password', { exact: true }).fill(oldPassword);
    await second.page.getByRole('button', { name: 'Log in' }).click();
    await second.page.getByText('The email address or password is incorrect.').waitFor();
    await second.page.getByLabel('Password', { exact: true }).fill(newPassword);
    await second.page.getByRole('button', { name: 'Log in' }).click();
    await second.page.getByRole('heading', { name: /Configurations|Account settings/ }).waitFor();

    await server.settle();
    const changed = server.mail.messages().filter((m) => m.subject === 'Your Mobius password was changed');
    expect(changed).toHaveLength(1);
    expect(changed[0]?.to).toEqual([{ email }]);
    expect(changed[0]?.text).toContain('Hello Dana Whitfield,');
    expect(changed[0]?.text).toContain(`Forgot Password: ${server.url}/forgot-password`);
  });

  it('made no request to any other origin', () => {
    expect([...first.foreign, ...second.foreign]).toEqual([]);
  });
});
