import { useState } from 'react';
import { Stack } from '@mantine/core';
import { SettingsSection } from '../../../components/SettingsSection';
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
    <SettingsSection
      headingId="change-password-heading"
      title="Change password"
      description="Changing your password signs out every other browser and API session of this account; this one stays signed in. Mobius emails you that it was changed. Forgot your current password? Log out and use Forgot Password."
    >
      <ChangePasswordForm email={email} onChange={changePassword} />
    </SettingsSection>
  );
}
