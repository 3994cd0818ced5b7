import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { SingleUseTokenRecord } from '../../src/modules/tokens/single-use-token.entity';
import { launchBrowser, snapshot, watchForeignRequests } from '../support/browser';
import { errorOf, gql, MUTATIONS, startTestServer, type TestServer } from '../support/test-server';

/**
 * A person's whole account journey in Chromium: sign up → mailbox → link → set password →
 * dashboard → log out → forgot password → mailbox → reset → log in, with the error states (a wrong
 * password, the lockout after 10 failures that the reset lifts).
 */
describe('the account journey in a browser', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let foreign: string[];
  const email = 'bookkeeper@northwind-msp.test';
  const firstPassword = 'Ledger lines balance nicely 7';
  const secondPassword = 'Quarter close is done 2026!';

  beforeAll(async () => {
    server = await startTestServer({ dialect: 'sqlite', env: { TRUST_PROXY: 'false' } });
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    page = await context.newPage();
    foreign = watchForeignRequests(page, [server.url, server.mailboxUrl.replace(/\/$/, '')]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Opens the newest email with this subject in the demo mailbox and follows its button. */
  async function followLinkInMailbox(subject: string): Promise<string> {
    await server.settle();
    await page.goto(server.mailboxUrl);
    await page.getByRole('link', { name: subject }).first().click();
    const frame = page.frameLocator('iframe[title="Email body"]');
    const button = frame.getByRole('link', { name: /Confirm email and set password|Choose a new password/ });
    const href = (await button.getAttribute('href')) ?? '';
    await Promise.all([page.waitForURL((url) => url.toString().startsWith(server.url)), button.click()]);
    return href;
  }

  it('signs up, verifies the email and lands on the dashboard', async () => {
    await page.goto(`${server.url}/signup`);
    await snapshot(page, 'signup');
    await page.getByLabel('Email Address').fill(email);
    await page.getByLabel('Company name').fill('Northwind MSP');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    await snapshot(page, 'check-email');
    await page.getByText(`A link is on its way to ${email}.`).waitFor();

    const link = await followLinkInMailbox('Confirm your email address for Mobius');
    expect(link.startsWith(`${server.url}/verify-email?token=`)).toBe(true);
    await page.getByRole('heading', { name: 'Set your password' }).waitFor();
    await page.getByText(`For ${email}`).waitFor();
    // Opening the link used nothing up, and the token left the address bar.
    const rows = await server.db.dataSource.getRepository(SingleUseTokenRecord).find();
    expect(rows.filter((r) => r.purpose === 'EMAIL_VERIFICATION' && r.usedAt === null)).toHaveLength(1);
    expect(page.url()).not.toContain('token=');
    await snapshot(page, 'set-password');

    // The strength meter (its estimator is a chunk loaded by this page only) rates what is typed.
    await page.getByLabel('Password', { exact: true }).fill('Summer2024!!');
    await page.locator('[role="progressbar"][aria-label="Password strength"][aria-valuetext="Weak"]').waitFor();
    await page.getByText('Add another word or two. Uncommon words are better.').waitFor();
    await snapshot(page, 'password-strength');
    await page.getByLabel('Password', { exact: true }).fill(firstPassword);
    await page.locator('[role="progressbar"][aria-label="Password strength"][aria-valuetext="Strong"]').waitFor();
    await page.getByLabel('Retype Password').fill(`${firstPassword}x`);
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.getByText('Passwords do not match.', { exact: true }).waitFor();

    await page.getByLabel('Retype Password').fill(firstPassword);
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.getByRole('heading', { name: 'Configurations' }).waitFor();
    const body = (await page.textContent('body')) ?? '';
    expect(body).toContain('Configure ConnectWise PSA');
    expect(body).toContain('Set Up ConnectWise PSA');
    expect(body).toContain('Set Up QuickBooks Online');
    expect(body).toContain('Default');
    expect(body).toContain(email);
    await snapshot(page, 'dashboard');

    // The used link says so as it opens, and offers a new one.
    await page.goto(link);
    await page.getByText('This link was already used').waitFor();
    expect(await page.getByLabel('Password', { exact: true }).count()).toBe(0);
    await page.getByRole('button', { name: 'Send a new link' }).waitFor();
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { name: 'Configurations' }).waitFor();
  });

  it('logs out, and the session is gone', async () => {
    const [sessionCookie] = (await context.cookies(server.url)).filter((c) => c.httpOnly && /session/.test(c.name));
    expect(sessionCookie).toBeDefined();
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { name: 'Log in' }).waitFor();

    // The ended session's cookie brought back (a stale cookie): still the login page, no error, as before
    // API clients got their 401 (docs/security.md); only a sent Authorization header is refused outright.
    await context.addCookies([sessionCookie]);
    const answers: number[] = [];
    const record = (response: Response) => {
      if (new URL(response.url()).pathname === '/graphql') answers.push(response.status());
    };
    page.on('response', record);
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    page.off('response', record);
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.every((status) => status === 200)).toBe(true);
    await context.clearCookies({ name: sessionCookie?.name });
  });

  it('refuses a wrong password with a message a person understands', async () => {
    await page.goto(`${server.url}/login`);
    await snapshot(page, 'login');
    await page.getByLabel('Email Address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill('not my password at all');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByText('The email address or password is incorrect.').waitFor();
  });

  it('pauses logins after 10 failures, even with the right password, and points to Forgot Password', async () => {
    // Nine more wrong passwords from this same client (everything here comes from 127.0.0.1).
    for (let i = 0; i < 9; i += 1) {
      const res = await gql(server.url, MUTATIONS.login, { email, password: `Wrong guess number ${i}` });
      expect(errorOf(res).code).toBe('UNAUTHENTICATED');
    }
    await page.getByLabel('Password', { exact: true }).fill(firstPassword);
    await page.getByRole('button', { name: 'Log in' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Too many failed login attempts' });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(
      /Please try again in 1[45] minutes, or use Forgot Password to choose a new password and log in now\./,
    );
  });

  it('resets a forgotten password from the emailed link, which lifts the lockout, and logs in with it', async () => {
    await page.getByRole('link', { name: 'Forgot Password' }).click();
    await page.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
    await snapshot(page, 'forgot-password');
    await page.getByLabel('Email Address').fill(email);
    await page.getByRole('button', { name: 'Reset Password' }).click();
    await page.getByText(/a link to reset its password is on its way/).waitFor();

    const link = await followLinkInMailbox('Reset your Mobius password');
    expect(link.startsWith(`${server.url}/reset-password?token=`)).toBe(true);
    await page.getByRole('heading', { name: 'Reset your password' }).waitFor();
    await snapshot(page, 'reset-password');
    await page.getByLabel('Password', { exact: true }).fill(secondPassword);
    await page.getByLabel('Retype Password').fill(secondPassword);
    await page.getByRole('button', { name: 'Reset password' }).click();
    await page.getByRole('heading', { name: 'Configurations' }).waitFor();

    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    await page.getByLabel('Email Address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(firstPassword);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByText('The email address or password is incorrect.').waitFor();
    await page.getByLabel('Password', { exact: true }).fill(secondPassword);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Configurations' }).waitFor();
    await server.settle();
    expect(server.mail.messages().some((m) => m.subject === 'Your Mobius password was changed')).toBe(true);
  });

  it('made no request to any other origin', () => {
    expect(foreign).toEqual([]);
  });
});
