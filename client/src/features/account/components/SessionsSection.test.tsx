import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route } from 'react-router';
import {
  SessionsDocument,
  SignOutEverywhereDocument,
  SignOutOtherSessionsDocument,
  SignOutSessionDocument,
  type SessionFieldsFragment,
} from '../../../generated/graphql';
import { graphQLError, renderPage } from '../../../test/render';
import { SessionsSection } from './SessionsSection';
import { mocked, type Answer } from '../../../test/mocks';

function session(overrides: Partial<Answer<SessionFieldsFragment>> = {}): Answer<SessionFieldsFragment> {
  return {
    __typename: 'Session',
    id: 's-this',
    device: 'Chrome on macOS',
    ip: '198.51.100.7',
    createdAt: '2026-01-05T10:00:00.000Z',
    lastSeenAt: '2026-01-05T10:00:00.000Z',
    current: true,
    ...overrides,
  };
}

const THIS = session();
const PHONE = session({ id: 's-phone', device: 'Safari on iOS', ip: '203.0.113.9', current: false });
const LAPTOP = session({ id: 's-laptop', device: 'Firefox on Windows', ip: '192.0.2.50', current: false });

const list = (sessions: ReturnType<typeof session>[]) =>
  mocked({
    request: { query: SessionsDocument },
    result: { data: { sessions } },
  });

describe('SessionsSection', () => {
  it('lists each session with its device, address and a badge on this device, which has no Sign out', async () => {
    renderPage(<SessionsSection />, { url: '/settings', mocks: [list([THIS, PHONE])] });

    const items = within(await screen.findByRole('list', { name: 'Signed-in sessions' })).getAllByRole('listitem');
    expect(items.map((item) => item.getAttribute('aria-label'))).toEqual(['Chrome on macOS', 'Safari on iOS']);
    expect(within(items[0]).getByText('This device')).toBeInTheDocument();
    expect(within(items[0]).queryByRole('button')).not.toBeInTheDocument();
    expect(within(items[1]).queryByText('This device')).not.toBeInTheDocument();
    expect(within(items[1]).getByText('From 203.0.113.9')).toBeInTheDocument();
    expect(within(items[1]).getByText(/^Signed in Jan 5, 2026.* · Last active Jan 5, 2026/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sign out all other sessions' })).toBeInTheDocument();
  });

  it('signs out one session after confirming, and shows the sessions left', async () => {
    const signOut = mocked({
      request: { query: SignOutSessionDocument, variables: { id: 's-phone' } },
      result: jest.fn(() => ({ data: { signOutSession: [THIS, LAPTOP] } })),
    });
    renderPage(<SessionsSection />, { url: '/settings', mocks: [list([THIS, PHONE, LAPTOP]), signOut] });
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Sign out Safari on iOS from 203.0.113.9' }));
    const dialog = await screen.findByRole('dialog', { name: 'Sign out Safari on iOS?' });
    expect(dialog).toHaveTextContent('The session from 203.0.113.9 is signed out on its next request');
    expect(signOut.result).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole('button', { name: 'Sign out' }));

    // Firefox was listed before too: wait for the signed-out session to leave, not for what was already there.
    await waitFor(() => expect(screen.queryByRole('listitem', { name: 'Safari on iOS' })).not.toBeInTheDocument());
    expect(screen.getByRole('listitem', { name: 'Firefox on Windows' })).toBeInTheDocument();
    expect(signOut.result).toHaveBeenCalledTimes(1);
  });

  it('keeps the dialog open with the reason when a sign-out is refused', async () => {
    const signOut = mocked({
      request: { query: SignOutSessionDocument, variables: { id: 's-phone' } },
      result: graphQLError('There is no such session in your account.', { code: 'NOT_FOUND', field: 'id' }),
    });
    renderPage(<SessionsSection />, { url: '/settings', mocks: [list([THIS, PHONE]), signOut] });
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Sign out Safari on iOS from 203.0.113.9' }));
    const dialog = await screen.findByRole('dialog', { name: 'Sign out Safari on iOS?' });
    await user.click(within(dialog).getByRole('button', { name: 'Sign out' }));

    expect(await within(dialog).findByText('There is no such session in your account.')).toBeInTheDocument();
  });

  it('signs out every other session after confirming, and says this is the only one left', async () => {
    const signOutOthers = mocked({
      request: { query: SignOutOtherSessionsDocument },
      result: jest.fn(() => ({ data: { signOutOtherSessions: [THIS] } })),
    });
    renderPage(<SessionsSection />, { url: '/settings', mocks: [list([THIS, PHONE, LAPTOP]), signOutOthers] });
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Sign out all other sessions' }));
    const dialog = await screen.findByRole('dialog', { name: 'Sign out all other sessions?' });
    expect(dialog).toHaveTextContent('This device stays signed in.');
    await user.click(within(dialog).getByRole('button', { name: 'Sign out all other sessions' }));

    expect(await screen.findByText('This is the only session signed in to your account.')).toBeInTheDocument();
    expect(screen.getAllByRole('listitem').map((item) => item.getAttribute('aria-label'))).toEqual(['Chrome on macOS']);
    await waitFor(() =>
      expect(screen.queryByRole('button', { name: 'Sign out all other sessions' })).not.toBeInTheDocument(),
    );
    expect(signOutOthers.result).toHaveBeenCalledTimes(1);
  });

  it('signs out everywhere after a confirm, this device included, and goes to the log-in page', async () => {
    const everywhere = mocked({
      request: { query: SignOutEverywhereDocument },
      result: jest.fn(() => ({ data: { signOutEverywhere: true } })),
    });
    renderPage(<SessionsSection />, {
      url: '/settings',
      mocks: [list([THIS, PHONE]), everywhere],
      routes: <Route path="/login" element={<h1>Log in</h1>} />,
      withNotifications: true,
    });
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Sign out everywhere' }));
    const dialog = await screen.findByRole('dialog', { name: 'Sign out everywhere?' });
    expect(dialog).toHaveTextContent('this one included');
    await user.click(within(dialog).getByRole('button', { name: 'Sign out everywhere' }));

    expect(await screen.findByRole('heading', { name: 'Log in' })).toBeInTheDocument();
    expect(await screen.findByText('You have been signed out everywhere, this device included.')).toBeInTheDocument();
    expect(everywhere.result).toHaveBeenCalledTimes(1);
  });

  it('says so when the sessions cannot load, and offers to try again', async () => {
    renderPage(<SessionsSection />, {
      url: '/settings',
      mocks: [
        mocked({
          request: { query: SessionsDocument },
          result: graphQLError('Something went wrong on our side.', { code: 'INTERNAL_SERVER_ERROR' }),
        }),
      ],
    });

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Sessions could not load');
    expect(within(alert).getByRole('button', { name: /try again/i })).toBeInTheDocument();
  });

  it('shows the empty state when no session is listed', async () => {
    renderPage(<SessionsSection />, { url: '/settings', mocks: [list([])] });
    expect(await screen.findByText('No signed-in sessions.')).toBeInTheDocument();
  });
});
