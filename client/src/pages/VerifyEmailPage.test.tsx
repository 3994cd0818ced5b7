import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route } from 'react-router';
import {
  EmailLinkDocument,
  VerifyEmailDocument,
  SignupDocument,
  type EmailLinkQuery,
  type VerifyEmailMutation,
} from '../generated/graphql';
import { graphQLError, renderPage } from '../test/render';
import { VerifyEmailPage } from './VerifyEmailPage';
import { mocked, type Result } from '../test/mocks';

const TOKEN = 'a1b2c3d4e5f6';
const PASSWORD = 'correct horse battery';

const account = {
  __typename: 'Account',
  id: '1',
  email: 'bookkeeper@example.com',
  emailVerified: true,
  name: null,
  companyName: null,
};

function verifyMock(result: () => Result<VerifyEmailMutation>) {
  return mocked({
    request: {
      query: VerifyEmailDocument,
      variables: { token: TOKEN, password: PASSWORD, passwordConfirmation: PASSWORD },
    },
    result: jest.fn(result),
  });
}

/** The `emailLink` answer the page reads as it opens. */
function linkMock(emailLink: EmailLinkQuery['emailLink']) {
  return mocked({
    request: { query: EmailLinkDocument, variables: { token: TOKEN, purpose: 'VERIFY' } },
    result: jest.fn(() => ({ data: { emailLink: { __typename: 'EmailLink', ...emailLink } } })),
  });
}

const validLink = () => linkMock({ valid: true, email: 'bookkeeper@example.com', reason: null });

async function submitPasswords(password: string, confirmation: string) {
  const user = userEvent.setup();
  await user.type(await screen.findByLabelText('Password'), password);
  await user.type(screen.getByLabelText('Retype Password'), confirmation);
  await user.click(screen.getByRole('button', { name: 'Set password' }));
  return user;
}

