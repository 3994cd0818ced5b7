import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ChangePasswordDocument } from '../../../generated/graphql';
import { graphQLError, renderPage } from '../../../test/render';
import { loadPasswordEstimator } from '../../auth/passwordStrength';
import { ChangePasswordSection } from './ChangePasswordForm';
import { mocked } from '../../../test/mocks';

const EMAIL = 'dana@northwind-msp.test';
const CURRENT = 'Correct horse battery staple 42';
const NEW = 'Quarter close is done 2026!';

const meter = () => screen.getByRole('progressbar', { name: 'Password strength' });

function changed() {
  return {
    data: {
      changePassword: {
        __typename: 'AuthPayload',
        account: {
          __typename: 'Account',
          id: 'a1',
          email: EMAIL,
          emailVerified: true,
          name: null,
          companyName: null,
        },
      },
    },
  };
}

async function fill(user: ReturnType<typeof userEvent.setup>, current: string, next: string, retyped = next) {
  if (current) await user.type(screen.getByLabelText('Current password'), current);
  await user.type(screen.getByLabelText('New password'), next);
  await waitFor(() => expect(meter()).toHaveAttribute('aria-valuetext'));
  await user.type(screen.getByLabelText('Retype new password'), retyped);
}

describe('ChangePasswordSection', () => {
  it('labels its fields for people and password managers', async () => {
    renderPage(<ChangePasswordSection email={EMAIL} />, { url: '/settings' });
    expect(screen.getByRole('heading', { name: 'Change password' })).toBeInTheDocument();
    expect(screen.getByLabelText('Current password')).toHaveAttribute('autocomplete', 'current-password');
    expect(screen.getByLabelText('New password')).toHaveAttribute('autocomplete', 'new-password');
    expect(screen.getByLabelText('Retype new password')).toHaveAttribute('autocomplete', 'new-password');
    // The account the password belongs to, for password managers only.
    const username = document.querySelector('input[autocomplete="username"]');
    expect(username).toHaveValue(EMAIL);
    expect(username).not.toBeVisible();
    // Not focused on its own: it is one section of the settings page.
    expect(screen.getByLabelText('New password')).not.toHaveFocus();
    // The strength meter's estimator finishes loading.
    await act(() => loadPasswordEstimator());
  });

  it('changes the password with the keyboard, says what happened and empties the fields', async () => {
    const change = jest.fn(changed);
    renderPage(<ChangePasswordSection email={EMAIL} />, {
      url: '/settings',
      mocks: [
        mocked({
          request: { query: ChangePasswordDocument, variables: { currentPassword: CURRENT, newPassword: NEW } },
          result: change,
        }),
      ],
    });
    const user = userEvent.setup();
    await user.click(screen.getByLabelText('Current password'));
    await user.keyboard(CURRENT);
    await user.tab();
    // The tab order passes the show-password toggle of each field.
    while (document.activeElement !== screen.getByLabelText('New password')) await user.tab();
    await user.keyboard(NEW);
    await waitFor(() => expect(meter()).toHaveAttribute('aria-valuetext', 'Strong'));
    await user.type(screen.getByLabelText('Retype new password'), `${NEW}{Enter}`);

    const notice = await screen.findByText(/Your password was changed\. Every other session was signed out/);
    // The emptied form keeps no focus: the notice takes it, so the keyboard carries on from there.
    await waitFor(() => expect(notice.closest('[tabindex="-1"]')).toHaveFocus());
    expect(change).toHaveBeenCalledTimes(1);
    expect(screen.getByLabelText('Current password')).toHaveValue('');
    expect(screen.getByLabelText('New password')).toHaveValue('');
    expect(screen.getByLabelText('Retype new password')).toHaveValue('');
  });

  it('checks before sending: current password given, new one strong, different and retyped alike', async () => {
    renderPage(<ChangePasswordSection email={EMAIL} />, { url: '/settings', mocks: [] });
    const user = userEvent.setup();
    await fill(user, '', NEW, `${NEW}x`);
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(screen.getByLabelText('Current password')).toHaveAccessibleDescription('Enter your current password.');
    expect(screen.getByLabelText('Current password')).toHaveFocus();
    expect(screen.getByLabelText('Retype new password')).toHaveAccessibleDescription('Passwords do not match.');

    await user.type(screen.getByLabelText('Current password'), NEW);
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(screen.getByLabelText('New password')).toHaveAccessibleDescription(
      expect.stringContaining('Choose a new password that is different from your current one.'),
    );

    await user.clear(screen.getByLabelText('New password'));
    await user.type(screen.getByLabelText('New password'), 'iloveyou2024');
    await waitFor(() => expect(meter()).toHaveAttribute('aria-valuetext', 'Very weak'));
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(screen.getByLabelText('New password')).toHaveAccessibleDescription(
      expect.stringContaining('This password is too easy to guess.'),
    );
  });

  it('puts a wrong current password next to its field and a refused new one next to "New password"', async () => {
    renderPage(<ChangePasswordSection email={EMAIL} />, {
      url: '/settings',
      mocks: [
        mocked({
          request: {
            query: ChangePasswordDocument,
            variables: { currentPassword: 'Not my password 1234', newPassword: NEW },
          },
          result: graphQLError('The current password is incorrect.', {
            code: 'BAD_USER_INPUT',
            field: 'currentPassword',
          }),
        }),
        mocked({
          request: { query: ChangePasswordDocument, variables: { currentPassword: CURRENT, newPassword: NEW } },
          result: graphQLError('Your password must not contain your email address.', {
            code: 'BAD_USER_INPUT',
            field: 'newPassword',
          }),
        }),
        mocked({
          request: { query: ChangePasswordDocument, variables: { currentPassword: CURRENT, newPassword: NEW } },
          result: graphQLError('Too many wrong passwords. Please try again in 15 minutes.', {
            code: 'RATE_LIMITED',
            retryAfterSeconds: 900,
          }),
        }),
      ],
    });
    const user = userEvent.setup();
    await fill(user, 'Not my password 1234', NEW);
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    await waitFor(() =>
      expect(screen.getByLabelText('Current password')).toHaveAccessibleDescription(
        'The current password is incorrect.',
      ),
    );
    expect(screen.getByLabelText('Current password')).toHaveFocus();

    await user.clear(screen.getByLabelText('Current password'));
    await user.type(screen.getByLabelText('Current password'), CURRENT);
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    await waitFor(() =>
      expect(screen.getByLabelText('New password')).toHaveAccessibleDescription(
        expect.stringContaining('Your password must not contain your email address.'),
      ),
    );
    expect(screen.getByLabelText('New password')).toHaveFocus();

    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Too many wrong passwords. Please try again in 15 minutes.',
    );
    expect(screen.queryByText(/Your password was changed/)).not.toBeInTheDocument();
  });
});
