import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { notifications } from '@mantine/notifications';
import { Route } from 'react-router';
import { ResetPasswordDocument } from '../generated/graphql';
import { graphQLError, renderPage } from '../test/render';
import { ResetPasswordPage } from './ResetPasswordPage';

const TOKEN = 'reset-token-123';
const PASSWORD = 'a brand new passphrase';

function resetMock(result: () => object) {
  return {
    request: {
      query: ResetPasswordDocument,
      variables: { token: TOKEN, password: PASSWORD, passwordConfirmation: PASSWORD },
    },
    result: jest.fn(result),
  };
}

async function submit() {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText('Password'), PASSWORD);
  await user.type(screen.getByLabelText('Retype Password'), PASSWORD);
  await user.click(screen.getByRole('button', { name: 'Reset password' }));
}

describe('ResetPasswordPage', () => {
  afterEach(() => jest.restoreAllMocks());

  it('strips the token from the URL and sends nothing until submitted', async () => {
    const mock = resetMock(() => ({ data: null }));
    renderPage(<ResetPasswordPage />, { url: `/reset-password?token=${TOKEN}`, mocks: [mock] });

    await waitFor(() => expect(window.location.href).not.toContain(TOKEN));
    expect(screen.getByLabelText('Password')).toHaveAttribute('autocomplete', 'new-password');
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
      mocks: [mock],
      routes: <Route path="/" element={<p>Dashboard home</p>} />,
    });

    await submit();

    expect(await screen.findByText('Dashboard home')).toBeInTheDocument();
    expect(show).toHaveBeenCalledWith(expect.objectContaining({ message: 'Your password has been changed.' }));
  });

  it('offers a new link when the token is expired or used', async () => {
    const mock = resetMock(() => graphQLError('This link has expired or was already used.', { code: 'INVALID_TOKEN' }));
    renderPage(<ResetPasswordPage />, { url: `/reset-password?token=${TOKEN}`, mocks: [mock] });

    await submit();

    expect(await screen.findByText('This link has expired or was already used')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Request a new link' })).toHaveAttribute('href', '/forgot-password');
  });
});
