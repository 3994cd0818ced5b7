import { screen, waitFor } from '@testing-library/react';
import { Route } from 'react-router';
import { MeDocument } from '../generated/graphql';
import { connectWiseConnection, connectedQuickBooks, lostQuickBooks, overviewMock } from '../test/fixtures';
import { renderPage } from '../test/render';
import { DashboardPage } from './DashboardPage';

const lost = lostQuickBooks('West Coast', { id: 'qb2', isDefault: false });
const me = {
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
};
const routes = <Route path="/quickbooks/:id" element={<p>Configuration page</p>} />;

describe('DashboardPage', () => {
  beforeEach(() => window.sessionStorage.clear());

  it('sends the person to a lost configuration once, not every time', async () => {
    const overview = overviewMock(connectWiseConnection(), [connectedQuickBooks(), lost]);
    const first = renderPage(<DashboardPage />, { url: '/', mocks: [me, overview], routes });

    expect(await screen.findByText('Configuration page')).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent('/quickbooks/qb2');
    first.unmount();

    // Back on the dashboard in the same session: it stays, and shows the lost connection.
    renderPage(<DashboardPage />, { url: '/', mocks: [me, overview], routes });
    expect(await screen.findByText('Connection lost')).toBeInTheDocument();
    expect(
      screen.getByText('Your West Coast connection to QuickBooks Online has been lost. Please reconnect.'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('location')).toHaveTextContent(/^\/$/);
  });

  it('stays on the dashboard when every connection works', async () => {
    renderPage(<DashboardPage />, {
      url: '/',
      mocks: [me, overviewMock(connectWiseConnection(), [connectedQuickBooks()])],
      routes,
    });
    expect(await screen.findByText('Connected · Sandbox Company US 1')).toBeInTheDocument();
    expect(screen.getByText(/Your connections are set up/)).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/^\/$/));
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
});
