import type { Browser, Page, Request } from 'playwright-core';
import { startConnectWiseSimulator, type ConnectWiseSimulator } from '../../src/simulators/connectwise';
import type { RunningServer } from '../../src/simulators/http';
import { launchBrowser, snapshot, watchForeignRequests } from '../support/browser';
import { waitUntilTrue } from '../support/layout';
import { CONNECTWISE_TEST_ENV, saveConnectWise, signIn, type Session } from '../support/quickbooks';
import { gql, startTestServer, type TestServer } from '../support/test-server';

const CREATE_TOKEN = 'mutation($name: String!) { createApiToken(name: $name) { token } }';

/**
 * The GraphQL playground in Chromium, as a partner uses it: no dashboard session, only an API token pasted
 * into its headers; and as a signed-in person uses it, on the session cookie.
 */
describe('the GraphQL playground in a browser', () => {
  let psa: RunningServer & ConnectWiseSimulator;
  let server: TestServer;
  let session: Session;
  let token = '';
  let browser: Browser;

  beforeAll(async () => {
    psa = await startConnectWiseSimulator();
    server = await startTestServer({ dialect: 'sqlite', env: CONNECTWISE_TEST_ENV });
    session = await signIn(server, 'partner.tools@fabrikam-msp.test');
    await saveConnectWise(server, session, psa.url);
    const created = await gql<{ createApiToken: { token: string } }>(
      server.url,
      CREATE_TOKEN,
      { name: 'Playground' },
      { token: session.token },
    );
    token = created.body.data?.createApiToken.token ?? '';
    expect(token).toMatch(/^mob_/);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await psa?.close();
  });

  const HEADERS = '.monaco-editor[data-uri$="request-headers.json"]';
  const headersEditor = (page: Page) => page.locator(HEADERS);
  /** An editor's text as Monaco draws it (its spaces are no-break spaces). */
  const editorText = async (page: Page, selector: string) =>
    ((await page.locator(`${selector} .view-lines`).first().textContent()) ?? '').replace(/\u00a0/g, ' ');

  /** Pastes into the focused editor as the clipboard would (typing would get Monaco's auto-closed quotes). */
  async function paste(page: Page, text: string) {
    await page.evaluate(`(() => {
      const data = new DataTransfer();
      data.setData('text/plain', ${JSON.stringify(text)});
      document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    })()`);
  }

  /** Waits until Monaco has drawn the text in the editor (it draws on the next frame after an edit). */
  async function waitForEditorText(page: Page, selector: string, text: string) {
    await waitUntilTrue(
      page,
      `(() => {
      const lines = document.querySelector(${JSON.stringify(`${selector} .view-lines`)});
      return lines !== null && lines.textContent.replace(/\\u00a0/g, ' ').includes(${JSON.stringify(text)});
    })()`,
    );
  }

  /** Runs the query in the editor and waits for the response pane to show `expected` (part of the answer). */
  async function run(page: Page, expected: string): Promise<{ answer: string; request: Request }> {
    const requested = page.waitForRequest(
      (request) =>
        new URL(request.url()).pathname === '/graphql' && (request.postData() ?? '').includes('ConnectionStatus'),
    );
    await page.getByRole('button', { name: /^Execute query/ }).click();
    const request = await requested;
    await waitForEditorText(page, '.graphiql-response', expected);
    return { answer: await editorText(page, '.graphiql-response'), request };
  }

  it('runs the example with nothing but a pasted API token (no session cookie)', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    const page = await context.newPage();
    const foreign = watchForeignRequests(page, [server.url]);
    try {
      await page.goto(`${server.url}/playground`);
      await page.getByRole('heading', { name: 'API playground', level: 1 }).waitFor();
      // Full width, on its own: no dashboard frame, and the way to the dashboard for someone signed out.
      expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
      await page.getByRole('link', { name: 'Log in to the dashboard' }).waitFor();
      expect(await page.getByText('Meant for a larger screen').isVisible()).toBe(false);
      await headersEditor(page).waitFor();
      expect(await editorText(page, HEADERS)).toContain('"Authorization": "Bearer <paste your API token>"');
      expect(await editorText(page, '.graphiql-query-editor')).toContain('connectionStatus {');
      expect(await context.cookies(server.url)).toEqual([]);

      await headersEditor(page).locator('.view-lines').click();
      await page.keyboard.press('ControlOrMeta+A');
      await paste(page, JSON.stringify({ Authorization: `Bearer ${token}` }));
      await waitForEditorText(page, HEADERS, `Bearer ${token}`);

      const { answer, request } = await run(page, '"name": "Default"');
      expect(request.headers()['authorization']).toBe(`Bearer ${token}`);
      expect((await request.allHeaders())['cookie']).toBeUndefined();
      expect(answer).toContain('"connectionStatus"');
      expect(answer).toContain('"state": "CONNECTED"');
      expect(answer).toContain('"name": "Default"');
      expect(answer).not.toContain('"errors"');
      // For the documentation: the answer, with the placeholder back in the headers (no token in a screenshot).
      await headersEditor(page).locator('.view-lines').click();
      await page.keyboard.press('ControlOrMeta+A');
      await paste(page, '{\n  "Authorization": "Bearer <paste your API token>"\n}');
      await waitForEditorText(page, HEADERS, '<paste your API token>');
      await snapshot(page, 'playground');

      // A wrong token is refused plainly, in the response pane.
      await headersEditor(page).locator('.view-lines').click();
      await page.keyboard.press('ControlOrMeta+A');
      await paste(page, JSON.stringify({ Authorization: 'Bearer mob_not_a_real_token' }));
      await waitForEditorText(page, HEADERS, 'mob_not_a_real_token');
      const refused = await run(page, 'Invalid or revoked API token.');
      expect(refused.answer).toContain('Invalid or revoked API token.');
      expect(foreign).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('runs the example on the session cookie of a signed-in person while the placeholder is there', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    await context.addCookies([
      { name: 'mobius_session', value: session.token, url: server.url, httpOnly: true, sameSite: 'Lax' },
    ]);
    const page = await context.newPage();
    try {
      await page.goto(`${server.url}/playground`);
      await page.getByRole('link', { name: 'Back to the dashboard' }).waitFor();
      await headersEditor(page).waitFor();
      const { answer, request } = await run(page, '"name": "Default"');
      expect(request.headers()['authorization']).toBeUndefined();
      expect((await request.allHeaders())['cookie']).toContain('mobius_session=');
      expect(answer).toContain('"name": "Default"');
      expect(answer).not.toContain('"errors"');

      await page.getByRole('link', { name: 'Back to the dashboard' }).click();
      await page.getByRole('heading', { name: 'Configurations' }).waitFor();
    } finally {
      await context.close();
    }
  });
});
