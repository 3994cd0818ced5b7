import { Alert, Text } from '@mantine/core';
import { IconAlertCircle, IconClock, IconInfoCircle } from '@tabler/icons-react';
import type { QuickBooksConfiguration } from '../hooks/useQuickBooks';

export function lostFlash(name: string): string {
  return `Your ${name} connection to QuickBooks Online has been lost. Please reconnect.`;
}

/**
 * The flash message of docs/product.md §5: a configuration that is not connected, lost, or must be reconnected soon.
 * The server words it (connectionStatus.message); the reason (statusReason) says why.
 */
export function QuickBooksStatusNotice({ configuration }: { configuration: QuickBooksConfiguration }) {
  const { connectionStatus: status, statusReason, name } = configuration;
  switch (status.state) {
    case 'LOST':
      return (
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertCircle size={18} stroke={1.8} aria-hidden />}
          title={status.message ?? lostFlash(name)}
          role="alert"
        >
          <Text size="sm" inherit>
            {statusReason ? `${statusReason} ` : ''}Imports into this company are paused until you reconnect.
          </Text>
        </Alert>
      );
    case 'EXPIRING':
      return (
        <Alert
          color="yellow"
          variant="light"
          icon={<IconClock size={18} stroke={1.8} aria-hidden />}
          title="Reconnect soon"
        >
          {status.message}
        </Alert>
      );
    case 'NOT_CONNECTED':
      return (
        <Alert
          color="blue"
          variant="light"
          icon={<IconInfoCircle size={18} stroke={1.8} aria-hidden />}
          title={status.message ?? 'Not connected yet'}
        >
          Connect this configuration to the QuickBooks Online company your ConnectWise PSA invoices go to: Intuit’s
          sign-in opens, you choose the company and click Authorize, and you come back here.
        </Alert>
      );
    case 'CONNECTED':
      return status.message ? (
        <Alert color="yellow" variant="light" icon={<IconInfoCircle size={18} stroke={1.8} aria-hidden />}>
          {status.message}
        </Alert>
      ) : null;
  }
}
