import { useState, type FormEvent } from 'react';
import { Button, Group, List, Modal, Stack } from '@mantine/core';
import { toApiProblems } from '../../../app/errors';
import { FormAlert } from '../../../components/forms/FormAlert';
import { PasswordField } from '../../../components/forms/PasswordField';

export const DISCONNECT_LABEL = 'Disconnect ConnectWise';

interface DisconnectConnectWiseModalProps {
  opened: boolean;
  companyName: string;
  onClose: () => void;
  /** Disconnects with the account's current password; rejects with the API's error, which the dialog shows. */
  onConfirm: (currentPassword: string) => Promise<void>;
}

/**
 * Asks before Mobius forgets the ConnectWise PSA keys, and says what that means. The current password is asked as
 * for replacing the keys: otherwise a session left open could disconnect and save someone else's ConnectWise PSA.
 */
export function DisconnectConnectWiseModal({
  opened,
  companyName,
  onClose,
  onConfirm,
}: DisconnectConnectWiseModalProps) {
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [passwordError, setPasswordError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);

  const close = () => {
    if (busy) return;
    setPassword('');
    setPasswordError(null);
    setFormError(null);
    onClose();
  };

  const confirm = async (event: FormEvent) => {
    event.preventDefault();
    if (!password) {
      setPasswordError('Enter your current password to disconnect ConnectWise PSA.');
      return;
    }
    setBusy(true);
    setPasswordError(null);
    setFormError(null);
    try {
      await onConfirm(password);
      setBusy(false);
      setPassword('');
      onClose();
    } catch (failure) {
      setBusy(false);
      const [problem] = toApiProblems(failure);
      if (problem?.field === 'currentPassword') setPasswordError(problem.message);
      else setFormError(problem?.message ?? 'ConnectWise PSA could not be disconnected. Try again.');
    }
  };

  return (
    <Modal opened={opened} onClose={close} title="Disconnect ConnectWise PSA?" centered radius="md">
      <form noValidate aria-label="Disconnect ConnectWise PSA" onSubmit={(event) => void confirm(event)}>
        <Stack gap="md">
          <FormAlert message={formError} />
          <List size="sm" spacing={6}>
            <List.Item>
              Mobius forgets the site, Company ID and API keys of {companyName}. The API member and its keys stay in
              ConnectWise PSA.
            </List.Item>
            <List.Item>
              Imports stop, AutoSync included, until you connect ConnectWise PSA again. An import that is running stops
              at its next step.
            </List.Item>
            <List.Item>
              Your QuickBooks Online connections stay as they are, and invoices already imported stay in QuickBooks
              Online.
            </List.Item>
          </List>
          <PasswordField
            label="Current password"
            description="Your Mobius password."
            autoComplete="current-password"
            aria-required
            value={password}
            error={passwordError}
            onChange={(event) => setPassword(event.currentTarget.value)}
            data-autofocus
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close} disabled={busy}>
              Cancel
            </Button>
            <Button type="submit" color="red" loading={busy}>
              {DISCONNECT_LABEL}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
