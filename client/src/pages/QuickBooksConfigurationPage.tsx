import { Alert, Anchor, Card, Container, Group, Stack, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { DisabledButton } from '../components/DisabledButton';
import { ErrorState } from '../components/ErrorState';
import { AlertIcon } from '../components/icons';
import { PageHeader } from '../components/PageHeader';
import { PageLoader } from '../components/PageLoader';
import { quickBooksDescription } from '../features/configurations/describe';
import { StatusBadge } from '../features/configurations/components/StatusBadge';
import { useConfigurationsOverview } from '../features/configurations/hooks/useConfigurationsOverview';
import { CONNECTWISE_FIRST, isConnectWiseReady } from '../features/configurations/types';

export function QuickBooksConfigurationPage() {
  const { id = '' } = useParams();
  const { data, loading, error, refetch } = useConfigurationsOverview();

  if (loading) return <PageLoader label="Loading configuration…" />;
  if (error || !data) {
    return <ErrorState message={error?.message ?? 'Please try again.'} onRetry={refetch} />;
  }

  const config = data.quickBooks.find((c) => c.id === id);
  if (!config) {
    return (
      <ErrorState
        headingOrder={1}
        title="Configuration not found"
        message="This QuickBooks Online configuration does not exist in your account. Pick one in the sidebar."
      />
    );
  }

  const connectWiseReady = isConnectWiseReady(data.connectWise);

  return (
    <Container size="lg" px={0}>
      <PageHeader
        title={`${config.name} · QuickBooks Online`}
        description="Each configuration connects Mobius to one QuickBooks Online company, where your ConnectWise PSA invoices are imported."
      />
      <Stack gap="lg">
        {!connectWiseReady && (
          <Alert color="blue" variant="light" icon={<AlertIcon />} title="ConnectWise PSA comes first">
            QuickBooks Online can be connected once your ConnectWise PSA connection is validated.{' '}
            <Anchor component={Link} to="/connectwise" inherit fw={600}>
              Set Up ConnectWise PSA
            </Anchor>
          </Alert>
        )}
        <Card shadow="xs">
          <Stack gap="md">
            <Group justify="space-between">
              <Title order={2} fz="lg">
                Connection
              </Title>
              <StatusBadge {...config.status} />
            </Group>
            <Text size="sm">
              {config.status.state === 'NOT_CONNECTED'
                ? 'Not connected yet. Connecting opens Intuit’s sign-in window, where you choose the QuickBooks Online company for this configuration and authorize Mobius.'
                : quickBooksDescription(config, connectWiseReady)}
            </Text>
            {!connectWiseReady && (
              <Group>
                <DisabledButton reason={CONNECTWISE_FIRST}>Connect to QuickBooks</DisabledButton>
              </Group>
            )}
          </Stack>
        </Card>
      </Stack>
    </Container>
  );
}
