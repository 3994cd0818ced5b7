import type { ReactNode } from 'react';
import { Box, Group, Stack, Text, ThemeIcon } from '@mantine/core';

interface ConfigurationRowProps {
  step: number;
  icon: ReactNode;
  title: string;
  caption: string;
  description: ReactNode;
  status: ReactNode;
  action: ReactNode;
  /** Rows after the first are separated by a rule. */
  withDivider?: boolean;
}

/** One required step in the Configurations section: what it is, where it stands, what to do. */
export function ConfigurationRow({
  step,
  icon,
  title,
  caption,
  description,
  status,
  action,
  withDivider,
}: ConfigurationRowProps) {
  return (
    <Group
      component="li"
      align="flex-start"
      wrap="nowrap"
      gap="md"
      py="md"
      aria-label={`Step ${step}: ${title}`}
      style={withDivider ? { borderTop: '1px solid var(--mantine-color-gray-3)' } : undefined}
    >
      {/* On a phone the icon gives its width to the words and buttons. */}
      <ThemeIcon size={40} radius="md" variant="light" aria-hidden="true" visibleFrom="xs">
        {icon}
      </ThemeIcon>
      <Group justify="space-between" align="center" gap="md" style={{ flex: 1, minWidth: 0 }} wrap="wrap">
        <Stack gap={4} style={{ flex: '1 1 260px', minWidth: 0 }}>
          <Group gap="sm" wrap="wrap">
            <Text fw={600} size="md">
              {title}
            </Text>
            {status}
          </Group>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600} style={{ letterSpacing: '0.04em' }}>
            {caption}
          </Text>
          <Text size="sm" c="dimmed" component="div">
            {description}
          </Text>
        </Stack>
        <Box maw="100%">{action}</Box>
      </Group>
    </Group>
  );
}
