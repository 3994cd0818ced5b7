import { ConnectionState } from '../../graphql/connection-status';
import type { QuickBooksService } from '../quickbooks/quickbooks.service';
import { configurationNotFound, connectionLost, notConnected } from '../quickbooks/quickbooks-errors';
import type { ConfigurationRef, QuickBooksAccess } from './import.ports';

/** The QuickBooks side of the import, over the QuickBooks module's service. */
export function quickBooksAccessFor(service: QuickBooksService): QuickBooksAccess {
  const refOf = (view: {
    id: string;
    name: string;
    realmId: string | null;
    connectionStatus: { state: ConnectionState };
  }): ConfigurationRef => ({
    id: view.id,
    name: view.name,
    realmId: view.realmId,
    connected:
      view.connectionStatus.state === ConnectionState.CONNECTED ||
      view.connectionStatus.state === ConnectionState.EXPIRING,
  });
  const requireConfiguration = async (accountId: string, configurationId: string) => {
    const view = await service.get(accountId, configurationId);
    if (!view) throw configurationNotFound();
    return { view, ref: refOf(view) };
  };
  return {
    requireConfiguration: async (accountId, configurationId) =>
      (await requireConfiguration(accountId, configurationId)).ref,
    requireConnected: async (accountId, configurationId) => {
      const { view, ref } = await requireConfiguration(accountId, configurationId);
      if (view.connectionStatus.state === ConnectionState.LOST) throw connectionLost(view.name);
      if (!ref.connected || !ref.realmId) throw notConnected(view.name);
      return { ...ref, realmId: ref.realmId };
    },
    withClient: (accountId, configurationId, work) => service.withClient(accountId, configurationId, work),
    list: async (accountId) => (await service.list(accountId)).map(refOf),
  };
}
