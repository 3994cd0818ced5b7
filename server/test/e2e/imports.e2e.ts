import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import {
  QBO_VENDOR_COLLISION_CUSTOMER,
  startConnectWiseSimulator,
  type ConnectWiseSimulator,
} from '../../src/simulators/connectwise';
import type { RunningServer } from '../../src/simulators/http';
import { startIntuitSimulator, type RunningIntuitSimulator } from '../../src/simulators/intuit';
import { cleanSnapshot, launchBrowser, watchForeignRequests } from '../support/browser';
import { importEnv } from '../support/imports';
import { sidewaysOverflow } from '../support/layout';
import { connectQuickBooks, defaultConfiguration, saveConnectWise, signIn, type Session } from '../support/quickbooks';
import { gql, startTestServer, type TestServer } from '../support/test-server';

interface Invoice {
  id: string;
  invoiceNumber: string;
  companyName: string;
  type: string;
  totalCents: number;
}

/** What a run's card shows: the progress bar's values and the counters under it. */
interface ProgressView {
  now: number;
  max: number;
  valueText: string;
  percent: string | null;
  status: string;
  counts: Record<string, string>;
}

const DEMO_INVOICES = 60;
const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const money = (cents: number) => usd.format(cents / 100);
const sum = (invoices: Invoice[]) => invoices.reduce((total, invoice) => total + invoice.totalCents, 0);

/**
 * The invoice import in Chromium, as a bookkeeper does it (docs/imports.md §1): the dashboard's invoices
 * waiting, the Import page's list with its filters and selection totals, Import all and its live progress,
 * the demo company's expected failures (its "Dell Technologies" customer collides with a QuickBooks vendor,
 * QBO fault 6240), the run's detail with QuickBooks' own message and the hint, Open in QuickBooks, the
 * mapping that resolves the collision, and Retry failed. The real server and the ConnectWise PSA and Intuit
 * simulators, on loopback.
 */
