import type { ConfigurationsOverview } from '../types';

/**
 * What the dashboard and sidebar list. The API does not expose connections yet (schema.graphql
 * has no `connectionStatus`), so every new account's starting point is shown: ConnectWise PSA
 * not connected and the one "Default" QuickBooks Online configuration. The ConnectWise and
 * QuickBooks issues replace this with the `connectionStatus` query, keeping the return shape.
 */
const STARTING_POINT: ConfigurationsOverview = {
  connectWise: { state: 'NOT_CONNECTED' },
  quickBooks: [{ id: 'default', name: 'Default', isDefault: true, status: { state: 'NOT_CONNECTED' } }],
};

export function useConfigurationsOverview(): {
  data: ConfigurationsOverview | null;
  loading: boolean;
  error: Error | null;
  refetch: () => void;
} {
  return { data: STARTING_POINT, loading: false, error: null, refetch: () => undefined };
}
