import { Alert, List, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';

/** A LOST connection: what ConnectWise PSA said, and how to get going again. */
export function ConnectionLostAlert({ message }: { message: string | null }) {
  return (
    <Alert
      color="red"
      variant="filled"
      icon={<IconAlertCircle size={18} stroke={1.8} aria-hidden />}
      title="Mobius can no longer connect to ConnectWise PSA"
    >
      <Text size="sm" inherit mb="xs">
        {message ?? 'ConnectWise PSA no longer accepts the saved API keys.'}
      </Text>
      <Text size="sm" inherit fw={600}>
        What to do
      </Text>
      <List size="sm" c="white" spacing={2} withPadding>
        <List.Item>
          In ConnectWise PSA, open System › Members › API Members and check that the member is active and its keys still
          exist; generate new keys on its API Keys tab if needed.
        </List.Item>
        <List.Item>Enter the keys below and click Save. Imports are paused until the connection validates.</List.Item>
      </List>
    </Alert>
  );
}
