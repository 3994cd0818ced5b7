import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { notifications } from '@mantine/notifications';
import type { MockLink } from '@apollo/client/testing';
import {
  ImportRunDetailDocument,
  ImportRunProgressDocument,
  QuickBooksConfigurationDocument,
  RetryFailedImportDocument,
  type ImportRunDetailQuery,
} from '../generated/graphql';
import { connectedQuickBooks, importRun } from '../test/fixtures';
import { graphQLError, renderPage } from '../test/render';
import { ImportRunPage } from './ImportRunPage';
import { mocked, type Answer } from '../test/mocks';

type Mock = MockLink.MockedResponse;

type ImportRunDetailAnswer = Answer<NonNullable<ImportRunDetailQuery['importRun']>>;
type ImportResultAnswer = ImportRunDetailAnswer['results'][number];

function result(overrides: Partial<ImportResultAnswer> = {}): ImportResultAnswer {
  return {
    __typename: 'ImportResult',
    psaInvoiceId: '101',
    invoiceNumber: 'INV-101',
    companyName: 'Acme Dental Group',
    type: 'Standard',
    totalCents: 10000,
    currency: 'USD',
    status: 'SUCCEEDED',
    message: null,
    hint: null,
    qboDocumentType: 'Invoice',
    qboUrl: 'https://app.qbo.intuit.com/app/invoice?txnId=55',
    ...overrides,
  };
}

const QBO_MESSAGE =
  'Duplicate Name Exists Error: The name supplied already exists. : Another customer, vendor or employee is already using this name.';
const HINT = 'Turn on "Append the PSA account number to customer names" in the mappings, then retry.';

const partial: ImportRunDetailAnswer = {
  ...importRun({
    id: 'run1',
    status: 'PARTIAL',
    total: 3,
    done: 3,
    succeeded: 1,
    failed: 1,
    skipped: 1,
    message: '1 invoice imported, 1 failed, 1 already imported.',
    markExported: true,
    exportState: 'DONE',
    exportMessage: 'Marked as exported in ConnectWise PSA (accounting batch “mobius-run1”).',
  }),
  results: [
    result(),
    result({
      psaInvoiceId: '102',
      invoiceNumber: 'INV-102',
      companyName: 'Foxhall Legal',
      status: 'FAILED',
      message: QBO_MESSAGE,
      hint: HINT,
      qboDocumentType: null,
      qboUrl: null,
    }),
    result({ psaInvoiceId: '103', invoiceNumber: 'INV-103', status: 'SKIPPED', qboUrl: null }),
  ],
};

/** The run's counters, as the description list under its bar shows them. */
function counters(region: HTMLElement): Record<string, string | undefined> {
  return Object.fromEntries(
    within(region)
      .getAllByRole('term')
      .map((term) => [term.textContent, term.nextElementSibling?.textContent]),
  );
}

const detailMock = (run: ImportRunDetailAnswer | null, id = 'run1'): Mock =>
  mocked({
    request: { query: ImportRunDetailDocument, variables: { id } },
    result: { data: { importRun: run } },
  });

function renderRun(runId: string, mocks: Mock[]) {
  return renderPage(<ImportRunPage />, {
    url: `/quickbooks/qb1/import/runs/${runId}`,
    path: '/quickbooks/:id/import/runs/:runId',
    withNotifications: true,
    mocks: [
      mocked({
        request: { query: QuickBooksConfigurationDocument, variables: { id: 'qb1' } },
        result: { data: { quickBooksConfiguration: connectedQuickBooks() } },
        maxUsageCount: 5,
      }),
      ...mocks,
    ],
  });
}

