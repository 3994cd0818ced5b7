import { useState } from 'react';
import { Card, Stack, Text, Title } from '@mantine/core';
import { SetPasswordForm } from '../../auth/components/SetPasswordForm';
import { useChangePassword } from '../hooks/useAccountSettings';
import { SavedNotice } from './SavedNotice';

interface ChangePasswordFormProps {
  /** The account’s address, for password managers. */
  email: string;
  /** Changes the password; rejects with the API’s error, which lands next to its field. */
  onChange: (values: { currentPassword: string; newPassword: string }) => Promise<void>;
}

/** Current password, then the new one twice with the strength meter (SetPasswordForm asking for the current one). */
export function ChangePasswordForm({ email, onChange }: ChangePasswordFormProps) {
  const [changed, setChanged] = useState<string | null>(null);
  return (
    <Stack gap="md" maw={520}>
      <SavedNotice message={changed} onClose={() => setChanged(null)} takeFocus />
      <SetPasswordForm
        submitLabel="Change password"
        askCurrent={{ username: email }}
        onSubmit={async ({ currentPassword = '', password }) => {
          setChanged(null);
          await onChange({ currentPassword, newPassword: password });
          setChanged(
            'Your password was changed. Every other session was signed out; this one stays signed in. We emailed you a confirmation.',
          );
        }}
      />
    </Stack>
  );
}

/** Account settings › Change password. */
export function ChangePasswordSection({ email }: { email: string }) {
  const { changePassword } = useChangePassword();
  return (
    <Card shadow="xs" component="section" aria-labelledby="change-password-heading">
      <Stack gap="md">
        <Stack gap={4}>
          <Title order={2} fz="lg" id="change-password-heading">
            Change password
          </Title>
          <Text size="sm" c="dimmed" maw={760}>
            Changing your password signs out every other browser and API session of this account; this one stays signed
            in. Mobius emails you that it was changed. Forgot your current password? Log out and use Forgot Password.
          </Text>
        </Stack>
        <ChangePasswordForm email={email} onChange={changePassword} />
      </Stack>
    </Card>
  );
}
