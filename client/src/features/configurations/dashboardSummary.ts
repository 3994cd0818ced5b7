import { formatDate } from './formatDate';
import { isConnectWiseReady, type ConfigurationsOverview } from './types';

function quoted(names: string[]): string {
  const list = names.map((name) => `“${name}”`);
  return list.length <= 1 ? (list[0] ?? '') : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
}

/** The summary under the greeting: the most urgent state of any connection, then what to do next. */
export function dashboardSummary({ connectWise, quickBooks }: ConfigurationsOverview): string {
  if (connectWise.state === 'LOST')
    return 'Your ConnectWise PSA connection has been lost: reconnect it before importing again.';
  if (!isConnectWiseReady(connectWise)) return 'Start by configuring your ConnectWise PSA connection.';
  const lost = quickBooks.filter((c) => c.status.state === 'LOST').map((c) => c.name);
  if (lost.length === 1) return `Your ${quoted(lost)} connection to QuickBooks Online has been lost: reconnect it.`;
  if (lost.length > 1) return `Your ${quoted(lost)} connections to QuickBooks Online have been lost: reconnect them.`;
  const expiring = quickBooks.filter((c) => c.status.state === 'EXPIRING');
  if (expiring.length > 0) {
    const first = expiring[0];
    const by = first.status.reconnectBy ? ` by ${formatDate(first.status.reconnectBy)}` : ' soon';
    return expiring.length === 1
      ? `Reconnect ${quoted([first.name])} to QuickBooks Online${by} to keep importing.`
      : `Reconnect ${quoted(expiring.map((c) => c.name))} to QuickBooks Online to keep importing (the first${by}).`;
  }
  if (!quickBooks.some((c) => c.status.state === 'CONNECTED'))
    return 'Next, connect a QuickBooks Online company to import your invoices into.';
  return 'Your connections are set up: import your invoices with Import, per QuickBooks Online company.';
}
