import { screen, waitFor, within } from '@testing-library/react';
import { Route } from 'react-router';
import { ImportSummariesDocument, MeDocument } from '../generated/graphql';
import {
  connectWiseConnection,
  connectedQuickBooks,
  importRun,
  importSummariesMock,
  importSummary,
  lostQuickBooks,
  overviewMock,
  quickBooksConfiguration,
  revalidateAnswer,
  revalidateMock,
} from '../test/fixtures';
import { graphQLError } from '../test/render';
import { renderPage } from '../test/render';
import { DashboardPage } from './DashboardPage';
import { mocked } from '../test/mocks';

const lost = lostQuickBooks('West Coast', { id: 'qb2', isDefault: false });
const me = mocked({
  request: { query: MeDocument },
  result: {
    data: {
      me: {
        __typename: 'Account',
        id: '1',
        email: 'bookkeeper@example.com',
        emailVerified: true,
        name: null,
        companyName: null,
      },
    },
  },
});
const routes = <Route path="/quickbooks/:id" element={<p>Configuration page</p>} />;

describe('DashboardPage', () => {
  beforeEach(() => window.sessionStorage.clear());

  it('sends the person to a lost configuration once, not every time', async () => {
    const overview = overviewMock(connectWiseConnection(), [connectedQuickBooks(), lost]);
    const summaries = importSummariesMock([importSummary(), importSummary({ configurationId: 'qb2', waiting: null })]);
    const first = renderPage(<DashboardPage />, { url: '/', mocks: [me, overview, summaries], routes });

    expect(await screen.findByText('Configuration page')).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent('/quickbooks/qb2');
    first.unmount();

    // Back on the dashboard in the same session: it stays, and shows the lost connection.
    renderPage(<DashboardPage />, { url: '/', mocks: [me, overview, summaries], routes });
    expect(await screen.findByText('Connection lost')).toBeInTheDocument();
    expect(
      screen.getByText('Your West Coast connection to QuickBooks Online has been lost. Please reconnect.'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent(/^\/$/);
  });

  it('stays on the dashboard when every connection works', async () => {
    renderPage(<DashboardPage />, {
      url: '/',
      mocks: [
        me,
        overviewMock(connectWiseConnection(), [connectedQuickBooks()]),
        importSummariesMock([importSummary()]),
      ],
      routes,
    });
    expect(await screen.findByText('Connected · Sandbox Company US 1')).toBeInTheDocument();
    expect(screen.getByText(/Your connections are set up/)).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/$/));
  });

  it('asks the server to check connections older than five minutes when it opens', async () => {
    const asked: string[] = [];
    renderPage(<DashboardPage />, {
      url: '/',
      mocks: [
        me,
        overviewMock(connectWiseConnection(), [connectedQuickBooks()]),
        {
          ...revalidateMock([connectedQuickBooks()]),
          result: () => (asked.push('connectionStatus(maxAgeSeconds: 300)'), revalidateAnswer([connectedQuickBooks()])),
        },
        overviewMock(connectWiseConnection(), [connectedQuickBooks()]),
        importSummariesMock([importSummary()]),
      ],
      routes,
    });
    expect(await screen.findByText('Connected · Sandbox Company US 1')).toBeInTheDocument();
    await waitFor(() => expect(asked).toEqual(['connectionStatus(maxAgeSeconds: 300)']));
    expect(screen.getByText('Connected · Sandbox Company US 1')).toBeInTheDocument();
  });

  it('explains a connection attempt that came back to the dashboard', async () => {
    renderPage(<DashboardPage />, {
      url: '/?error=INVALID_STATE',
      mocks: [me, overviewMock(connectWiseConnection())],
      routes,
    });
    expect(await screen.findByText('Connection not completed')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/$/));
  });

  it('shows per company the invoices waiting and the last import, with a link to import', async () => {
    const west = connectedQuickBooks({ id: 'qb2', name: 'West Coast', isDefault: false });
    const notConnected = quickBooksConfiguration({ id: 'qb3', name: 'Third Co', isDefault: false });
    const lastRun = importRun({
      id: 'run7',
      status: 'PARTIAL',
      succeeded: 40,
      failed: 2,
      skipped: 3,
      total: 45,
      done: 45,
    });
    renderPage(<DashboardPage />, {
      url: '/',
      mocks: [
        me,
        overviewMock(connectWiseConnection(), [connectedQuickBooks(), west, notConnected]),
        importSummariesMock([
          importSummary({ waiting: 17, lastRun }),
          importSummary({
            configurationId: 'qb2',
            waiting: null,
            waitingMessage: 'ConnectWise PSA: the site did not answer.',
          }),
          importSummary({
            configurationId: 'qb3',
            waiting: null,
            waitingMessage: 'Connect this company to QuickBooks Online to import into it.',
          }),
        ]),
      ],
      routes,
    });

    const defaultRow = await screen.findByRole('listitem', { name: 'Step 2: Default' });
    expect(await within(defaultRow).findByText('17 invoices waiting to be imported.')).toBeInTheDocument();
    expect(within(defaultRow).getByText('Some failed')).toBeInTheDocument();
    expect(within(defaultRow).getByText('40 imported, 2 failed, 3 already imported')).toBeInTheDocument();
    expect(within(defaultRow).getByRole('link', { name: /^Jan/ })).toHaveAttribute(
      'href',
      '/quickbooks/qb1/import/runs/run7',
    );
    expect(within(defaultRow).getByRole('link', { name: 'Import into Default' })).toHaveAttribute(
      'href',
      '/quickbooks/qb1/import',
    );

    const westRow = screen.getByRole('listitem', { name: 'Step 3: West Coast' });
    expect(within(westRow).getByText('ConnectWise PSA: the site did not answer.')).toBeInTheDocument();
    expect(within(westRow).getByText('No imports yet.')).toBeInTheDocument();

    const thirdRow = screen.getByRole('listitem', { name: 'Step 4: Third Co' });
    expect(within(thirdRow).queryByRole('link', { name: 'Import into Third Co' })).not.toBeInTheDocument();
  });

  it('keeps the dashboard when the import status cannot load', async () => {
    renderPage(<DashboardPage />, {
      url: '/',
      mocks: [
        me,
        overviewMock(connectWiseConnection(), [connectedQuickBooks()]),
        mocked({
          request: { query: ImportSummariesDocument },
          result: graphQLError('Something went wrong.', { code: 'INTERNAL_SERVER_ERROR' }),
        }),
      ],
      routes,
    });
    expect(await screen.findByText(/The import status could not load/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Import into Default' })).toBeInTheDocument();
  });
});
