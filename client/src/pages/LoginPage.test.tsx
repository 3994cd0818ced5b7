import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route } from 'react-router';
import { LoginDocument } from '../generated/graphql';
import { graphQLError, renderPage } from '../test/render';
import { LoginPage } from './LoginPage';
import { mocked } from '../test/mocks';

const credentials = { email: 'bookkeeper@example.com', password: 'correct horse battery' };

async function logIn(email = credentials.email, password = credentials.password) {
  const user = userEvent.setup();
  if (email) await user.type(screen.getByLabelText('Email Address'), email);
  if (password) await user.type(screen.getByLabelText('Password'), password);
  // Enter submits, as in any form.
  await user.keyboard('{Enter}');
}

describe('LoginPage', () => {
  it('has the fields and links the help article names', () => {
    renderPage(<LoginPage />, { url: '/login' });
    expect(screen.getByRole('heading', { name: 'Log in' })).toBeInTheDocument();
    expect(screen.getByLabelText('Email Address')).toHaveAttribute('autocomplete', 'email');
    expect(screen.getByLabelText('Password')).toHaveAttribute('autocomplete', 'current-password');
    expect(screen.getByRole('link', { name: 'Forgot Password' })).toHaveAttribute('href', '/forgot-password');
    expect(screen.getByRole('link', { name: 'Create an account' })).toHaveAttribute('href', '/signup');
  });

  it('shows the lockout message from the server, with Forgot Password at hand', async () => {
    const lockout =
      'Too many failed login attempts. Please try again in 12 minutes, or use Forgot Password to choose a new password and log in now.';
    const mock = mocked({
      request: { query: LoginDocument, variables: credentials },
      result: graphQLError(lockout, { code: 'RATE_LIMITED', retryAfterSeconds: 720 }),
    });
    renderPage(<LoginPage />, { url: '/login', mocks: [mock] });

    await logIn();

    expect(await screen.findByRole('alert')).toHaveTextContent(lockout);
    expect(screen.getByRole('link', { name: 'Forgot Password' })).toHaveAttribute('href', '/forgot-password');
  });

  it('shows the generic wrong-credentials message as a form-level alert', async () => {
    const mock = mocked({
      request: { query: LoginDocument, variables: credentials },
      result: graphQLError('The email address or password is incorrect.', { code: 'UNAUTHENTICATED' }),
    });
    renderPage(<LoginPage />, { url: '/login', mocks: [mock] });

    await logIn();

    expect(await screen.findByRole('alert')).toHaveTextContent('The email address or password is incorrect.');
  });

  it('focuses the first invalid field instead of calling the API', async () => {
    renderPage(<LoginPage />, { url: '/login' });

    await logIn('', '');

    const email = screen.getByLabelText('Email Address');
    expect(email).toHaveFocus();
    expect(email).toHaveAccessibleDescription(expect.stringContaining('Enter your email address.'));
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription(
      expect.stringContaining('Enter your password.'),
    );
  });

  it('goes to the dashboard after logging in', async () => {
    const mock = mocked({
      request: { query: LoginDocument, variables: credentials },
      result: {
        data: {
          login: {
            __typename: 'AuthPayload',
            account: {
              __typename: 'Account',
              id: '1',
              email: credentials.email,
              emailVerified: true,
              name: 'Dana',
              companyName: 'Acme IT',
            },
          },
        },
      },
    });
    renderPage(<LoginPage />, {
      url: '/login',
      mocks: [mock],
      routes: <Route path="/" element={<p>Dashboard home</p>} />,
    });

    await logIn();

    await waitFor(() => expect(screen.getByText('Dashboard home')).toBeInTheDocument());
  });
});