describe('VerifyEmailPage', () => {
  it('does not call verifyEmail on mount and strips the token from the URL', async () => {
    const mock = verifyMock(() => ({ data: { verifyEmail: { __typename: 'AuthPayload', account } } }));
    const link = validLink();
    renderPage(<VerifyEmailPage />, { url: `/verify-email?token=${TOKEN}`, mocks: [link, mock] });

    expect(screen.getByRole('heading', { name: 'Set your password' })).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Checking your link…');
    expect(await screen.findByText('bookkeeper@example.com')).toBeInTheDocument();
    expect(link.result).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(window.location.search).toBe(''));
    expect(window.location.pathname).toBe('/verify-email');
    expect(window.location.href).not.toContain(TOKEN);
    // Give any stray effect time to fire a request.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(mock.result).not.toHaveBeenCalled();
  });

  it('submits the token read before it was stripped, then goes to the dashboard', async () => {
    const mock = verifyMock(() => ({ data: { verifyEmail: { __typename: 'AuthPayload', account } } }));
    renderPage(<VerifyEmailPage />, {
      url: `/verify-email?token=${TOKEN}`,
      mocks: [validLink(), mock],
      routes: <Route path="/" element={<p>Dashboard home</p>} />,
    });

    await submitPasswords(PASSWORD, PASSWORD);

    expect(await screen.findByText('Dashboard home')).toBeInTheDocument();
    expect(mock.result).toHaveBeenCalledTimes(1);
  });

  it('shows "Passwords do not match." next to Retype Password without calling the API', async () => {
    const mock = verifyMock(() => ({ data: null }));
    renderPage(<VerifyEmailPage />, { url: `/verify-email?token=${TOKEN}`, mocks: [validLink(), mock] });

    await submitPasswords(PASSWORD, 'correct horse battery!');

    const retype = screen.getByLabelText('Retype Password');
    expect(retype).toHaveAccessibleDescription(expect.stringContaining('Passwords do not match.'));
    expect(retype).toHaveAttribute('aria-invalid', 'true');
    expect(retype).toHaveFocus();
    expect(mock.result).not.toHaveBeenCalled();
  });

  it('explains the length rules next to Password', async () => {
    renderPage(<VerifyEmailPage />, { url: `/verify-email?token=${TOKEN}`, mocks: [validLink()] });

    await submitPasswords('short', 'short');
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription(
      expect.stringContaining('Use at least 10 characters.'),
    );

    const user = userEvent.setup();
    await user.clear(screen.getByLabelText('Password'));
    await user.type(screen.getByLabelText('Password'), 'é'.repeat(40));
    await user.click(screen.getByRole('button', { name: 'Set password' }));
    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription(expect.stringContaining('at most 72 bytes'));
  });

  it("shows the server's BAD_USER_INPUT for `password` next to Password", async () => {
    const mock = verifyMock(() =>
      graphQLError('This password is too common. Choose one that is harder to guess.', {
        code: 'BAD_USER_INPUT',
        field: 'password',
      }),
    );
    renderPage(<VerifyEmailPage />, { url: `/verify-email?token=${TOKEN}`, mocks: [validLink(), mock] });

    await submitPasswords(PASSWORD, PASSWORD);

    const password = screen.getByLabelText('Password');
    await waitFor(() =>
      expect(password).toHaveAccessibleDescription(expect.stringContaining('This password is too common.')),
    );
    expect(password).toHaveFocus();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('replaces the form with the expired-link state on INVALID_TOKEN and offers a new link', async () => {
    const mock = verifyMock(() =>
      graphQLError('This link has expired or was already used.', { code: 'INVALID_TOKEN' }),
    );
    const signup = mocked({
      request: { query: SignupDocument, variables: { email: 'bookkeeper@example.com' } },
      result: jest.fn(() => ({ data: { signup: true } })),
    });
    renderPage(<VerifyEmailPage />, {
      url: `/verify-email?token=${TOKEN}`,
      mocks: [validLink(), mock, signup],
      routes: <Route path="/check-email" element={<p>Check your email</p>} />,
    });

    const user = await submitPasswords(PASSWORD, PASSWORD);

    expect(await screen.findByText('This link has expired or was already used')).toBeInTheDocument();
    expect(screen.queryByLabelText('Retype Password')).not.toBeInTheDocument();

    await user.type(screen.getByLabelText('Email Address'), 'bookkeeper@example.com');
    await user.click(screen.getByRole('button', { name: 'Send a new link' }));

    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent('/check-email'));
    expect(signup.result).toHaveBeenCalledTimes(1);
  });

  it('treats a link without a token as not valid, without asking the server', () => {
    renderPage(<VerifyEmailPage />, { url: '/verify-email' });
    expect(screen.getByText('This link is not valid')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Send a new link' })).toBeInTheDocument();
  });

  it('names the account the link is for, with a hidden username a password manager saves with the password', async () => {
    renderPage(<VerifyEmailPage />, { url: `/verify-email?token=${TOKEN}`, mocks: [validLink()] });

    const forWhom = await screen.findByText('bookkeeper@example.com');
    expect(forWhom.closest('p')).toHaveTextContent('For bookkeeper@example.com');
    const form = screen.getByLabelText('Password').closest('form');
    const username = form?.querySelector('input[name="username"]');
    expect(username).toHaveAttribute('autocomplete', 'username');
    expect(username).toHaveAttribute('type', 'text');
    expect(username).toHaveValue('bookkeeper@example.com');
    expect(username).toHaveAttribute('readonly');
    expect(username).not.toBeVisible();
  });

  it.each([
    ['USED', 'This link was already used'],
    ['EXPIRED', 'This link has expired'],
    ['INVALID', 'This link is not valid'],
  ] as const)(
    'offers a new link as soon as the server calls the link %s, before any password is typed',
    async (reason, title) => {
      renderPage(<VerifyEmailPage />, {
        url: `/verify-email?token=${TOKEN}`,
        mocks: [linkMock({ valid: false, email: null, reason })],
      });

      expect(await screen.findByText(title)).toBeInTheDocument();
      expect(screen.queryByLabelText('Password')).not.toBeInTheDocument();
      expect(screen.getByRole('button', { name: 'Send a new link' })).toBeInTheDocument();
    },
  );

  it('shows the form, naming nobody, when the link cannot be read', async () => {
    const failing = mocked({
      request: { query: EmailLinkDocument, variables: { token: TOKEN, purpose: 'VERIFY' } },
      result: () => graphQLError('Too many invalid links were tried from your network.', { code: 'RATE_LIMITED' }),
    });
    renderPage(<VerifyEmailPage />, { url: `/verify-email?token=${TOKEN}`, mocks: [failing] });

    expect(await screen.findByLabelText('Password')).toBeInTheDocument();
    expect(document.querySelector('input[name="username"]')).toBeNull();
  });

  it('shows a form-level alert for an error that names no field', async () => {
    const mock = verifyMock(() =>
      graphQLError('Too many attempts. Please try again in 12 minutes.', { code: 'RATE_LIMITED' }),
    );
    renderPage(<VerifyEmailPage />, { url: `/verify-email?token=${TOKEN}`, mocks: [validLink(), mock] });

    await submitPasswords(PASSWORD, PASSWORD);

    expect(await screen.findByRole('alert')).toHaveTextContent('Too many attempts. Please try again in 12 minutes.');
  });
});
