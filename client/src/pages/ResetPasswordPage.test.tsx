import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { notifications } from '@mantine/notifications';
import { Route } from 'react-router';
import {
  EmailLinkDocument,
  ResetPasswordDocument,
  type EmailLinkQuery,
  type ResetPasswordMutation,
} from '../generated/graphql';
import { graphQLError, renderPage } from '../test/render';
import { ResetPasswordPage } from './ResetPasswordPage';
import { mocked, type Result } from '../test/mocks';

const TOKEN = 'reset-token-123';
const PASSWORD = 'a brand new passphrase';

function resetMock(result: () => Result<ResetPasswordMutation>) {
  return mocked({
    request: {
      query: ResetPasswordDocument,
      variables: { token: TOKEN, password: PASSWORD, passwordConfirmation: PASSWORD },
    },
    result: jest.fn(result),
  });
}

/** The `emailLink` answer the page reads as it opens. */
function linkMock(emailLink: EmailLinkQuery['emailLink']) {
  return mocked({
    request: { query: EmailLinkDocument, variables: { token: TOKEN, purpose: 'RESET' } },
    result: jest.fn(() => ({ data: { emailLink: { __typename: 'EmailLink', ...emailLink } } })),
  });
}

const validLink = () => linkMock({ valid: true, email: 'bookkeeper@example.com', reason: null });

async function submit() {
  const user = userEvent.setup();
  await user.type(await screen.findByLabelText('Password'), PASSWORD);
  await user.type(screen.getByLabelText('Retype Password'), PASSWORD);
  await user.click(screen.getByRole('button', { name: 'Reset password' }));
}

describe('ResetPasswordPage', () => {
  afterEach(() => jest.restoreAllMocks());

  it('strips the token from the URL and sends nothing until submitted', async () => {
    const mock = resetMock(() => ({ data: null }));
    renderPage(<ResetPasswordPage />, { url: `/reset-password?token=${TOKEN}`, mocks: [validLink(), mock] });

    await waitFor(() => expect(window.location.href).not.toContain(TOKEN));
    expect(await screen.findByLabelText('Password')).toHaveAttribute('autocomplete', 'new-password');
    expect(screen.getByLabelText('Retype Password')).toHaveAttribute('autocomplete', 'new-password');
    expect(mock.result).not.toHaveBeenCalled();
  });

  it('signs the user in and says the password has changed', async () => {
    const show = jest.spyOn(notifications, 'show');
    const mock = resetMock(() => ({
      data: {
        resetPassword: {
          __typename: 'AuthPayload',
          account: {
            __typename: 'Account',
            id: '1',
            email: 'bookkeeper@example.com',
            emailVerified: true,
            name: null,
            companyName: null,
          },
        },
      },
    }));
    renderPage(<ResetPasswordPage />, {
      url: `/reset-password?token=${TOKEN}`,
      mocks: [validLink(), mock],
      routes: <Route path="/" element={<p>Dashboard home</p>} />,
    });

    await submit();

    expect(await screen.findByText('Dashboard home')).toBeInTheDocument();
    expect(show).toHaveBeenCalledWith(expect.objectContaining({ message: 'Your password has been changed.' }));
  });

  it('names the account and keeps its address for the password manager', async () => {
    renderPage(<ResetPasswordPage />, { url: `/reset-password?token=${TOKEN}`, mocks: [validLink()] });

    expect((await screen.findByText('bookkeeper@example.com')).closest('p')).toHaveTextContent(
      'For bookkeeper@example.com',
    );
    const username = screen.getByLabelText('Password').closest('form')?.querySelector('input[name="username"]');
    expect(username).toHaveAttribute('autocomplete', 'username');
    expect(username).toHaveValue('bookkeeper@example.com');
  });

  it('says at once that a used or expired link is dead, and offers a new one', async () => {
    renderPage(<ResetPasswordPage />, {
      url: `/reset-password?token=${TOKEN}`,
      mocks: [linkMock({ valid: false, email: null, reason: 'EXPIRED' })],
    });

    expect(await screen.findByText('This link has expired')).toBeInTheDocument();
    expect(screen.queryByLabelText('Password')).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Request a new link' })).toHaveAttribute('href', '/forgot-password');
  });

  it('offers a new link when the token is refused on submit', async () => {
    const mock = resetMock(() => graphQLError('This link has expired or was already used.', { code: 'INVALID_TOKEN' }));
    renderPage(<ResetPasswordPage />, { url: `/reset-password?token=${TOKEN}`, mocks: [validLink(), mock] });

    await submit();

    expect(await screen.findByText('This link has expired or was already used')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Request a new link' })).toHaveAttribute('href', '/forgot-password');
  });
});
