import { useState } from 'react';
import { Button, Stack } from '@mantine/core';
import { PasswordField } from '../../../components/forms/PasswordField';
import { useForm } from '@mantine/form';
import { FormAlert } from '../../../components/forms/FormAlert';
import { useServerErrors } from '../../../components/forms/useServerErrors';
import {
  PASSWORD_MAX_BYTES,
  PASSWORD_MIN_CHARS,
  validateNewPassword,
  validatePasswordConfirmation,
} from '../validation';
import { usePasswordStrength } from '../hooks/usePasswordStrength';
import { loadedPasswordEstimator, strengthAdvice } from '../passwordStrength';
import { PasswordStrengthMeter } from './PasswordStrengthMeter';

export interface NewPasswordValues {
  password: string;
  passwordConfirmation: string;
}

/** What the form sends when it also asks for the current password (changing it while signed in). */
export interface ChangedPasswordValues extends NewPasswordValues {
  currentPassword: string;
}

type FormValues = ChangedPasswordValues;

const FIELDS = ['password', 'passwordConfirmation'] as const;
const FIELDS_WITH_CURRENT = ['currentPassword', 'password', 'passwordConfirmation'] as const;
/** The change-password API calls the new password `newPassword`. */
const API_ALIASES = { newPassword: 'password' } as const;

interface SetPasswordFormProps {
  submitLabel: string;
  /** The account's address on a link page: a hidden username field, so a password manager saves the new password with it. */
  username?: string | null;
  /**
   * Rejects with the API's error; field errors land next to "Password" / "Retype Password" (and "Current
   * password"). With `askCurrent` the values carry `currentPassword`, and the fields are emptied on success.
   */
  onSubmit: (values: NewPasswordValues & Partial<ChangedPasswordValues>) => Promise<void>;
  /**
   * Changing the password of a signed-in account: asks for the current one first, labels the others "New
   * password", and gives password managers the account's address as the username the password belongs to.
   */
  askCurrent?: { username: string };
}

/** Refuses on submit, as the API would, what the meter calls weak (once the estimator has loaded). */
function validateStrength(password: string): string | null {
  const strength = loadedPasswordEstimator()?.(password);
  if (!strength || strength.acceptable) return null;
  return `This password is too easy to guess. ${strengthAdvice(strength).join(' ')}`;
}

/**
 * "Password" and "Retype Password", as the help article names them, with a strength meter under the
 * first. Used by sign-up and reset links, and (with `askCurrent`) by Account settings › Change password.
 */
export function SetPasswordForm({ submitLabel, username, onSubmit, askCurrent }: SetPasswordFormProps) {
  const [password, setPassword] = useState('');
  const strength = usePasswordStrength(password);
  const fields = askCurrent ? FIELDS_WITH_CURRENT : FIELDS;
  const form = useForm<FormValues>({
    mode: 'uncontrolled',
    initialValues: { currentPassword: '', password: '', passwordConfirmation: '' },
    onValuesChange: (values) => setPassword(values.password),
    validate: {
      currentPassword: (value) => (askCurrent && value === '' ? 'Enter your current password.' : null),
      password: (value, values) =>
        validateNewPassword(value) ??
        (askCurrent && value === values.currentPassword
          ? 'Choose a new password that is different from your current one.'
          : validateStrength(value)),
      passwordConfirmation: (value, values) => validatePasswordConfirmation(value, values.password),
    },
  });
  const { formError, handleSubmit } = useServerErrors(form, fields, askCurrent ? API_ALIASES : undefined);

  const submit = async ({ currentPassword, ...values }: FormValues) => {
    if (!askCurrent) return onSubmit(values);
    await onSubmit({ ...values, currentPassword });
    form.reset();
    setPassword('');
  };

  return (
    <form noValidate aria-label={askCurrent ? 'Change password' : undefined} onSubmit={handleSubmit(submit)}>
      {username && !askCurrent && (
        <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
      )}
      <Stack gap="md">
        <FormAlert message={formError} />
        {askCurrent && (
          <>
            {/* For password managers: the account the new password belongs to (never shown, never sent). */}
            <input
              type="email"
              name="username"
              autoComplete="username"
              value={askCurrent.username}
              readOnly
              hidden
              aria-hidden
              tabIndex={-1}
            />
            <PasswordField
              label="Current password"
              autoComplete="current-password"
              aria-required
              key={form.key('currentPassword')}
              {...form.getInputProps('currentPassword')}
            />
          </>
        )}
        <PasswordField
          label={askCurrent ? 'New password' : 'Password'}
          description={`At least ${PASSWORD_MIN_CHARS} characters, at most ${PASSWORD_MAX_BYTES} bytes. A few unrelated words make a strong, memorable password.`}
          autoComplete="new-password"
          aria-required
          // On a page of its own the form is the task; in Account settings it is one section of several.
          autoFocus={!askCurrent}
          key={form.key('password')}
          {...form.getInputProps('password')}
        />
        {/* An error under the field already carries the advice. */}
        <PasswordStrengthMeter strength={strength} withAdvice={!form.errors.password} />
        <PasswordField
          label={askCurrent ? 'Retype new password' : 'Retype Password'}
          autoComplete="new-password"
          aria-required
          key={form.key('passwordConfirmation')}
          {...form.getInputProps('passwordConfirmation')}
        />
        <Button
          type="submit"
          size={askCurrent ? 'sm' : 'md'}
          fullWidth={!askCurrent}
          style={askCurrent ? { alignSelf: 'flex-start' } : undefined}
          loading={form.submitting}
        >
          {submitLabel}
        </Button>
      </Stack>
    </form>
  );
}
