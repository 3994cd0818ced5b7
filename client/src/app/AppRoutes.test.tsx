import { MantineProvider } from '@mantine/core';
import { MockedProvider } from '@apollo/client/testing/react';
import type { MockLink } from '@apollo/client/testing';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { BrowserRouter } from 'react-router';
import { connectWiseConnection, overviewMock, quickBooksConfiguration } from '../test/fixtures';
import {
  AddQuickBooksCompanyDocument,
  ApiTokensDocument,
  CheckConnectWiseConnectionDocument,
  ConnectWiseConnectionDocument,
  LogoutDocument,
  SessionsDocument,
  MeDocument,
  QuickBooksConfigurationDocument,
} from '../generated/graphql';
import { createCache } from './apolloClient';
import { AppRoutes } from './AppRoutes';
import { theme } from './theme';
import { mocked } from '../test/mocks';

// The editor chunk (GraphiQL, Monaco and its workers) is for a real browser (server/test/e2e).
jest.mock('../features/playground/GraphiQLPlayground', () => ({ __esModule: true, default: () => 'GraphiQL editor' }));

const account = {
  __typename: 'Account',
  id: '1',
  email: 'bookkeeper@example.com',
  emailVerified: true,
  name: 'Dana',
  companyName: 'Acme IT',
};
const signedIn = mocked({ request: { query: MeDocument }, result: { data: { me: account } } });
const signedOut = mocked({ request: { query: MeDocument }, result: { data: { me: null } } });

const connection = connectWiseConnection();
const overview = (connectWise: typeof connection | null) => overviewMock(connectWise);
const notConfigured = overview(null);

function renderApp(url: string, mocks: ReadonlyArray<MockLink.MockedResponse>) {
  window.history.replaceState(null, '', url);
  return render(
    <MockedProvider mocks={mocks} cache={createCache()}>
      <MantineProvider theme={theme}>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </MantineProvider>
    </MockedProvider>,
  );
}

