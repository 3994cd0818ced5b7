/** The shapes the configuration components take; docs/product.md §8 `ConnectionStatus` / `QuickBooksConfiguration`. */
export type ConnectionState = 'NOT_CONNECTED' | 'CONNECTED' | 'EXPIRING' | 'LOST';

export interface ConnectionStatusView {
  state: ConnectionState;
  /** For CONNECTED: the QuickBooks company name or the ConnectWise company ID. */
  companyName?: string | null;
  /** For EXPIRING: ISO date-time by which the user must reconnect. */
  reconnectBy?: string | null;
  message?: string | null;
}

export interface QuickBooksConfigurationView {
  id: string;
  name: string;
  isDefault: boolean;
  status: ConnectionStatusView;
}

export interface ConfigurationsOverview {
  connectWise: ConnectionStatusView;
  quickBooks: QuickBooksConfigurationView[];
}

/** QuickBooks Online is offered only once the ConnectWise PSA connection validated. */
export function isConnectWiseReady(status: ConnectionStatusView): boolean {
  return status.state === 'CONNECTED' || status.state === 'EXPIRING';
}

export const CONNECTWISE_FIRST = 'Configure ConnectWise PSA first';
