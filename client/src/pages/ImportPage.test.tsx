import { act, screen, waitFor, within } from '@testing-library/react';
import { notifications } from '@mantine/notifications';
import userEvent from '@testing-library/user-event';
import type { MockLink } from '@apollo/client/testing';
import {
  ImportRunProgressDocument,
  ImportRunsDocument,
  QuickBooksConfigurationDocument,
  StartImportDocument,
  UnpostedInvoicesDocument,
  type ImportRunsQuery,
  type UnpostedInvoicesQuery,
} from '../generated/graphql';
import { POLL_INTERVAL_MS } from '../features/imports/hooks/useImports';
import {
  connectWiseConnection,
  connectedQuickBooks,
  importRun,
  lostQuickBooks,
  overviewMock,
  psaInvoice,
  type ImportRunAnswer,
  type PsaInvoiceAnswer,
} from '../test/fixtures';
import { graphQLError, renderPage } from '../test/render';
import { ImportPage } from './ImportPage';
import { mocked, type Answer } from '../test/mocks';

type Mock = MockLink.MockedResponse;
/** What a test changes about a list's answer: how long it takes, or the answer itself. */
type Extra<T> = Pick<MockLink.MockedResponse<Answer<T>>, 'delay' | 'result'>;
const config = connectedQuickBooks();

const invoices = [
  psaInvoice({ id: '101', invoiceNumber: 'INV-101', totalCents: 10000, date: '2025-10-31' }),
  psaInvoice({
    id: '102',
    invoiceNumber: 'CM-102',
    type: 'CreditMemo',
    companyId: 'c2',
    companyName: 'Foxhall Legal',
    totalCents: -2550,
    date: '2025-10-15',
  }),
  psaInvoice({ id: '103', invoiceNumber: 'INV-103', totalCents: 123456, date: '2025-09-30' }),
  psaInvoice({
    id: '104',
    invoiceNumber: 'INV-104',
    companyId: 'c3',
    companyName: 'Beacon Clinics',
    imported: true,
    qboUrl: 'https://app.qbo.intuit.com/app/invoice?txnId=77',
  }),
];

const invoicesMock = (list: PsaInvoiceAnswer[] = invoices, extra: Extra<UnpostedInvoicesQuery> = {}): Mock =>
  mocked({
    request: { query: UnpostedInvoicesDocument, variables: { configurationId: 'qb1' } },
    result: { data: { unpostedInvoices: list } },
    ...extra,
  });
const runsMock = (runs: ImportRunAnswer[] = [], extra: Extra<ImportRunsQuery> = {}): Mock =>
  mocked({
    request: { query: ImportRunsDocument, variables: { configurationId: 'qb1', limit: 20 } },
    result: { data: { importRuns: runs } },
    ...extra,
  });

/** Answers each poll of `run<id>` with the next state, repeating the last one. */
function progressMock(states: ReturnType<typeof importRun>[]) {
  let call = 0;
  const result = jest.fn(() => ({ data: { importRun: states[Math.min(call++, states.length - 1)] } }));
  const mock: Mock = mocked({
    request: { query: ImportRunProgressDocument, variables: { id: states[0]?.id } },
    result,
    maxUsageCount: 50,
  });
  return { mock, result };
}

function renderImport(mocks: Mock[], configuration: ReturnType<typeof connectedQuickBooks> = config) {
  return renderPage(<ImportPage />, {
    url: '/quickbooks/qb1/import',
    path: '/quickbooks/:id/import',
    withNotifications: true,
    mocks: [
      mocked({
        request: { query: QuickBooksConfigurationDocument, variables: { id: 'qb1' } },
        result: { data: { quickBooksConfiguration: configuration } },
      }),
      overviewMock(connectWiseConnection(), [configuration]),
      ...mocks,
    ],
  });
}

const selection = () => screen.getByRole('status', { name: 'Selection' });

