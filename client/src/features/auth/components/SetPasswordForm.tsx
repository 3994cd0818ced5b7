import { useState } from 'react';
import { Button, Stack } from '@mantine/core';
import { PasswordField } from '../../../components/forms/PasswordField';
import { useForm } from '@mantine/form';
import { FormAlert } from '../../../components/forms/FormAlert';
import { focusFirstError, useServerErrors } from '../../../components/forms/useServerErrors';
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

const FIELDS = ['password', 'passwordConfirmation'] as const;

interface SetPasswordFormProps {
  submitLabel: string;
  /** The account's address: a hidden username field, so a password manager saves the new password with it. */
  username?: string | null;
  /** Rejects with the API's error; field errors land next to "Password" / "Retype Password". */
  onSubmit: (values: NewPasswordValues) => Promise<void>;
}

/** Refuses on submit, as the API would, what the meter calls weak (once the estimator has loaded). */
function validateStrength(password: string): string | null {
  const strength = loadedPasswordEstimator()?.(password);
  if (!strength || strength.acceptable) return null;
  return `This password is too easy to guess. ${strengthAdvice(strength).join(' ')}`;
}

/**
 * "Password" and "Retype Password", as the help article names them, with a strength meter under the
 * first. Used by sign-up and reset links.
 */
export function SetPasswordForm({ submitLabel, username, onSubmit }: SetPasswordFormProps) {
  const [password, setPassword] = useState('');
  const strength = usePasswordStrength(password);
  const form = useForm<NewPasswordValues>({
    mode: 'uncontrolled',
    initialValues: { password: '', passwordConfirmation: '' },
    onValuesChange: (values) => setPassword(values.password),
    validate: {
      password: (value) => validateNewPassword(value) ?? validateStrength(value),
      passwordConfirmation: (value, values) => validatePasswordConfirmation(value, values.password),
    },
  });
  const { formError, run } = useServerErrors(form, FIELDS);

  return (
    <form
      noValidate
      onSubmit={form.onSubmit(
        (values) => run(() => onSubmit(values)),
        (errors) => focusFirstError(form, FIELDS, errors),
      )}
    >
      {username && <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />}
      <Stack gap="md">
        <FormAlert message={formError} />
        <PasswordField
          label="Password"
          description={`At least ${PASSWORD_MIN_CHARS} characters, at most ${PASSWORD_MAX_BYTES} bytes. A few unrelated words make a strong, memorable password.`}
          autoComplete="new-password"
          aria-required
          autoFocus
          key={form.key('password')}
          {...form.getInputProps('password')}
        />
        {/* An error under the field already carries the advice. */}
        <PasswordStrengthMeter strength={strength} withAdvice={!form.errors.password} />
        <PasswordField
          label="Retype Password"
          autoComplete="new-password"
          aria-required
          key={form.key('passwordConfirmation')}
          {...form.getInputProps('passwordConfirmation')}
        />
        <Button type="submit" size="md" fullWidth loading={form.submitting}>
          {submitLabel}
        </Button>
      </Stack>
    </form>
  );
}
