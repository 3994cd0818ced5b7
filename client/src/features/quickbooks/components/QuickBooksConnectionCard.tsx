import { DetailsTable, type DetailRow } from '../../../components/DetailsTable';
import { Button, Card, Code, Group, Stack, Text, Title } from '@mantine/core';
import { IconLinkOff, IconRefresh } from '@tabler/icons-react';
import { StatusBadge } from '../../configurations/components/StatusBadge';
import { formatDate, formatDateTime } from '../../configurations/formatDate';
import type { QuickBooksConfiguration } from '../hooks/useQuickBooks';
import { ConnectQuickBooksButton } from './ConnectQuickBooksButton';

interface Props {
  configuration: QuickBooksConfiguration;
  connectWiseReady: boolean;
  checking: boolean;
  onCheck: () => void;
  onDisconnect: () => void;
}

/** Which QuickBooks Online company this configuration reaches, its state, and what can be done about it. */
export function QuickBooksConnectionCard({ configuration, connectWiseReady, checking, onCheck, onDisconnect }: Props) {
  const { connectionStatus: status } = configuration;
  const usable = status.state === 'CONNECTED' || status.state === 'EXPIRING';
  const needsConnect = status.state !== 'CONNECTED';

  const rows: DetailRow[] = [];
  if (configuration.realmId) rows.push({ label: 'Company ID', value: <Code>{configuration.realmId}</Code> });
  if (configuration.connectedAt) rows.push({ label: 'Connected on', value: formatDateTime(configuration.connectedAt) });
  if (configuration.lastSuccessAt) {
    rows.push({ label: 'Last successful check', value: formatDateTime(configuration.lastSuccessAt) });
  }
  if (status.checkedAt && status.checkedAt !== configuration.lastSuccessAt) {
    rows.push({ label: 'Last checked', value: formatDateTime(status.checkedAt) });
  }
  if (status.reconnectBy) rows.push({ label: 'Reconnect by', value: formatDate(status.reconnectBy) });

  return (
    <Card shadow="xs" component="section" aria-labelledby="qbo-connection-heading">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
          <Stack gap={2}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600} style={{ letterSpacing: '0.04em' }}>
              QuickBooks Online company
            </Text>
            <Title order={2} fz="xl" id="qbo-connection-heading">
              {configuration.companyName ?? (usable ? 'Connected company' : 'No company connected')}
            </Title>
          </Stack>
          {/* The company is the title: the badge says only the state. */}
          <StatusBadge state={status.state} reconnectBy={status.reconnectBy} message={status.message} />
        </Group>

        {rows.length > 0 ? (
          <DetailsTable label="QuickBooks Online connection" rows={rows} labelWidth={{ base: 120, sm: 210 }} />
        ) : (
          <Text size="sm" c="dimmed">
            Intuit’s sign-in window lists the QuickBooks Online companies your Intuit user can access. Sign in with a
            QuickBooks Online admin of the company your invoices should go to.
          </Text>
        )}

        {status.reconnectBy && (
          <Text size="sm" c="dimmed" data-testid="reconnect-explained">
            QuickBooks Online connections must be authorized again periodically. On {formatDate(status.reconnectBy)},
            this connection stops: it reads Connection lost and nothing can be imported until someone connects to
            QuickBooks again. Mobius emails you two weeks before, and again three days before.
          </Text>
        )}

        <Group gap="sm">
          {needsConnect && (
            <ConnectQuickBooksButton configurationId={configuration.id} connectWiseReady={connectWiseReady} size="md" />
          )}
          {usable && (
            <Button
              variant="default"
              leftSection={<IconRefresh size={16} stroke={1.8} aria-hidden />}
              loading={checking}
              onClick={onCheck}
            >
              Check connection
            </Button>
          )}
          {configuration.realmId && (
            <Button
              variant="subtle"
              color="red"
              leftSection={<IconLinkOff size={16} stroke={1.8} aria-hidden />}
              onClick={onDisconnect}
            >
              Disconnect
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  );
}
