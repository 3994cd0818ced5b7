import { MantineProvider } from '@mantine/core';
import { MockedProvider } from '@apollo/client/testing/react';
import type { MockLink } from '@apollo/client/testing';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { BrowserRouter } from 'react-router';
import { LogoutDocument, MeDocument } from '../generated/graphql';
import { AppRoutes } from './AppRoutes';
import { theme } from './theme';

const account = {
  __typename: 'Account',
  id: '1',
  email: 'bookkeeper@example.com',
  emailVerified: true,
  name: 'Dana',
  companyName: 'Acme IT',
};
const signedIn = { request: { query: MeDocument }, result: { data: { me: account } } };
const signedOut = { request: { query: MeDocument }, result: { data: { me: null } } };

function renderApp(url: string, mocks: ReadonlyArray<MockLink.MockedResponse>) {
  window.history.replaceState(null, '', url);
  return render(
    <MockedProvider mocks={mocks}>
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
    renderApp('/', [signedIn]);

    expect(await screen.findByRole('heading', { name: 'Dashboard' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Configurations' })).toBeInTheDocument();
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
    expect(within(nav).getByRole('button', { name: 'Import' })).toHaveAttribute('aria-disabled', 'true');
    expect(within(nav).getByRole('link', { name: 'Account settings' })).toHaveAttribute('href', '/settings');
    expect(within(nav).getByRole('link', { name: 'API playground' })).toHaveAttribute('href', '/playground');
    expect(screen.getByRole('button', { name: 'Log out' })).toBeInTheDocument();
  });

  it('sends a signed-in account away from the log-in page', async () => {
    renderApp('/login', [signedIn]);
    expect(await screen.findByRole('heading', { name: 'Dashboard' })).toBeInTheDocument();
    expect(window.location.pathname).toBe('/');
  });

  it('logs out, forgets the account and returns to log in', async () => {
    const logout = { request: { query: LogoutDocument }, result: jest.fn(() => ({ data: { logout: true } })) };
    renderApp('/settings', [signedIn, logout, signedOut]);

    await userEvent.click(await screen.findByRole('button', { name: 'Log out' }));

    expect(await screen.findByRole('heading', { name: 'Log in' })).toBeInTheDocument();
    expect(logout.result).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(window.location.pathname).toBe('/login'));
    expect(screen.queryByText('bookkeeper@example.com')).not.toBeInTheDocument();
  });

  it('shows a 404 page for an unknown address', async () => {
    renderApp('/no-such-page', [signedOut]);
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeInTheDocument();
  });

  it('shows the ConnectWise PSA Configuration page inside the shell', async () => {
    renderApp('/connectwise', [signedIn]);
    expect(await screen.findByRole('heading', { name: 'ConnectWise PSA Configuration' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Set Up ConnectWise PSA' })).toHaveAttribute('aria-current', 'page');
  });
});
