import { useQuery } from '@apollo/client/react';
import { toApiProblems } from '../../../app/errors';
import { ConfigurationsOverviewDocument, type ConfigurationsOverviewQuery } from '../../../generated/graphql';
import type { ConfigurationsOverview, ConnectionStatusView } from '../types';

const NOT_CONNECTED: ConnectionStatusView = { state: 'NOT_CONNECTED' };

/**
 * Until the QuickBooks Online API lands (`connectionStatus.quickBooks`), every account shows its one
 * "Default" configuration, not connected.
 */
const STARTING_QUICKBOOKS: ConfigurationsOverview['quickBooks'] = [
  { id: 'default', name: 'Default', isDefault: true, status: NOT_CONNECTED },
];

export function toOverview(data: ConfigurationsOverviewQuery): ConfigurationsOverview {
  const connectWise = data.me?.connectWise;
  return {
    connectWise: connectWise
      ? {
          state: connectWise.status.state,
          companyName: connectWise.companyName,
          message: connectWise.status.message,
          reconnectBy: connectWise.status.reconnectBy,
        }
      : NOT_CONNECTED,
    quickBooks: STARTING_QUICKBOOKS,
  };
}

/** What the dashboard and sidebar list: the ConnectWise PSA connection, then each QuickBooks Online configuration. */
export function useConfigurationsOverview(): {
  data: ConfigurationsOverview | null;
  loading: boolean;
  error: Error | null;
  refetch: () => void;
} {
  const { data, loading, error, refetch } = useQuery(ConfigurationsOverviewDocument);
  return {
    data: data ? toOverview(data) : null,
    loading: loading && !data,
    error: error && !data ? new Error(toApiProblems(error)[0]?.message) : null,
    refetch: () => void refetch().catch(() => undefined),
  };
}
