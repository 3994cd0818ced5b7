import { DetailsTable, type DetailRow } from '../../../components/DetailsTable';
import { Alert, Button, Code, Group, Stack, Text, Title } from '@mantine/core';
import { IconInfoCircle, IconLinkOff, IconPencil, IconRefresh } from '@tabler/icons-react';
import { StatusBadge } from '../../configurations/components/StatusBadge';
import { formatDateTime } from '../../configurations/formatDate';
import type { ConnectWiseConnection } from '../hooks/useConnectWise';

interface ConnectWiseSummaryProps {
  connection: ConnectWiseConnection;
  checking: boolean;
  onCheck: () => void;
  /** Hidden while the form is open. */
  onEdit?: () => void;
  /** Opens the confirm dialog of "Disconnect ConnectWise". */
  onDisconnect?: () => void;
}

/** The saved connection: which company, where, with which keys (the private key only as its last 4). */
export function ConnectWiseSummary({ connection, checking, onCheck, onEdit, onDisconnect }: ConnectWiseSummaryProps) {
  const { status } = connection;
  const rows: DetailRow[] = [
    { label: 'Site', value: connection.site },
    { label: 'Company ID', value: connection.companyId },
    { label: 'Public Key', value: <Code>{connection.publicKey}</Code> },
    { label: 'Private Key', value: <Code>{`••••${connection.privateKeyHint}`}</Code> },
    { label: 'Codebase', value: <Code>{connection.codebase}</Code> },
    { label: 'Last validated', value: formatDateTime(connection.validatedAt) },
  ];
  if (status.checkedAt) rows.push({ label: 'Last checked', value: formatDateTime(status.checkedAt) });

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <Stack gap={2}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600} style={{ letterSpacing: '0.04em' }}>
            ConnectWise PSA company
          </Text>
          <Title order={2} fz="xl">
            {connection.companyName}
          </Title>
        </Stack>
        <StatusBadge state={status.state} reconnectBy={status.reconnectBy} message={status.message} />
      </Group>

      {status.state !== 'LOST' && status.message && (
        <Alert color="yellow" variant="light" icon={<IconInfoCircle size={18} stroke={1.8} aria-hidden />} p="sm">
          {status.message}
        </Alert>
      )}

      <DetailsTable label="Saved connection" rows={rows} labelWidth={{ base: 110, sm: 150 }} />

      <Group gap="sm">
        <Button
          variant="default"
          leftSection={<IconRefresh size={16} stroke={1.8} aria-hidden />}
          loading={checking}
          onClick={onCheck}
        >
          Check now
        </Button>
        {onEdit && (
          <Button variant="default" leftSection={<IconPencil size={16} stroke={1.8} aria-hidden />} onClick={onEdit}>
            Edit connection
          </Button>
        )}
        {onDisconnect && (
          <Button
            variant="subtle"
            color="red"
            leftSection={<IconLinkOff size={16} stroke={1.8} aria-hidden />}
            onClick={onDisconnect}
          >
            Disconnect ConnectWise
          </Button>
        )}
      </Group>
    </Stack>
  );
}
