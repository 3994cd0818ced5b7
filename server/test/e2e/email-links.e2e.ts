import type { Browser, BrowserContext, Page } from 'playwright-core';
import { IsNull } from 'typeorm';
import { Account } from '../../src/modules/account';
import { SingleUseTokenRecord } from '../../src/modules/tokens/single-use-token.entity';
import { launchBrowser, snapshot, watchForeignRequests } from '../support/browser';
import {
  createVerifiedAccount,
  gql,
  MUTATIONS,
  passEmailMinute,
  resetBudgets,
  startTestServer,
  STRONG_PASSWORD,
  tokenFromEmail,
  type TestServer,
} from '../support/test-server';

const VERIFY_SUBJECT = 'Confirm your email address for Mobius';
const RESET_SUBJECT = 'Reset your Mobius password';
const COUNTDOWN = /^You can send another link in (\d+) s\.$/;

/**
 * Emailed links in Chromium: "Send again" counts down the server's one-email-a-minute budget instead of claiming a
 * link it did not send; a reset link names its account as the page opens, and a used, expired or mangled one says
 * so before any password is typed; a reset through the emailed link lifts the login lockout.
 */
describe('emailed links in a browser', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let foreign: string[];

  beforeAll(async () => {
    // Every request from the browser is 127.0.0.1: one client for every throttle.
    server = await startTestServer({ dialect: 'sqlite', env: { TRUST_PROXY: 'false' } });
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    page = await context.newPage();
    foreign = watchForeignRequests(page, [server.url, server.mailboxUrl.replace(/\/$/, '')]);
    // The page's clock is Playwright's, so the countdown can be moved on without waiting a minute.
    await page.clock.install();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const messagesTo = async (email: string, subject: string) => {
    await server.settle();
    return server.mail.messages().filter((m) => m.subject === subject && m.to.some((to) => to.email === email));
  };

  /** The seconds the countdown shows under "Send again". */
  async function countdown(): Promise<number> {
    const text = (await page.getByText(COUNTDOWN).textContent()) ?? '';
    return Number(COUNTDOWN.exec(text)?.[1]);
  }

  /** Lets the page's clock run on by `ms` (each second's tick fires). */
  const pass = (ms: number) => page.clock.runFor(ms);

  it('counts the minute down after a sign-up, then sends another link and counts again', async () => {
    const email = 'countdown@northwind-msp.test';
    await page.goto(`${server.url}/signup`);
    await page.getByLabel('Email Address').fill(email);
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByRole('heading', { name: 'Check your email' }).waitFor();
    await page.getByText(`A link is on its way to ${email}.`).waitFor();

    const sendAgain = page.getByRole('button', { name: 'Send again' });
    await page.getByText(COUNTDOWN).waitFor();
    expect(await sendAgain.isDisabled()).toBe(true);
    expect(await countdown()).toBeGreaterThanOrEqual(58);
    await snapshot(page, 'check-email-countdown');

    await pass(30_000);
    await page.getByText(/^You can send another link in (2\d|30) s\.$/).waitFor();
    expect(await sendAgain.isDisabled()).toBe(true);
    // A reload keeps the countdown: the time of the send travels with the address in history state.
    await page.reload();
    await page.getByText(/^You can send another link in (2\d|30) s\.$/).waitFor();
    expect(await sendAgain.isDisabled()).toBe(true);
    expect(await messagesTo(email, VERIFY_SUBJECT)).toHaveLength(1);

    // The minute passes for the server's budget and for the page.
    await passEmailMinute(server);
    await pass(31_000);
    await page.getByText(COUNTDOWN).waitFor({ state: 'detached' });
    expect(await sendAgain.isEnabled()).toBe(true);

    await sendAgain.click();
    await page
      .getByRole('status')
      .getByText(`Another link is on its way to ${email}. Use the newest one: it replaces the earlier link.`)
      .waitFor();
    await page.getByText(COUNTDOWN).waitFor();
    expect(await sendAgain.isDisabled()).toBe(true);
    expect(await countdown()).toBeGreaterThanOrEqual(58);
    expect(await messagesTo(email, VERIFY_SUBJECT)).toHaveLength(2);
  });

  describe('a reset link', () => {
    const email = 'links@northwind-msp.test';
    let usedLink = '';

    beforeAll(async () => {
      await createVerifiedAccount(server, email);
    });

    async function resetLink(): Promise<string> {
      await resetBudgets(server);
      server.mail.clear();
      await gql(server.url, MUTATIONS.requestPasswordReset, { email });
      await server.settle();
      return `${server.url}/reset-password?token=${tokenFromEmail(server.mail, email, '/reset-password')}`;
    }

    it('names its account as the page opens, for the person and for a password manager', async () => {
      usedLink = await resetLink();
      await page.goto(usedLink);
      await page.getByRole('heading', { name: 'Reset your password' }).waitFor();
      await page.getByText(`For ${email}`).waitFor();
      const username = page.locator('form input[name="username"]');
      expect(await username.getAttribute('autocomplete')).toBe('username');
      expect(await username.inputValue()).toBe(email);
      expect(await username.isHidden()).toBe(true);
      expect(page.url()).not.toContain('token=');
      await snapshot(page, 'reset-password-for');

      await page.getByLabel('Password', { exact: true }).fill('Quarter close is done 2026!');
      await page.getByLabel('Retype Password').fill('Quarter close is done 2026!');
      await page.getByRole('button', { name: 'Reset password' }).click();
      await page.getByRole('heading', { name: 'Configurations' }).waitFor();
      await page.getByRole('button', { name: 'Log out' }).click();
      await page.getByRole('heading', { name: 'Log in' }).waitFor();
    });

    it('says a used link was used as the page opens, before any password is typed', async () => {
      await page.goto(usedLink);
      await page.getByText('This link was already used').waitFor();
      expect(await page.getByLabel('Password', { exact: true }).count()).toBe(0);
      await page.getByRole('link', { name: 'Request a new link' }).waitFor();
    });

    it('says an expired link has expired as the page opens', async () => {
      const link = await resetLink();
      // The hour passes: the live link's expiry moves into the past.
      const { id: accountId } = await server.db.dataSource.getRepository(Account).findOneByOrFail({ email });
      await server.db.dataSource
        .getRepository(SingleUseTokenRecord)
        .update({ purpose: 'PASSWORD_RESET', accountId, usedAt: IsNull() }, { expiresAt: new Date(Date.now() - 1000) });
      await page.goto(link);
      await page.getByText('This link has expired', { exact: true }).waitFor();
      expect(await page.getByLabel('Password', { exact: true }).count()).toBe(0);
      await snapshot(page, 'reset-password-expired');
    });

    it('says a mangled link is not valid', async () => {
      await page.goto(`${server.url}/reset-password?token=${'x'.repeat(20)}`);
      await page.getByText('This link is not valid').waitFor();
      expect(await page.getByLabel('Password', { exact: true }).count()).toBe(0);
    });
  });

  it('lifts the login lockout by a reset through the emailed link', async () => {
    const email = 'locked@northwind-msp.test';
    await createVerifiedAccount(server, email);
    await resetBudgets(server);
    const newPassword = 'Ledger lines balance nicely 7';

    // docs/login-protection.md: 10 failed logins of one account from one client within 15 minutes lock it there.
    await page.goto(`${server.url}/login`);
    await page.getByLabel('Email Address').fill(email);
    const answered = () =>
      page.waitForResponse(
        (response) => response.url().endsWith('/graphql') && (response.request().postData() ?? '').includes('login('),
      );
    for (let i = 0; i < 10; i += 1) {
      await page.getByLabel('Password', { exact: true }).fill(`Wrong guess number ${i}`);
      await Promise.all([answered(), page.getByRole('button', { name: 'Log in' }).click()]);
      await page.getByText('The email address or password is incorrect.').waitFor();
    }
    await page.getByLabel('Password', { exact: true }).fill(STRONG_PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    const locked = page.getByRole('alert').filter({ hasText: 'Too many failed login attempts' });
    await locked.waitFor();
    expect(await locked.textContent()).toMatch(/or use Forgot Password to choose a new password and log in now\./);

    await page.getByRole('link', { name: 'Forgot Password' }).click();
    await page.getByRole('heading', { name: 'Forgot your password?' }).waitFor();
    await page.getByLabel('Email Address').fill(email);
    await page.getByRole('button', { name: 'Reset Password' }).click();
    await page
      .getByText(
        `If an account exists for ${email}, a link to reset its password is on its way. The link expires in 1 hour.`,
      )
      .waitFor();
    // Asking again at once would send nothing: the page counts the server's minute down instead.
    await page.getByText(COUNTDOWN).waitFor();
    expect(await page.getByRole('button', { name: 'Send again' }).isDisabled()).toBe(true);
    await snapshot(page, 'forgot-password-countdown');

    await server.settle();
    await page.goto(server.mailboxUrl);
    await page.getByRole('link', { name: RESET_SUBJECT }).first().click();
    const button = page.frameLocator('iframe[title="Email body"]').getByRole('link', { name: 'Choose a new password' });
    await Promise.all([page.waitForURL((url) => url.toString().startsWith(server.url)), button.click()]);
    await page.getByText(`For ${email}`).waitFor();
    await page.getByLabel('Password', { exact: true }).fill(newPassword);
    await page.getByLabel('Retype Password').fill(newPassword);
    await page.getByRole('button', { name: 'Reset password' }).click();
    await page.getByRole('heading', { name: 'Configurations' }).waitFor();

    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    await page.getByLabel('Email Address').fill(email);
    await page.getByLabel('Password', { exact: true }).fill(newPassword);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByRole('heading', { name: 'Configurations' }).waitFor();
    expect(await page.getByText('Too many failed login attempts').count()).toBe(0);
  });

  it('made no request to any other origin', () => {
    expect(foreign).toEqual([]);
  });
});
