import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SignupDocument } from '../generated/graphql';
import { renderPage } from '../test/render';
import { CheckEmailPage } from './CheckEmailPage';
import { mocked } from '../test/mocks';

const EMAIL = 'bookkeeper@example.com';

function signupMock() {
  return mocked({
    request: { query: SignupDocument, variables: { email: EMAIL } },
    result: jest.fn(() => ({ data: { signup: true } })),
  });
}

describe('CheckEmailPage', () => {
  it('counts the minute after the sign-up down before Send again can be used', () => {
    renderPage(<CheckEmailPage />, { url: '/check-email', state: { email: EMAIL, sentAt: Date.now() } });

    expect(screen.getByText(EMAIL).closest('p')).toHaveTextContent(`A link is on its way to ${EMAIL}.`);
    const sendAgain = screen.getByRole('button', { name: 'Send again' });
    expect(sendAgain).toBeDisabled();
    expect(sendAgain).toHaveAccessibleDescription(/^You can send another link in (59|60) s\.$/);
  });

  it('sends another link once the minute is over, says so, and counts the next minute down', async () => {
    const mock = signupMock();
    // The sign-up was asked for a moment short of a minute ago.
    renderPage(<CheckEmailPage />, {
      url: '/check-email',
      state: { email: EMAIL, sentAt: Date.now() - 59_200 },
      mocks: [mock],
    });
    const sendAgain = screen.getByRole('button', { name: 'Send again' });
    expect(sendAgain).toBeDisabled();
    await waitFor(() => expect(sendAgain).toBeEnabled());
    expect(screen.queryByText(/You can send another link in/)).not.toBeInTheDocument();

    await userEvent.setup().click(sendAgain);

    expect(await screen.findByRole('status')).toHaveTextContent(
      `Another link is on its way to ${EMAIL}. Use the newest one: it replaces the earlier link.`,
    );
    expect(mock.result).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('button', { name: 'Send again' })).toBeDisabled();
    expect(screen.getByText(/^You can send another link in (59|60) s\.$/)).toBeInTheDocument();
    // A reload keeps the countdown: the new send's time is in history state.
    const saved = (window.history.state as { usr?: { sentAt?: unknown } }).usr;
    expect(typeof saved?.sentAt).toBe('number');
  });

  it('lets a link be asked for at once when the page does not know of a recent one', () => {
    renderPage(<CheckEmailPage />, { url: '/check-email', state: { email: EMAIL } });
    expect(screen.getByRole('button', { name: 'Send again' })).toBeEnabled();
    expect(screen.queryByText(/You can send another link in/)).not.toBeInTheDocument();
  });
});
