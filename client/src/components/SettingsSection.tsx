import type { ReactNode } from 'react';
import { Card, Stack, Text, Title } from '@mantine/core';

interface SettingsSectionProps {
  /** The heading's id, which names the section (aria-labelledby). */
  headingId: string;
  title: string;
  description: ReactNode;
  children: ReactNode;
}

/** One card of Account settings: a level-2 heading, a sentence on what it does, then its content. */
export function SettingsSection({ headingId, title, description, children }: SettingsSectionProps) {
  return (
    <Card shadow="xs" component="section" aria-labelledby={headingId}>
      <Stack gap="md">
        <Stack gap={4}>
          <Title order={2} fz="lg" id={headingId}>
            {title}
          </Title>
          <Text size="sm" c="dimmed" maw={760}>
            {description}
          </Text>
        </Stack>
        {children}
      </Stack>
    </Card>
  );
}
