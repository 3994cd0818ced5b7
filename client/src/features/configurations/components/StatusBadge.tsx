import { Badge, type MantineColor } from '@mantine/core';
import { formatDate } from '../formatDate';
import type { ConnectionStatusView } from '../types';

const COLORS: Record<ConnectionStatusView['state'], MantineColor> = {
  NOT_CONNECTED: 'gray',
  CONNECTED: 'teal',
  EXPIRING: 'yellow',
  LOST: 'red',
};

export function statusLabel({ state, companyName, reconnectBy }: ConnectionStatusView): string {
  switch (state) {
    case 'CONNECTED':
      return companyName ? `Connected · ${companyName}` : 'Connected';
    case 'EXPIRING':
      return reconnectBy ? `Reconnect by ${formatDate(reconnectBy)}` : 'Reconnect soon';
    case 'LOST':
      return 'Connection lost';
    case 'NOT_CONNECTED':
      return 'Not connected';
  }
}

/** One connection's state: Not connected / Connected (company) / Reconnect by DATE / Connection lost. */
export function StatusBadge(props: ConnectionStatusView) {
  const label = statusLabel(props);
  return (
    <Badge
      color={COLORS[props.state]}
      variant={props.state === 'NOT_CONNECTED' ? 'outline' : 'light'}
      size="lg"
      radius="sm"
      tt="none"
      fw={600}
      // As wide as its row allows: a long company name is cut only where the row ends.
      maw="100%"
      title={label}
      data-state={props.state}
    >
      {label}
    </Badge>
  );
}
