import { useState, type ReactNode } from 'react';
import { Button, Group, Modal, Stack, Text, type MantineColor } from '@mantine/core';
import { toApiProblems } from '../app/errors';
import { FormAlert } from './forms/FormAlert';

interface ConfirmModalProps {
  opened: boolean;
  onClose: () => void;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  color?: MantineColor;
  /** Rejects with the API's error, which the modal shows; resolving closes it. */
  onConfirm: () => Promise<void>;
}

/** Asks before something that cannot be undone; the confirm button names the action. */
export function ConfirmModal({
  opened,
  onClose,
  title,
  children,
  confirmLabel,
  color = 'red',
  onConfirm,
}: ConfirmModalProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const close = () => {
    if (busy) return;
    setError(null);
    onClose();
  };

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      setBusy(false);
      onClose();
    } catch (failure) {
      setBusy(false);
      setError(toApiProblems(failure)[0]?.message ?? null);
    }
  };

  return (
    <Modal opened={opened} onClose={close} title={title} centered radius="md">
      <Stack gap="md">
        <FormAlert message={error} />
        <Text size="sm" component="div">
          {children}
        </Text>
        <Group justify="flex-end" gap="sm">
          {/* Focus starts on the harmless choice. */}
          <Button variant="default" onClick={close} disabled={busy} data-autofocus>
            Cancel
          </Button>
          <Button color={color} onClick={() => void confirm()} loading={busy}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
