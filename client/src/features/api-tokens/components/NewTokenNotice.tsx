import { ActionIcon, Alert, Button, CopyButton, Group, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { CopyStateIcon } from './CopyStateIcon';

/** The new token, this once: Mobius keeps only a hash of it. */
export function NewTokenNotice({ name, token, onDone }: { name: string; token: string; onDone: () => void }) {
  return (
    <Alert
      color="teal"
      variant="light"
      icon={<IconKey size={18} stroke={1.8} aria-hidden />}
      title={`Your new API token “${name}”`}
    >
      <Stack gap="sm">
        <Text size="sm" inherit fw={600}>
          Copy it now and keep it somewhere safe: Mobius stores only a fingerprint of it and cannot show it again.
        </Text>
        <TextInput
          label="New API token"
          value={token}
          readOnly
          onFocus={(event) => event.currentTarget.select()}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
          rightSectionWidth={42}
          rightSection={
            <CopyButton value={token} timeout={2000}>
              {({ copied, copy }) => (
                <Tooltip label={copied ? 'Copied' : 'Copy token'} position="left">
                  <ActionIcon
                    variant={copied ? 'filled' : 'subtle'}
                    color={copied ? 'teal' : 'gray'}
                    onClick={copy}
                    aria-label={copied ? 'Copied' : 'Copy token'}
                  >
                    <CopyStateIcon copied={copied} />
                  </ActionIcon>
                </Tooltip>
              )}
            </CopyButton>
          }
        />
        <Group>
          <Button size="xs" variant="default" onClick={onDone}>
            Done, I copied it
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
