import { isConnectWiseReady, type ConnectionStatusView } from '../configurations/types';

export const CONNECT_BOTH_FIRST = 'Connect ConnectWise PSA and this QuickBooks company first';

/** A QuickBooks configuration Mobius can import into: connected, or connected and expiring soon. */
export function isQuickBooksUsable(status: Pick<ConnectionStatusView, 'state'>): boolean {
  return status.state === 'CONNECTED' || status.state === 'EXPIRING';
}

/** Why invoices cannot be imported into this configuration yet, or null when they can. */
export function importUnavailableReason(
  connectWise: Pick<ConnectionStatusView, 'state'>,
  quickBooks: Pick<ConnectionStatusView, 'state'>,
): string | null {
  if (!isConnectWiseReady(connectWise)) return CONNECT_BOTH_FIRST;
  if (quickBooks.state === 'LOST') return 'Reconnect this QuickBooks company first';
  if (!isQuickBooksUsable(quickBooks)) return 'Connect this QuickBooks company first';
  return null;
}
