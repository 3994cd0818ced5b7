import type { ReactNode } from 'react';
import { Button, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { EmailAddressField } from '../../../components/forms/EmailAddressField';
import { FormAlert } from '../../../components/forms/FormAlert';
import { useServerErrors } from '../../../components/forms/useServerErrors';
import { validateEmail } from '../validation';

const FIELDS = ['email'] as const;

interface EmailFormProps {
  submitLabel: string;
  initialEmail?: string;
  autoFocus?: boolean;
  /** Rejects with the API's error; an `email` field error lands next to the field. */
  onSubmit: (email: string) => Promise<void>;
  children?: ReactNode;
}

/** A single "Email Address" field and a button: forgot password, and "send a new link". */
export function EmailForm({ submitLabel, initialEmail = '', autoFocus, onSubmit, children }: EmailFormProps) {
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { email: initialEmail },
    validate: { email: validateEmail },
  });
  const { formError, handleSubmit } = useServerErrors(form, FIELDS);

  return (
    <form noValidate onSubmit={handleSubmit((values) => onSubmit(values.email.trim()))}>
      <Stack gap="md">
        <FormAlert message={formError} />
        <EmailAddressField autoFocus={autoFocus} key={form.key('email')} {...form.getInputProps('email')} />
        {children}
        <Button type="submit" size="md" fullWidth loading={form.submitting}>
          {submitLabel}
        </Button>
      </Stack>
    </form>
  );
}
