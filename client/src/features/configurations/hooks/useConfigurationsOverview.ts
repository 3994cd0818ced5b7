import { useMemo } from 'react';
import { useQuery } from '@apollo/client/react';
import { toApiProblems } from '../../../app/errors';
import {
  ConfigurationsOverviewDocument,
  type ConfigurationsOverviewQuery,
  type QuickBooksConfigurationFieldsFragment,
} from '../../../generated/graphql';
import type { ConfigurationsOverview, ConnectionStatusView, QuickBooksConfigurationView } from '../types';

const NOT_CONNECTED: ConnectionStatusView = { state: 'NOT_CONNECTED' };

export function toQuickBooksView(config: QuickBooksConfigurationFieldsFragment): QuickBooksConfigurationView {
  const { state, message, reconnectBy } = config.connectionStatus;
  return {
    id: config.id,
    name: config.name,
    isDefault: config.isDefault,
    status: { state, message, reconnectBy, companyName: config.companyName },
  };
}

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
    quickBooks: data.connectionStatus.quickBooks.map(toQuickBooksView),
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
  const overview = useMemo(() => (data ? toOverview(data) : null), [data]);
  return {
    data: overview,
    loading: loading && !data,
    error: error && !data ? new Error(toApiProblems(error)[0]?.message) : null,
    refetch: () => void refetch().catch(() => undefined),
  };
}