describe('importing invoices in a browser', () => {
  let psa: RunningServer & ConnectWiseSimulator;
  let intuit: RunningIntuitSimulator;
  let server: TestServer;
  let session: Session;
  let invoices: Invoice[];
  let collided: Invoice[];
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  /** Requests to other origins, per page (the QuickBooks documents open in tabs of their own). */
  const foreign: string[][] = [];
  let firstRunPath = '';

  beforeAll(async () => {
    psa = await startConnectWiseSimulator();
    intuit = await startIntuitSimulator();
    // QBO_APP_BASE_URL points "Open in QuickBooks" at the simulator's document pages.
    server = await startTestServer({ dialect: 'sqlite', intuit, env: importEnv(intuit) });
    session = await signIn(server, 'books@fabrikam-msp.test');
    await saveConnectWise(server, session, psa.url);
    const configurationId = (await defaultConfiguration(server, session)).id;
    expect((await connectQuickBooks(server, session, configurationId)).location).toContain('connected=1');
    // The PSA's list, to check the page's numbers against.
    const listed = await gql<{ unpostedInvoices: Invoice[] }>(
      server.url,
      'query($id: ID!) { unpostedInvoices(configurationId: $id) { id invoiceNumber companyName type totalCents } }',
      { id: configurationId },
      session,
    );
    invoices = listed.body.data?.unpostedInvoices ?? [];
    collided = invoices.filter((invoice) => invoice.companyName === QBO_VENDOR_COLLISION_CUSTOMER);

    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    await context.addCookies([
      { name: 'mobius_session', value: session.token, url: server.url, httpOnly: true, sameSite: 'Lax' },
    ]);
    const allowed = [server.url, intuit.url];
    // This page and the tabs "Open in QuickBooks" opens (whose own address is checked where they open).
    context.on('page', (opened) => foreign.push(watchForeignRequests(opened, allowed)));
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await intuit?.close();
    await psa?.close();
  });

  const nav = () => page.getByRole('navigation', { name: 'Main' });
  const main = () => page.getByRole('main');
  const shot = (name: string) => cleanSnapshot(page, name);
  /** The window only, for pages that run far below it (a list of 50 invoices), taken with no message showing. */
  const windowShot = async (name: string) => {
    const dir = process.env.SCREENSHOTS_DIR;
    if (!dir) return;
    expect(await page.locator('.mantine-Notification-root').count()).toBe(0);
    // Transitions finished at once (a switch just turned on is caught mid-slide otherwise).
    await page.screenshot({ path: path.join(dir, `${name}.png`), animations: 'disabled' });
  };
  const invoiceTable = () => main().getByRole('table', { name: 'Unposted invoices' });
  /** The text of one column of a table's rows (default: the unposted invoices). */
  const cellsOf = (column: number, table: Locator = invoiceTable()) =>
    table
      .locator('tbody tr')
      .evaluateAll(
        (rows, index) => rows.map((row) => row.querySelectorAll('td')[index]?.textContent?.trim() ?? ''),
        column,
      );
  const selection = () => main().getByRole('status', { name: 'Selection' });
  /** Waits for the selection bar to say exactly `text` (it follows each tick of a box). */
  const expectSelection = async (text: string) => {
    await selection().filter({ hasText: text }).waitFor();
    expect(await selection().textContent()).toBe(text);
  };

  /** Reads the bar and the counters of a run's card in one go (the page refreshes them every second). */
  function readProgress(card: Locator): Promise<ProgressView> {
    return card.evaluate((element) => {
      const bar = element.querySelector('[role="progressbar"]');
      const counts: Record<string, string> = {};
      for (const term of element.querySelectorAll('dt')) {
        counts[term.textContent ?? ''] = term.nextElementSibling?.textContent ?? '';
      }
      return {
        now: Number(bar?.getAttribute('aria-valuenow')),
        max: Number(bar?.getAttribute('aria-valuemax')),
        valueText: bar?.getAttribute('aria-valuetext') ?? '',
        percent:
          [...element.querySelectorAll('*')]
            .filter((node) => node.childElementCount === 0)
            .map((node) => node.textContent ?? '')
            .find((text) => /^\d+%$/.test(text)) ?? null,
        status: element.querySelector('[data-status]')?.textContent ?? '',
        counts,
      };
    });
  }

  /** Waits until the run's bar shows `low` to `high` of `total` done, with at least `imported` imported. */
  async function waitForBar(low: number, high: number, total: number, imported = 0) {
    const root = await main().elementHandle();
    await page.waitForFunction(
      ({ root, low, high, total, imported }) => {
        const bar = root?.querySelector('[role="progressbar"][aria-label="Import progress"]');
        const card = bar?.closest('section');
        const importedTerm = [...(card?.querySelectorAll('dt') ?? [])].find((term) => term.textContent === 'Imported');
        const now = Number(bar?.getAttribute('aria-valuenow'));
        return (
          Number(bar?.getAttribute('aria-valuemax')) === total &&
          now >= low &&
          now <= high &&
          Number(importedTerm?.nextElementSibling?.textContent) >= imported
        );
      },
      { root, low, high, total, imported },
      { timeout: 60_000, polling: 50 },
    );
  }

  it('shows the invoices waiting on the dashboard', async () => {
    expect(invoices).toHaveLength(DEMO_INVOICES);
    expect(collided.length).toBeGreaterThan(0);
    await page.goto(`${server.url}/`);
    const step = page.getByRole('listitem', { name: 'Step 2: Default' });
    await step.getByText(`${DEMO_INVOICES} invoices waiting to be imported.`).waitFor();
    await step.getByText('No imports yet.').waitFor();
    await shot('dashboard-imports');
  });

  it('lists the unposted invoices, with filters and the totals of the selection', async () => {
    await nav().getByRole('link', { name: 'Import into Default' }).click();
    await page.getByRole('heading', { name: 'Import into Default', level: 1 }).waitFor();
    await main()
      .getByRole('tab', { name: `Unposted invoices (${DEMO_INVOICES})` })
      .waitFor();
    await main().getByText(`Showing 1–50 of ${DEMO_INVOICES} invoices`).waitFor();
    expect(await invoiceTable().locator('tbody tr').count()).toBe(50);
    await expectSelection('No invoices selected');

    // Three invoices of the first page: their count and their sum.
    const firstThree = await cellsOf(1).then((numbers) => numbers.slice(0, 3));
    for (const number of firstThree) {
      await invoiceTable()
        .getByRole('checkbox', { name: new RegExp(`^Select (invoice|credit memo) ${number}$`) })
        .check();
    }
    const chosen = invoices.filter((invoice) => firstThree.includes(invoice.invoiceNumber));
    expect(chosen).toHaveLength(3);
    await expectSelection(`3 selected · total ${money(sum(chosen))}`);
    await main().getByRole('button', { name: 'Import selected (3)' }).waitFor();
    await windowShot('import-invoices');

    // The company filter narrows the list, and the selection and its total to what the list shows.
    await main().getByLabel('Company', { exact: true }).fill('Dell');
    await page.getByRole('option', { name: QBO_VENDOR_COLLISION_CUSTOMER }).click();
    await main().getByText(`Showing 1–${collided.length} of ${collided.length} invoices`).waitFor();
    expect(await cellsOf(3)).toEqual(collided.map(() => QBO_VENDOR_COLLISION_CUSTOMER));
    await expectSelection('No invoices selected');
    await invoiceTable()
      .getByRole('checkbox', { name: `Select all ${collided.length} invoices shown by the filters` })
      .check();
    await expectSelection(`${collided.length} selected · total ${money(sum(collided))}`);

    // Every company again: the earlier choice is back, with the new one.
    await main().getByRole('button', { name: 'Clear the company' }).click();
    await main().getByText(`Showing 1–50 of ${DEMO_INVOICES} invoices`).waitFor();
    const both = [...chosen, ...collided];
    await expectSelection(`${both.length} selected · total ${money(sum(both))}`);

    // "Select all" takes the 60 (both pages), then clears them.
    await invoiceTable()
      .getByRole('checkbox', { name: `Select all ${DEMO_INVOICES} invoices shown by the filters` })
      .check();
    await expectSelection(`${DEMO_INVOICES} selected · total ${money(sum(invoices))}`);
    await invoiceTable().getByRole('checkbox', { name: 'Clear the selection' }).uncheck();
    await expectSelection('No invoices selected');
  });

  it('imports all of them: the progress moves to 100%, and the Dell Technologies invoices fail', async () => {
    // A slower QuickBooks (each batch answers after 2 s) keeps the run's middle on screen for a few polls.
    intuit.controls.delayQbo(2000, 2, { pathIncludes: '/batch' });
    await main()
      .getByRole('button', { name: `Import all (${DEMO_INVOICES} invoices)` })
      .click();
    const dialog = page.getByRole('dialog', { name: `Import all ${DEMO_INVOICES} invoices?` });
    await dialog.getByText(`${money(sum(invoices))} in all`).waitFor();
    await dialog.getByRole('button', { name: `Import ${DEMO_INVOICES} invoices` }).click();
    await dialog.waitFor({ state: 'detached' });

    const card = main().getByRole('region', { name: 'Import in progress' });
    await card.waitFor();
    // Nothing can start while it works.
    expect(await main().getByRole('button', { name: 'Import all', exact: true }).getAttribute('aria-disabled')).toBe(
      'true',
    );

    // Part of the invoices in QuickBooks, the rest on their way.
    await waitForBar(1, DEMO_INVOICES - 1, DEMO_INVOICES, 1);
    const middle = await readProgress(card);
    expect(middle.status).toBe('Importing');
    expect(middle.valueText).toBe(`${middle.now} of ${DEMO_INVOICES} invoices`);
    expect(middle.percent).toBe(`${Math.round((middle.now * 100) / DEMO_INVOICES)}%`);
    const imported = Number(middle.counts.Imported);
    const failed = Number(middle.counts.Failed);
    expect(imported + failed + Number(middle.counts['Already imported'])).toBe(middle.now);
    expect(Number(middle.counts.Remaining)).toBe(DEMO_INVOICES - middle.now);
    await windowShot('import-progress');

    await waitForBar(DEMO_INVOICES, DEMO_INVOICES, DEMO_INVOICES);
    const finished = main().getByRole('region', { name: 'Import finished' });
    await finished.waitFor();
    const end = await readProgress(finished);
    expect(end).toMatchObject({
      now: DEMO_INVOICES,
      max: DEMO_INVOICES,
      percent: '100%',
      status: 'Some failed',
      counts: {
        Imported: String(DEMO_INVOICES - collided.length),
        Failed: String(collided.length),
        'Already imported': '0',
        Remaining: '0',
      },
    });
    await finished.getByRole('link', { name: `See why ${collided.length} invoices failed` }).waitFor();
    await finished.getByRole('button', { name: `Retry failed (${collided.length})` }).waitFor();
    // The flash message stays until the person closes it.
    const flash = page.getByRole('alert').filter({ hasText: 'Import finished with failures' });
    await flash.getByText(`${DEMO_INVOICES - collided.length} imported, ${collided.length} failed.`).waitFor();
    await flash.getByRole('button').click();
    await flash.waitFor({ state: 'detached' });

    // The list now holds only what is not in QuickBooks yet: the Dell Technologies invoices.
    await main().getByText(`Showing 1–${collided.length} of ${collided.length} invoices`).waitFor();
    expect(await cellsOf(3)).toEqual(collided.map(() => QBO_VENDOR_COLLISION_CUSTOMER));
    await main()
      .getByRole('button', { name: `Import all (${collided.length} invoices)` })
      .waitFor();
  });

  it('keeps the run in the history, and its detail says why each failed invoice failed', async () => {
    await main().getByRole('tab', { name: 'History' }).click();
    const history = main().getByRole('table', { name: 'Import history' });
    const rows = history.locator('tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(1);
    await rows.first().getByText('Some failed').waitFor();
    await rows.first().getByRole('link').first().click();

    await page.getByRole('heading', { name: /^Import of /, level: 1 }).waitFor();
    firstRunPath = new URL(page.url()).pathname;
    expect(firstRunPath).toMatch(/^\/quickbooks\/[^/]+\/import\/runs\/[^/]+$/);
    const results = main().getByRole('table', { name: 'Invoices of this import' });
    // A run with failures opens on them.
    expect(
      await main()
        .getByRole('radio', { name: `Failed (${collided.length})` })
        .isChecked(),
    ).toBe(true);
    await main().getByText(`Showing 1–${collided.length} of ${collided.length} invoices`).waitFor();
    const failedRows = results.locator('tbody tr');
    expect((await failedRows.allTextContents()).length).toBe(collided.length);
    for (const row of await failedRows.all()) {
      const text = (await row.textContent()) ?? '';
      expect(text).toContain(QBO_VENDOR_COLLISION_CUSTOMER);
      expect(text).toContain('Duplicate Name Exists');
      expect(text).toContain('What to do:');
      expect(text).toContain('Append the PSA account number to customer names');
    }
    expect((await cellsOf(0, results)).sort()).toEqual(collided.map((invoice) => invoice.invoiceNumber).sort());
    await windowShot('import-run-failed');
  });

  it('opens an imported invoice in QuickBooks Online', async () => {
    await main()
      .getByText(`Imported (${DEMO_INVOICES - collided.length})`)
      .click();
    await main()
      .getByText(`Showing 1–50 of ${DEMO_INVOICES - collided.length} invoices`)
      .waitFor();
    const results = main().getByRole('table', { name: 'Invoices of this import' });
    const row = results
      .locator('tbody tr')
      .filter({ has: page.getByRole('cell', { name: 'Invoice', exact: true }) })
      .first();
    const number = ((await row.locator('td').first().textContent()) ?? '').trim();
    const invoice = invoices.find((candidate) => candidate.invoiceNumber === number);
    if (!invoice) throw new Error(`no PSA invoice ${number}`);

    const [document] = await Promise.all([
      context.waitForEvent('page'),
      row.getByRole('link', { name: `Open in QuickBooks (${number}, opens in a new tab)` }).click(),
    ]);
    await document.waitForLoadState();
    expect(document.url()).toMatch(new RegExp(`^${intuit.url}/app/invoice\\?txnId=\\d+&companyId=\\d+$`));
    await document.getByRole('heading', { name: `Invoice ${number}`, level: 1 }).waitFor();
    expect(await document.getByRole('row', { name: /^Total / }).textContent()).toContain(money(invoice.totalCents));
    await document.close();
  });

  it('turns on "Append the PSA account number to customer names" and marking as exported in the mappings', async () => {
    await main().getByRole('link', { name: 'Mappings' }).click();
    const form = main().getByRole('form', { name: 'Import mappings' });
    await form.waitFor();
    expect(new URL(page.url()).hash).toBe('#mappings');
    // The defaults import the demo with no setup (docs/imports.md §1).
    expect(await form.getByLabel('Income account', { exact: true }).inputValue()).toBe('Default (Services)');
    expect(await form.getByLabel('Tax code for taxable lines', { exact: true }).inputValue()).toMatch(/^TAX\b/);
    expect(await form.getByLabel('Tax code for non-taxable lines', { exact: true }).inputValue()).toMatch(/^NON\b/);
    expect(await form.getByRole('radio', { name: 'Off' }).isChecked()).toBe(true);

    const append = form.getByRole('switch', { name: 'Append the PSA account number to customer names' });
    const markExported = form.getByRole('switch', { name: 'Mark invoices as exported in ConnectWise PSA' });
    expect(await append.isChecked()).toBe(false);
    expect(await markExported.isChecked()).toBe(false);
    await append.check();
    await markExported.check();
    // The window as the Mappings link leaves it: scrolled to the mappings.
    await windowShot('import-mappings');
    await form.getByRole('button', { name: 'Save mappings' }).click();
    await page.getByRole('alert').getByText('Mappings saved').waitFor();

    await page.reload();
    await form.waitFor();
    expect(await append.isChecked()).toBe(true);
    expect(await markExported.isChecked()).toBe(true);
  });

  it('retries the failed invoices: the new run reaches 100% with none failed', async () => {
    await page.goto(`${server.url}${firstRunPath}`);
    await main()
      .getByRole('button', { name: `Retry failed (${collided.length})` })
      .click();
    await page.waitForURL((url) => url.pathname !== firstRunPath && url.pathname.includes('/import/runs/'));
    await main().getByText('Retries the failed invoices of').waitFor();

    // Once finished, the run's page shows its result in place of its progress.
    const result = main().getByRole('region', { name: 'Result' });
    await result.waitFor();
    expect(await readProgress(result)).toMatchObject({
      now: collided.length,
      max: collided.length,
      percent: '100%',
      status: 'Succeeded',
      counts: { Imported: String(collided.length), Failed: '0', 'Already imported': '0', Remaining: '0' },
    });
    // Marked as exported by their GL entries: they leave ConnectWise PSA's unposted list (docs/imports.md §3 step 6).
    await result
      .getByText(/^ConnectWise PSA: Marked as exported in ConnectWise PSA \(accounting batch .+\)\.$/)
      .waitFor();
    await shot('import-retried');
    const results = main().getByRole('table', { name: 'Invoices of this import' });
    await main().getByText(`Showing 1–${collided.length} of ${collided.length} invoices`).waitFor();
    expect((await cellsOf(0, results)).sort()).toEqual(collided.map((invoice) => invoice.invoiceNumber).sort());
    expect(
      await main()
        .getByRole('button', { name: /^Retry failed/ })
        .count(),
    ).toBe(0);

    // In QuickBooks, the customer now carries its PSA account number.
    const number = collided[0]?.invoiceNumber ?? '';
    const [document] = await Promise.all([
      context.waitForEvent('page'),
      results.getByRole('link', { name: `Open in QuickBooks (${number}, opens in a new tab)` }).click(),
    ]);
    await document.getByRole('heading', { name: new RegExp(`^(Invoice|Credit memo) ${number}$`), level: 1 }).waitFor();
    // C1004: its account number in the demo company.
    expect(await document.getByRole('definition').first().textContent()).toBe(
      `${QBO_VENDOR_COLLISION_CUSTOMER} (C1004)`,
    );
    await document.close();
  });

  it('shows both runs in the history, and nothing waiting on the dashboard', async () => {
    await nav().getByRole('link', { name: 'Import into Default' }).click();
    await main().getByRole('tab', { name: 'History' }).click();
    const rows = main().getByRole('table', { name: 'Import history' }).locator('tbody tr');
    await rows.nth(1).waitFor();
    expect(await rows.count()).toBe(2);
    await rows.nth(0).getByText('Succeeded').waitFor();
    await rows.nth(0).getByText('Retry of').waitFor();
    await rows.nth(0).getByText('Marked as exported').waitFor();
    await rows.nth(1).getByText('Some failed').waitFor();
    await rows.nth(1).getByText('Not marked (setting off)').waitFor();
    await shot('import-history');

    // The 5 marked as exported are no longer unposted; the 55 of the first run are, and are in QuickBooks.
    const unposted = DEMO_INVOICES - collided.length;
    await main()
      .getByRole('tab', { name: `Unposted invoices (${unposted})` })
      .click();
    await main().getByRole('heading', { name: 'Every unposted invoice is already in Sandbox Company US 1' }).waitFor();
    await main().getByRole('switch', { name: 'Not yet imported' }).uncheck();
    await main().getByText(`Showing 1–50 of ${unposted} invoices`).waitFor();
    for (const cell of await cellsOf(2)) expect(cell).toMatch(/^ImportedOpen in QuickBooks/);

    await nav().getByRole('link', { name: 'Dashboard' }).click();
    const step = page.getByRole('listitem', { name: 'Step 2: Default' });
    await step.getByText('No unposted invoice is waiting: everything is in QuickBooks Online.').waitFor();
    await step.getByText('Succeeded').waitFor();
  });

  it('fits a phone: the Import page with its invoices, a run and the dashboard, measured element by element', async () => {
    const phone = await context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    const phoneMain = phone.getByRole('main');
    /** Nothing on the page runs past the window, and no control is reached only by scrolling something sideways. */
    const expectFits = async (where: string) => {
      const measured = await sidewaysOverflow(phone);
      expect({ where, ...measured }).toEqual({
        where,
        pageScrollsBy: 0,
        visibleBeyond: [],
        controlsBeyond: [],
        outOfTheirCard: [],
      });
    };

    await phone.goto(`${server.url}${firstRunPath.replace(/\/runs\/[^/]+$/, '')}`);
    await phoneMain.getByRole('switch', { name: 'Not yet imported' }).uncheck();
    await phoneMain.getByRole('table', { name: 'Unposted invoices' }).getByText('Open in QuickBooks').first().waitFor();
    await expectFits('invoices, imported ones included');
    await phoneMain.getByRole('tab', { name: 'History' }).click();
    await phoneMain.getByRole('table', { name: 'Import history' }).waitFor();
    await expectFits('import history');

    await phone.goto(`${server.url}${firstRunPath}`);
    await phoneMain.getByRole('table', { name: 'Invoices of this import' }).waitFor();
    await expectFits('an import run');

    await phone.goto(`${server.url}/`);
    await phoneMain.getByText('No unposted invoice is waiting: everything is in QuickBooks Online.').waitFor();
    await expectFits('dashboard');
    await phone.close();
  });

  it('made no request to any other origin than Mobius and the Intuit simulator', () => {
    expect(foreign.length).toBeGreaterThanOrEqual(3);
    expect(foreign.flat()).toEqual([]);
  });
});
