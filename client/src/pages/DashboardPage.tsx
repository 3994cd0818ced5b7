import { Anchor, Box, Button, Card, Container, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { ErrorState } from '../components/ErrorState';
import { PageHeader } from '../components/PageHeader';
import { useRevalidateOnOpen } from '../features/configurations/hooks/useRevalidateOnOpen';
import { useCurrentAccount } from '../features/auth/hooks/useCurrentAccount';
import { ConfigurationList } from '../features/configurations/components/ConfigurationList';
import { useConfigurationsOverview } from '../features/configurations/hooks/useConfigurationsOverview';
import { useLostConnectionRedirect } from '../features/configurations/hooks/useLostConnectionRedirect';
import { type ConfigurationsOverview, type QuickBooksConfigurationView } from '../features/configurations/types';
import { IconArrowBarToDown } from '@tabler/icons-react';
import { dashboardSummary } from '../features/configurations/dashboardSummary';
import { ImportSummaryLine } from '../features/imports/components/ImportSummaryLine';
import { useImportSummaries } from '../features/imports/hooks/useImports';
import { importUnavailableReason } from '../features/imports/readiness';
import { importPath } from '../features/imports/runs';
import { OAuthReturnAlert } from '../features/quickbooks/components/OAuthReturnAlert';
import { useOAuthReturn } from '../features/quickbooks/hooks/useOAuthReturn';

function ConfigurationsSkeleton() {
  return (
    <Stack gap="lg" py="md" aria-busy="true" aria-label="Loading configurations">
      {[0, 1].map((i) => (
        <Group key={i} wrap="nowrap" align="flex-start">
          <Skeleton height={40} width={40} radius="md" />
          <Stack gap={8} style={{ flex: 1 }}>
            <Skeleton height={14} width="40%" />
            <Skeleton height={10} width="70%" />
          </Stack>
        </Group>
      ))}
    </Stack>
  );
}

function canImport(overview: ConfigurationsOverview, config: QuickBooksConfigurationView): boolean {
  return importUnavailableReason(overview.connectWise, config.status) === null;
}

export function DashboardPage() {
  useRevalidateOnOpen();
  const { account } = useCurrentAccount();
  const { data, loading, error, refetch } = useConfigurationsOverview();
  const anyImportable = data !== null && data.quickBooks.some((config) => canImport(data, config));
  const imports = useImportSummaries({ skip: !anyImportable });
  const [outcome, dismissOutcome] = useOAuthReturn();
  useLostConnectionRedirect(data);
  const greeting = account?.name ? `Welcome, ${account.name}` : 'Welcome to Mobius';

  return (
    <Container size="lg" px={0}>
      <PageHeader title="Dashboard" description={`${greeting}. ${data ? dashboardSummary(data) : ''}`} />
      {outcome && (
        <Box mb="lg">
          <OAuthReturnAlert outcome={outcome} onClose={dismissOutcome} />
        </Box>
      )}
      <Card component="section" aria-labelledby="configurations-heading" shadow="xs">
        <Stack gap={2} mb="xs">
          <Title order={2} id="configurations-heading" fz="lg">
            Configurations
          </Title>
          <Text size="sm" c="dimmed">
            Complete these steps in order: ConnectWise PSA first, then each QuickBooks Online company.
          </Text>
        </Stack>
        {loading && <ConfigurationsSkeleton />}
        {!loading && error && (
          <ErrorState title="Configurations could not load" message={error.message} onRetry={refetch} />
        )}
        {!loading && !error && data && (
          <ConfigurationList
            connectWise={data.connectWise}
            quickBooks={data.quickBooks}
            details={(config) => {
              if (!canImport(data, config)) return null;
              const summary = imports.summaries?.get(config.id);
              if (summary) return <ImportSummaryLine summary={summary} />;
              if (imports.loading) return <Skeleton height={12} width="50%" mt={8} aria-label="Loading imports" />;
              if (imports.error) {
                return (
                  <Text size="sm" c="yellow.9" mt={4}>
                    The import status could not load.{' '}
                    <Anchor component="button" type="button" size="sm" onClick={imports.refetch}>
                      Try again
                    </Anchor>
                  </Text>
                );
              }
              return null;
            }}
            extraAction={(config) =>
              canImport(data, config) ? (
                <Button
                  component={Link}
                  to={importPath(config.id)}
                  leftSection={<IconArrowBarToDown size={16} stroke={1.8} aria-hidden />}
                  variant={(imports.summaries?.get(config.id)?.waiting ?? 0) > 0 ? 'filled' : 'light'}
                  aria-label={`Import into ${config.name}`}
                >
                  Import
                </Button>
              ) : null
            }
          />
        )}
      </Card>
    </Container>
  );
}