describe('AppRoutes', () => {
  it('sends a signed-out visitor of the dashboard to log in', async () => {
    renderApp('/', [signedOut]);
    expect(await screen.findByRole('heading', { name: 'Log in' })).toBeInTheDocument();
    expect(window.location.pathname).toBe('/login');
  });

  it('shows the dashboard shell to a signed-in account', async () => {
    renderApp('/', [signedIn, notConfigured]);

    expect(await screen.findByRole('heading', { name: 'Dashboard' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Configurations' })).toBeInTheDocument();
    expect(await screen.findByText('Start here', { exact: false })).toBeInTheDocument();
    expect(screen.getByText('bookkeeper@example.com')).toBeInTheDocument();

    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Dashboard' })).toHaveAttribute('aria-current', 'page');
    expect(within(nav).getByRole('link', { name: 'Set Up ConnectWise PSA' })).toHaveAttribute('href', '/connectwise');
    expect(within(nav).getByText('Set Up QuickBooks Online')).toBeInTheDocument();
    for (const name of ['Default', 'Add New Company']) {
      const entry = within(nav).getByRole('button', { name });
      expect(entry).toHaveAttribute('aria-disabled', 'true');
      expect(entry).toHaveAccessibleDescription('Configure ConnectWise PSA first');
    }
    const importEntry = within(nav).getByRole('button', { name: 'Import into Default' });
    expect(importEntry).toHaveAttribute('aria-disabled', 'true');
    expect(importEntry).toHaveAccessibleDescription('Connect ConnectWise PSA and this QuickBooks company first');
    expect(within(nav).getByRole('link', { name: 'Account settings' })).toHaveAttribute('href', '/settings');
    expect(within(nav).getByRole('link', { name: 'API playground' })).toHaveAttribute('href', '/playground');
    expect(screen.getByRole('button', { name: 'Log out' })).toBeInTheDocument();
  });

  it('sends a signed-in account away from the log-in page', async () => {
    renderApp('/login', [signedIn, notConfigured]);
    expect(await screen.findByRole('heading', { name: 'Dashboard' })).toBeInTheDocument();
    expect(window.location.pathname).toBe('/');
  });

  it('logs out, forgets the account and returns to log in', async () => {
    const logout = mocked({ request: { query: LogoutDocument }, result: jest.fn(() => ({ data: { logout: true } })) });
    const tokens = mocked({ request: { query: ApiTokensDocument }, result: { data: { apiTokens: [] } } });
    const sessions = mocked({ request: { query: SessionsDocument }, result: { data: { sessions: [] } } });
    renderApp('/settings', [
      signedIn,
      notConfigured,
      tokens,
      sessions,
      logout,
      signedOut,
      notConfigured,
      tokens,
      sessions,
    ]);

    await userEvent.click(await screen.findByRole('button', { name: 'Log out' }));

    expect(await screen.findByRole('heading', { name: 'Log in' })).toBeInTheDocument();
    expect(logout.result).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(window.location.pathname).toBe('/login'));
    expect(screen.queryByText('bookkeeper@example.com')).not.toBeInTheDocument();
  });

  it('opens the playground without a session, full width, with a way to log in', async () => {
    renderApp('/playground', [signedOut]);
    expect(await screen.findByRole('heading', { name: 'API playground', level: 1 })).toBeInTheDocument();
    expect(await screen.findByText('GraphiQL editor')).toBeInTheDocument();
    expect(window.location.pathname).toBe('/playground');
    expect(await screen.findByRole('link', { name: 'Log in to the dashboard' })).toHaveAttribute('href', '/login');
    expect(screen.getByText('<paste your API token>')).toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'Main' })).not.toBeInTheDocument();
  });

  it('offers a signed-in person the way back to the dashboard from the playground', async () => {
    renderApp('/playground', [signedIn]);
    expect(await screen.findByRole('link', { name: 'Back to the dashboard' })).toHaveAttribute('href', '/');
    expect(screen.queryByRole('navigation', { name: 'Main' })).not.toBeInTheDocument();
  });

  it('shows a 404 page for an unknown address', async () => {
    renderApp('/no-such-page', [signedOut]);
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeInTheDocument();
  });

  it('shows the ConnectWise PSA Configuration page inside the shell', async () => {
    const configuration = mocked({
      request: { query: ConnectWiseConnectionDocument },
      result: { data: { me: { __typename: 'Account', id: '1', connectWise: null } } },
    });
    renderApp('/connectwise', [signedIn, notConfigured, configuration]);
    expect(await screen.findByRole('heading', { name: 'ConnectWise PSA Configuration' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Set Up ConnectWise PSA' })).toHaveAttribute('aria-current', 'page');
    expect(await screen.findByLabelText('Site')).toBeInTheDocument();
  });

  it('offers QuickBooks Online once ConnectWise PSA is connected, after re-checking it once', async () => {
    const recheck = mocked({
      request: { query: CheckConnectWiseConnectionDocument, variables: { force: false } },
      result: jest.fn(() => ({ data: { checkConnectWiseConnection: connection } })),
    });
    renderApp('/', [signedIn, overview(connection), recheck]);

    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(await within(nav).findByRole('link', { name: 'Default' })).toHaveAttribute('href', '/quickbooks/qb1');
    expect(screen.getByText('Connected · Acme Managed Services')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Connect to QuickBooks Online' })).toHaveAttribute(
      'href',
      '/quickbooks/qb1',
    );
    await waitFor(() => expect(recheck.result).toHaveBeenCalledTimes(1));
  });

  it('adds a company from the sidebar and opens it', async () => {
    const second = quickBooksConfiguration({ id: 'qb2', name: 'West Coast LLC', isDefault: false });
    const add = mocked({
      request: { query: AddQuickBooksCompanyDocument, variables: { name: 'West Coast LLC' } },
      result: jest.fn(() => ({ data: { addQuickBooksCompany: second } })),
    });
    const page = mocked({
      request: { query: QuickBooksConfigurationDocument, variables: { id: 'qb2' } },
      result: { data: { quickBooksConfiguration: second } },
    });
    const recheck = mocked({
      request: { query: CheckConnectWiseConnectionDocument, variables: { force: false } },
      result: { data: { checkConnectWiseConnection: connection } },
    });
    renderApp('/', [
      signedIn,
      overview(connection),
      recheck,
      add,
      overviewMock(connection, [quickBooksConfiguration(), second]),
      page,
    ]);
    const user = userEvent.setup();

    const nav = await screen.findByRole('navigation', { name: 'Main' });
    await within(nav).findByRole('link', { name: 'Default' });
    const addCompany = within(nav).getByRole('button', { name: 'Add New Company' });
    expect(addCompany).not.toHaveAttribute('aria-disabled');
    await user.click(addCompany);
    const dialog = await screen.findByRole('dialog', { name: 'Add a QuickBooks Online company' });
    await user.type(within(dialog).getByLabelText('Company name'), 'West Coast LLC{Enter}');

    expect(await screen.findByRole('heading', { name: 'West Coast LLC', level: 1 })).toBeInTheDocument();
    expect(window.location.pathname).toBe('/quickbooks/qb2');
    expect(within(nav).getByRole('link', { name: 'West Coast LLC' })).toHaveAttribute('aria-current', 'page');
    expect(add.result).toHaveBeenCalledTimes(1);
  });
});
