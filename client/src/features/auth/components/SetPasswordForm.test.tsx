import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MantineProvider } from '@mantine/core';
import { theme } from '../../../app/theme';
import { SetPasswordForm } from './SetPasswordForm';

function renderForm() {
  const onSubmit = jest.fn(async () => undefined);
  render(
    <MantineProvider theme={theme}>
      <SetPasswordForm submitLabel="Set password" onSubmit={onSubmit} />
    </MantineProvider>,
  );
  return { onSubmit, user: userEvent.setup() };
}

const meter = () => screen.getByRole('progressbar', { name: 'Password strength' });

describe('SetPasswordForm strength meter', () => {
  it('rates the password as it is typed, with the reasons and how to improve it', async () => {
    const { user } = renderForm();
    await user.type(screen.getByLabelText('Password'), 'Password1234!');

    await waitFor(() => expect(meter()).toHaveAttribute('aria-valuetext', 'Very weak'));
    expect(screen.getByText('Very weak')).toBeVisible();
    const advice = screen.getByRole('list', { name: 'How to make it stronger' });
    expect(advice).toHaveTextContent('This is similar to a commonly used password.');
    expect(advice).toHaveTextContent('Add more words that are less common.');

    await user.clear(screen.getByLabelText('Password'));
    await user.type(screen.getByLabelText('Password'), 'Summer2024!!');
    await waitFor(() => expect(meter()).toHaveAttribute('aria-valuetext', 'Weak'));
    expect(screen.getByRole('list', { name: 'How to make it stronger' })).toHaveTextContent(
      'Add another word or two. Uncommon words are better.',
    );

    await user.clear(screen.getByLabelText('Password'));
    await user.type(screen.getByLabelText('Password'), 'Ledger lines balance nicely 7');
    await waitFor(() => expect(meter()).toHaveAttribute('aria-valuetext', 'Strong'));
    expect(screen.queryByRole('list', { name: 'How to make it stronger' })).not.toBeInTheDocument();
  });

  it('refuses a guessable password on submit with the advice next to the field, sending nothing', async () => {
    const { user, onSubmit } = renderForm();
    await user.type(screen.getByLabelText('Password'), 'iloveyou2024');
    await waitFor(() => expect(meter()).toHaveAttribute('aria-valuetext', 'Very weak'));
    await user.type(screen.getByLabelText('Retype Password'), 'iloveyou2024');
    await user.click(screen.getByRole('button', { name: 'Set password' }));

    expect(screen.getByLabelText('Password')).toHaveAccessibleDescription(
      expect.stringContaining(
        'This password is too easy to guess. This is similar to a commonly used password. Add more words that are less common.',
      ),
    );
    expect(screen.getByLabelText('Password')).toHaveFocus();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('submits a strong password', async () => {
    const { user, onSubmit } = renderForm();
    await user.type(screen.getByLabelText('Password'), 'Quarter close is done 2026!');
    await waitFor(() => expect(meter()).toHaveAttribute('aria-valuetext', 'Strong'));
    await user.type(screen.getByLabelText('Retype Password'), 'Quarter close is done 2026!');
    await user.click(screen.getByRole('button', { name: 'Set password' }));
    await waitFor(() =>
      expect(onSubmit).toHaveBeenCalledWith({
        password: 'Quarter close is done 2026!',
        passwordConfirmation: 'Quarter close is done 2026!',
      }),
    );
  });
});