describe('ImportPage', () => {
  afterEach(() => {
    act(() => notifications.clean());
    jest.useRealTimers();
  });

  it('lists the invoices not yet imported, with the totals of the selection and the filters', async () => {
    renderImport([invoicesMock(invoices, { delay: 1500 }), runsMock()]);
    const user = userEvent.setup();

    expect(await screen.findByRole('heading', { name: 'Import into Default', level: 1 })).toBeInTheDocument();
    expect(await screen.findByLabelText('Loading the unposted invoices')).toBeInTheDocument();
    const table = await screen.findByRole('table', { name: 'Unposted invoices' });
    expect(within(table).getAllByRole('row')).toHaveLength(4);
    expect(within(table).queryByText('INV-104')).not.toBeInTheDocument();
    expect(within(table).getByText('Credit memo')).toBeInTheDocument();
    expect(within(table).getByText('-$25.50')).toBeInTheDocument();
    expect(within(table).getByText('$1,234.56')).toBeInTheDocument();
    expect(selection()).toHaveTextContent('No invoices selected');

    await user.click(screen.getByRole('checkbox', { name: 'Select invoice INV-101' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select credit memo CM-102' }));
    expect(selection()).toHaveTextContent('2 selected · total $74.50');

    // Already imported ones show, with their QuickBooks document, once "Not yet imported" is off.
    await user.click(screen.getByRole('switch', { name: 'Not yet imported' }));
    expect(within(table).getByText('INV-104')).toBeInTheDocument();
    const open = within(table).getByRole('link', { name: /Open in QuickBooks/ });
    expect(open).toHaveAttribute('href', 'https://app.qbo.intuit.com/app/invoice?txnId=77');
    expect(open).toHaveAttribute('target', '_blank');
    expect(open).toHaveAttribute('rel', 'noopener noreferrer');
    expect(screen.getByRole('checkbox', { name: 'INV-104 is already imported' })).toBeDisabled();

    // One company: the credit memo of another is out of the selection and its totals.
    await user.click(screen.getByRole('combobox', { name: 'Company' }));
    await user.click(await screen.findByRole('option', { name: 'Acme Dental Group', hidden: true }));
    expect(within(table).queryByText('CM-102')).not.toBeInTheDocument();
    expect(selection()).toHaveTextContent('1 selected · total $100.00');

    await user.click(screen.getByRole('checkbox', { name: 'Select all 2 invoices shown by the filters' }));
    expect(selection()).toHaveTextContent('2 selected · total $1,334.56');
    await user.click(screen.getByRole('checkbox', { name: 'Clear the selection' }));
    expect(selection()).toHaveTextContent('No invoices selected');

    // Every company again, with a button a keyboard reaches.
    const clear = screen.getByRole('button', { name: 'Clear the company' });
    expect(clear).not.toHaveAttribute('tabindex', '-1');
    await user.click(clear);
    expect(within(table).getByText('CM-102')).toBeInTheDocument();
  });

  it('narrows the list to a date range picked on the calendar', async () => {
    renderImport([invoicesMock(), runsMock()]);
    const user = userEvent.setup();

    const table = await screen.findByRole('table', { name: 'Unposted invoices' });
    await user.click(screen.getByRole('button', { name: 'Invoice date' }));
    await user.click(await screen.findByRole('button', { name: '1 October 2025', hidden: true }));
    await user.click(screen.getByRole('button', { name: '20 October 2025', hidden: true }));

    await waitFor(() => expect(within(table).queryByText('INV-101')).not.toBeInTheDocument());
    expect(within(table).getByText('CM-102')).toBeInTheDocument();
    expect(within(table).queryByText('INV-103')).not.toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'Select all 1 invoice shown by the filters' })).toBeInTheDocument();
  });

  it('imports exactly the chosen invoices and shows the run’s progress', async () => {
    const queued = importRun({ id: 'run2', status: 'QUEUED', total: 0, done: 0, succeeded: 0, finishedAt: null });
    const start = mocked({
      request: { query: StartImportDocument, variables: { configurationId: 'qb1', invoiceIds: ['101', '103'] } },
      result: jest.fn(() => ({ data: { startImport: queued } })),
    });
    const running = importRun({ id: 'run2', status: 'RUNNING', total: 2, done: 1, succeeded: 1, finishedAt: null });
    const progress = progressMock([running]);
    renderImport([invoicesMock(), runsMock(), start, progress.mock]);
    const user = userEvent.setup();

    await user.click(await screen.findByRole('checkbox', { name: 'Select invoice INV-101' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select invoice INV-103' }));
    await user.click(screen.getByRole('button', { name: 'Import selected (2)' }));

    expect(await screen.findByRole('heading', { name: 'Import in progress' })).toBeInTheDocument();
    expect(start.result).toHaveBeenCalledTimes(1);
    await waitFor(() =>
      expect(screen.getByRole('progressbar', { name: 'Import progress' })).toHaveAttribute(
        'aria-valuetext',
        '1 of 2 invoices',
      ),
    );
    expect(selection()).toHaveTextContent('No invoices selected');
    const importSelected = screen.getByRole('button', { name: 'Import selected' });
    expect(importSelected).toHaveAttribute('aria-disabled', 'true');
    expect(importSelected).toHaveAccessibleDescription('An import into this company is running: wait for it to finish');
  });

  it('asks before Import all, saying how many, and sends no ids', async () => {
    const queued = importRun({ id: 'run3', status: 'QUEUED', total: 0, done: 0, succeeded: 0, finishedAt: null });
    const start = mocked({
      request: { query: StartImportDocument, variables: { configurationId: 'qb1', invoiceIds: null } },
      result: jest.fn(() => ({ data: { startImport: queued } })),
    });
    renderImport([invoicesMock(), runsMock(), start, progressMock([queued]).mock]);
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Import all (3 invoices)' }));
    const dialog = await screen.findByRole('dialog', { name: 'Import all 3 invoices?' });
    expect(dialog).toHaveTextContent('not in Sandbox Company US 1 yet: 3 invoices, $1,309.06 in all.');
    expect(dialog).toHaveTextContent('1 invoice already imported is skipped.');
    expect(start.result).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole('button', { name: 'Import 3 invoices' }));

    expect(await screen.findByRole('heading', { name: 'Import in progress' })).toBeInTheDocument();
    expect(start.result).toHaveBeenCalledTimes(1);
    // The dialog's closing transition hides the page from the accessibility tree until it is gone.
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(screen.getByRole('progressbar', { name: 'Import progress' })).toHaveAttribute(
      'aria-valuetext',
      'Waiting to start',
    );
  });

  it('picks up a run in progress on arrival, advances its bar, and stops asking once it has finished', async () => {
    // A fake clock that also runs on its own, so the end can jump past every poll that might still be scheduled.
    jest.useFakeTimers({ advanceTimers: true });
    const base = { id: 'run4', total: 3, finishedAt: null };
    const states = [
      importRun({ ...base, status: 'RUNNING', done: 1, succeeded: 1 }),
      importRun({ ...base, status: 'RUNNING', done: 2, succeeded: 1, failed: 1 }),
      importRun({
        ...base,
        status: 'PARTIAL',
        done: 3,
        succeeded: 2,
        failed: 1,
        finishedAt: '2026-01-06T09:01:00.000Z',
        message: '2 invoices imported, 1 failed.',
      }),
    ];
    const progress = progressMock(states);
    const refreshed = jest.fn(() => ({ data: { unpostedInvoices: invoices.slice(1) } }));
    renderImport([
      invoicesMock(),
      runsMock([states[0]]),
      progress.mock,
      invoicesMock(invoices, { result: refreshed }),
      runsMock([states[2]]),
    ]);

    const bar = await screen.findByRole('progressbar', { name: 'Import progress' });
    await waitFor(() => expect(bar).toHaveAttribute('aria-valuenow', '1'));
    expect(bar).toHaveAttribute('aria-valuemax', '3');
    // About once a second: a shared CI machine may be slower.
    await waitFor(() => expect(bar).toHaveAttribute('aria-valuenow', '2'), { timeout: 5000 });
    await waitFor(() => expect(bar).toHaveAttribute('aria-valuenow', '3'), { timeout: 5000 });

    expect(await screen.findByRole('heading', { name: 'Import finished' })).toBeInTheDocument();
    const toast = await screen.findByRole('alert', {}, { timeout: 3000 });
    expect(toast).toHaveTextContent('Import finished with failures');
    expect(toast).toHaveTextContent('2 invoices imported, 1 failed.');
    // The card's counters already say it; it points to why they failed, and to retrying them.
    const card = screen.getByRole('region', { name: 'Import finished' });
    expect(card).not.toHaveTextContent('2 invoices imported, 1 failed.');
    expect(within(card).getByRole('link', { name: 'See why 1 invoice failed' })).toHaveAttribute(
      'href',
      '/quickbooks/qb1/import/runs/run4',
    );
    expect(screen.getByRole('button', { name: 'Retry failed (1)' })).toBeInTheDocument();
    await waitFor(() => expect(refreshed).toHaveBeenCalledTimes(1), { timeout: 3000 });

    // Five poll periods pass at once on the fake clock: a poll still scheduled would run in them.
    const polls = progress.result.mock.calls.length;
    await act(() => jest.advanceTimersByTimeAsync(5 * POLL_INTERVAL_MS));
    expect(progress.result).toHaveBeenCalledTimes(polls);
  }, 25000);

  it('shows the run already in progress when the server refuses a second one', async () => {
    const start = mocked({
      request: { query: StartImportDocument, variables: { configurationId: 'qb1', invoiceIds: ['101'] } },
      result: graphQLError(
        'An import into this QuickBooks Online company is already queued or running. Wait for it to finish (its progress is on the Import page).',
        { code: 'BAD_USER_INPUT', field: 'configurationId', runId: 'run9' },
      ),
    });
    const other = importRun({ id: 'run9', status: 'RUNNING', total: 40, done: 12, succeeded: 12, trigger: 'AUTOSYNC' });
    renderImport([invoicesMock(), runsMock(), start, progressMock([other]).mock]);
    const user = userEvent.setup();

    await user.click(await screen.findByRole('checkbox', { name: 'Select invoice INV-101' }));
    await user.click(screen.getByRole('button', { name: 'Import selected (1)' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('An import is already running');
    expect(alert).toHaveTextContent('already queued or running');
    await waitFor(() =>
      expect(screen.getByRole('progressbar', { name: 'Import progress' })).toHaveAttribute(
        'aria-valuetext',
        '12 of 40 invoices',
      ),
    );
  });

  it('lists the runs newest first: who started them, their counts and the ConnectWise PSA mark', async () => {
    const first = importRun({
      id: 'run1',
      status: 'PARTIAL',
      succeeded: 55,
      failed: 5,
      total: 60,
      done: 60,
      message: '55 imported, 5 failed.',
    });
    const retried = importRun({
      id: 'run2',
      status: 'SUCCEEDED',
      trigger: 'RETRY',
      retryOfRunId: 'run1',
      total: 5,
      done: 5,
      succeeded: 5,
      message: '5 imported.',
      createdAt: '2026-01-06T10:00:00.000Z',
      markExported: true,
      exportState: 'DONE',
      exportMessage: 'Marked as exported in ConnectWise PSA (accounting batch “mobius-run2”).',
    });
    const stopped = importRun({
      id: 'run3',
      status: 'FAILED',
      trigger: 'AUTOSYNC',
      requestedBy: null,
      total: 3,
      done: 3,
      succeeded: 0,
      failed: 3,
      message: 'Your Default connection to QuickBooks Online has been lost. Please reconnect.',
      createdAt: '2026-01-06T11:00:00.000Z',
    });
    renderImport([invoicesMock(), runsMock([stopped, retried, first])]);
    const user = userEvent.setup();

    await user.click(await screen.findByRole('tab', { name: 'History' }));
    const table = await screen.findByRole('table', { name: 'Import history' });
    const [, autoSync, retry, person] = within(table).getAllByRole('row');
    expect(autoSync).toHaveTextContent('by AutoSync');
    expect(autoSync).toHaveTextContent('Failed');
    // Why it stopped: the counters do not say that.
    expect(autoSync).toHaveTextContent('has been lost. Please reconnect.');

    expect(retry).toHaveTextContent('by bookkeeper@example.com');
    expect(within(retry).getByRole('link', { name: /^the import of / })).toHaveAttribute(
      'href',
      '/quickbooks/qb1/import/runs/run1',
    );
    expect(retry).toHaveTextContent('Marked as exported');
    expect(retry).not.toHaveTextContent('accounting batch');
    expect(retry).not.toHaveTextContent('5 imported.');

    expect(person).toHaveTextContent('Some failed');
    expect(person).not.toHaveTextContent('55 imported, 5 failed.');
    expect(person).toHaveTextContent('Not marked (setting off)');
  });

  it('says when ConnectWise PSA has no unposted invoices', async () => {
    renderImport([invoicesMock([]), runsMock()]);
    expect(
      await screen.findByRole('heading', { name: 'ConnectWise PSA has no unposted invoices' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Import all/ })).not.toBeInTheDocument();
  });

  it('explains a ConnectWise PSA failure, links to the fix and tries again', async () => {
    const failed = invoicesMock([], {
      result: graphQLError('ConnectWise PSA: the API keys were refused.', { code: 'CONNECTWISE_INVALID_KEYS' }),
    });
    renderImport([failed, runsMock(), invoicesMock()]);
    const user = userEvent.setup();

    expect(await screen.findByRole('heading', { name: 'The unposted invoices could not load' })).toBeInTheDocument();
    expect(screen.getByText('ConnectWise PSA: the API keys were refused.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Open Set Up ConnectWise PSA' })).toHaveAttribute('href', '/connectwise');

    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('table', { name: 'Unposted invoices' })).toBeInTheDocument();
  });

  it('pages through thousands of invoices while "select all" takes every filtered one', async () => {
    const many = Array.from({ length: 2120 }, (_, i) =>
      psaInvoice({ id: String(1000 + i), invoiceNumber: `INV-${1000 + i}`, totalCents: 101 }),
    );
    renderImport([invoicesMock(many), runsMock()]);
    const user = userEvent.setup();

    const table = await screen.findByRole('table', { name: 'Unposted invoices' });
    expect(within(table).getAllByRole('row')).toHaveLength(51);
    expect(screen.getByText('Showing 1–50 of 2,120 invoices')).toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: 'Select all 2,120 invoices shown by the filters' }));
    expect(selection()).toHaveTextContent('2,120 selected · total $2,141.20');

    await user.click(screen.getByRole('button', { name: 'Next page' }));
    expect(screen.getByText('Showing 51–100 of 2,120 invoices')).toBeInTheDocument();
    expect(within(table).getByText('INV-1050')).toBeInTheDocument();
  });

  it('says why importing is not available for a lost connection', async () => {
    renderImport([], lostQuickBooks('Default'));
    expect(await screen.findByText('Importing is not available yet')).toBeInTheDocument();
    expect(screen.getByText(/Reconnect this QuickBooks company first/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Open Default' })).toHaveAttribute('href', '/quickbooks/qb1');
  });
});
