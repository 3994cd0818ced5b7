import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { RequestPasswordResetDocument } from '../generated/graphql';
import { renderPage } from '../test/render';
import { ForgotPasswordPage } from './ForgotPasswordPage';
import { mocked } from '../test/mocks';

function resetMock(email: string) {
  return mocked({
    request: { query: RequestPasswordResetDocument, variables: { email } },
    result: jest.fn(() => ({ data: { requestPasswordReset: true } })),
  });
}

async function ask(user: ReturnType<typeof userEvent.setup>, email: string) {
  await user.type(screen.getByLabelText('Email Address'), email);
  await user.click(screen.getByRole('button', { name: 'Reset Password' }));
}

describe('ForgotPasswordPage', () => {
  it('says a link is on its way if the account exists, and counts the minute down before Send again', async () => {
    const mock = resetMock('bookkeeper@example.com');
    renderPage(<ForgotPasswordPage />, { url: '/forgot-password', mocks: [mock] });
    const user = userEvent.setup();

    await ask(user, 'bookkeeper@example.com');

    expect(await screen.findByRole('heading', { name: 'Check your email' })).toBeInTheDocument();
    expect(screen.getByText('bookkeeper@example.com').closest('p')).toHaveTextContent(
      'If an account exists for bookkeeper@example.com, a link to reset its password is on its way. The link expires in 1 hour.',
    );
    const sendAgain = screen.getByRole('button', { name: 'Send again' });
    expect(sendAgain).toBeDisabled();
    expect(sendAgain).toHaveAccessibleDescription(/^You can send another link in (59|60) s\.$/);
    expect(mock.result).toHaveBeenCalledTimes(1);
  });

  it('asks the same address again within the minute without sending: the first link is the one on its way', async () => {
    const first = resetMock('bookkeeper@example.com');
    const other = resetMock('owner@example.com');
    renderPage(<ForgotPasswordPage />, { url: '/forgot-password', mocks: [first, other] });
    const user = userEvent.setup();

    await ask(user, 'bookkeeper@example.com');
    await user.click(await screen.findByRole('button', { name: 'Use a different address' }));
    await ask(user, 'Bookkeeper@Example.com');

    expect(await screen.findByText('Bookkeeper@Example.com')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Send again' })).toBeDisabled();
    expect(first.result).toHaveBeenCalledTimes(1);

    // Another address has its own minute.
    await user.click(screen.getByRole('button', { name: 'Use a different address' }));
    await ask(user, 'owner@example.com');
    expect(await screen.findByText('owner@example.com')).toBeInTheDocument();
    expect(other.result).toHaveBeenCalledTimes(1);
  });
});