describe('ImportRunPage', () => {
  afterEach(() => act(() => notifications.clean()));

  it('shows QuickBooks’ own message and what to do for a failed invoice', async () => {
    renderRun('run1', [detailMock(partial)]);
    const user = userEvent.setup();

    expect(await screen.findByRole('heading', { name: /^Import of /, level: 1 })).toBeInTheDocument();
    expect(screen.getByText(/Started by bookkeeper@example.com/)).toBeInTheDocument();
    // The counters say it; the run's counts message is not repeated under them.
    const summary = screen.getByRole('region', { name: 'Result' });
    expect(counters(summary)).toEqual({ Imported: '1', Failed: '1', 'Already imported': '1', Remaining: '0' });
    expect(screen.queryByText('1 invoice imported, 1 failed, 1 already imported.')).not.toBeInTheDocument();
    // The server's own sentence about the ConnectWise PSA batch, said once.
    expect(summary).toHaveTextContent(
      'ConnectWise PSA: Marked as exported in ConnectWise PSA (accounting batch “mobius-run1”).',
    );
    expect(screen.getByRole('link', { name: 'Import into Default' })).toHaveAttribute('href', '/quickbooks/qb1/import');
    // The hints send the person to the mappings before Retry failed.
    expect(screen.getByRole('link', { name: 'Mappings' })).toHaveAttribute('href', '/quickbooks/qb1#mappings');

    // A run with failures opens on them.
    const table = screen.getByRole('table', { name: 'Invoices of this import' });
    expect(screen.getByRole('radio', { name: 'Failed (1)' })).toBeChecked();
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    expect(within(table).getByText('INV-102')).toBeInTheDocument();
    expect(within(table).getByText(QBO_MESSAGE)).toBeInTheDocument();
    expect(within(table).getByText(HINT)).toBeInTheDocument();

    await user.click(screen.getByRole('radio', { name: 'All (3)' }));
    expect(within(table).getAllByRole('row')).toHaveLength(4);
    const open = within(table).getByRole('link', { name: /Open in QuickBooks/ });
    expect(open).toHaveAttribute('href', 'https://app.qbo.intuit.com/app/invoice?txnId=55');
    expect(open).toHaveAttribute('target', '_blank');
    expect(within(table).getAllByText('$100.00').length).toBeGreaterThan(0);
  });

  it('retries the failed invoices and shows the new run’s progress', async () => {
    const retryRun = importRun({
      id: 'run2',
      status: 'QUEUED',
      trigger: 'RETRY',
      retryOfRunId: 'run1',
      total: 0,
      done: 0,
      succeeded: 0,
      finishedAt: null,
    });
    const retry = mocked({
      request: { query: RetryFailedImportDocument, variables: { runId: 'run1' } },
      result: jest.fn(() => ({ data: { retryFailedImport: retryRun } })),
    });
    const running = { ...retryRun, status: 'RUNNING' as const, total: 1 };
    renderRun('run1', [
      detailMock(partial),
      retry,
      detailMock(
        {
          ...running,
          results: [result({ psaInvoiceId: '102', invoiceNumber: 'INV-102', status: 'PENDING', qboUrl: null })],
        },
        'run2',
      ),
      mocked({
        request: { query: ImportRunProgressDocument, variables: { id: 'run2' } },
        result: { data: { importRun: running } },
        maxUsageCount: 20,
      }),
    ]);
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Retry failed (1)' }));

    await waitFor(() => expect(window.location.pathname).toBe('/quickbooks/qb1/import/runs/run2'));
    expect(retry.result).toHaveBeenCalledTimes(1);
    expect(await screen.findByRole('heading', { name: 'Import in progress' })).toBeInTheDocument();
    expect(screen.getByText(/Retries the failed invoices of/)).toBeInTheDocument();
    expect(screen.getByText(/^Started by bookkeeper@example.com\./)).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByRole('progressbar', { name: 'Import progress' })).toHaveAttribute(
        'aria-valuetext',
        '0 of 1 invoices',
      ),
    );
    expect(screen.getByRole('radio', { name: 'Waiting (1)' })).toBeInTheDocument();
  });

  it('says the run is listing its invoices until it has planned them', async () => {
    const planning = importRun({ id: 'run3', status: 'RUNNING', total: 0, done: 0, succeeded: 0, finishedAt: null });
    renderRun('run3', [
      detailMock({ ...planning, results: [] }, 'run3'),
      mocked({
        request: { query: ImportRunProgressDocument, variables: { id: 'run3' } },
        result: { data: { importRun: planning } },
        maxUsageCount: 20,
      }),
    ]);

    expect(await screen.findByText('Listing the invoices of this import…')).toBeInTheDocument();
    const card = await screen.findByRole('region', { name: 'Import in progress' });
    expect(screen.getByRole('progressbar', { name: 'Import progress' })).toHaveAttribute(
      'aria-valuetext',
      'Listing the invoices to import',
    );
    // How many remain is not known yet: no misleading 0.
    expect(counters(card)).toEqual({ Imported: '0', Failed: '0', 'Already imported': '0', Remaining: '–' });
  });

  it('says why a retry was refused', async () => {
    const retry = mocked({
      request: { query: RetryFailedImportDocument, variables: { runId: 'run1' } },
      result: graphQLError('Your Default connection to QuickBooks Online has been lost. Please reconnect.', {
        code: 'QUICKBOOKS_NOT_CONNECTED',
      }),
    });
    renderRun('run1', [detailMock(partial), retry]);
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Retry failed (1)' }));
    expect(await screen.findByText('Could not retry the failed invoices')).toBeInTheDocument();
    expect(
      screen.getByText('Your Default connection to QuickBooks Online has been lost. Please reconnect.'),
    ).toBeInTheDocument();
  });

  it('says when the run does not exist', async () => {
    renderRun('nope', [detailMock(null, 'nope')]);
    expect(await screen.findByRole('heading', { name: 'Import not found' })).toBeInTheDocument();
  });
});
