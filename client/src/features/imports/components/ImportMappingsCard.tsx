import { useEffect, useRef } from 'react';
import { Button, Card, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Link, useLocation } from 'react-router';
import { toApiProblems } from '../../../app/errors';
import { ErrorState } from '../../../components/ErrorState';
import { IconArrowBarToDown } from '@tabler/icons-react';
import { useImportMappings, useSaveImportSettings } from '../hooks/useImports';
import { importPath } from '../runs';
import { MappingsForm } from './MappingsForm';

function MappingsSkeleton() {
  return (
    <Stack gap="md" aria-busy="true" aria-label="Loading the mappings">
      <Text size="sm" c="dimmed">
        Reading the accounts and tax codes of your QuickBooks Online company…
      </Text>
      {[0, 1, 2].map((i) => (
        <Skeleton key={i} height={36} />
      ))}
    </Stack>
  );
}

/** The configuration's mappings and AutoSync, read from and checked against its QuickBooks company. */
export function ImportMappingsCard({ configurationId }: { configurationId: string }) {
  const { settings, options, loading, error, refetch } = useImportMappings(configurationId);
  const { save } = useSaveImportSettings();
  const { hash } = useLocation();
  const cardRef = useRef<HTMLElement>(null);

  // "Mappings" links from the Import page land here.
  useEffect(() => {
    if (hash === '#mappings') cardRef.current?.scrollIntoView({ block: 'start' });
  }, [hash, loading]);

  return (
    <Card
      shadow="xs"
      component="section"
      aria-labelledby="mappings-heading"
      id="mappings"
      ref={cardRef}
      // Scrolled to from "Mappings" links: its heading lands below the fixed header, not under it.
      style={{ scrollMarginTop: 'calc(var(--app-shell-header-height, 60px) + var(--mantine-spacing-md))' }}
    >
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" gap="sm">
          <Stack gap={2}>
            <Title order={2} fz="lg" id="mappings-heading">
              Import mappings
            </Title>
            <Text size="sm" c="dimmed" maw={640}>
              Where imported invoices land in QuickBooks Online. Mobius checks these at the start of every import.
            </Text>
          </Stack>
          <Button
            component={Link}
            to={importPath(configurationId)}
            variant="light"
            leftSection={<IconArrowBarToDown size={16} stroke={1.8} aria-hidden />}
          >
            Import invoices
          </Button>
        </Group>
        {loading && <MappingsSkeleton />}
        {error && (
          <ErrorState
            title="The mappings could not load"
            message={toApiProblems(error)[0]?.message ?? ''}
            onRetry={refetch}
          />
        )}
        {settings && options && (
          <MappingsForm
            settings={settings}
            incomeAccounts={options.incomeAccounts}
            taxCodes={options.taxCodes}
            onSubmit={async (input) => {
              await save(input);
              notifications.show({ color: 'teal', title: 'Mappings saved', message: 'The next import uses them.' });
            }}
          />
        )}
      </Stack>
    </Card>
  );
}
