import { ConnectionState } from '../../graphql/connection-status';
import type { QuickBooksAccess as QuickBooksFeatureAccess, QuickBooksConfiguration } from '../quickbooks';
import { configurationNotFound } from './import-errors';
import type { ConfigurationRef, QuickBooksAccess } from './import.ports';

/** The QuickBooks side of the import, over what the QuickBooks feature offers other features. */
export function quickBooksAccessFor(access: QuickBooksFeatureAccess): QuickBooksAccess {
  const refOf = (view: QuickBooksConfiguration): ConfigurationRef => ({
    id: view.id,
    name: view.name,
    realmId: view.realmId,
    connected:
      view.connectionStatus.state === ConnectionState.CONNECTED ||
      view.connectionStatus.state === ConnectionState.EXPIRING,
  });
  return {
    requireConfiguration: async (accountId, configurationId) => {
      const view = (await access.list(accountId)).find((configuration) => configuration.id === configurationId);
      if (!view) throw configurationNotFound();
      return refOf(view);
    },
    requireConnected: async (accountId, configurationId) => {
      const company = await access.requireConnected(accountId, configurationId);
      return { id: company.configurationId, name: company.name, realmId: company.realmId, connected: true };
    },
    withClient: (accountId, configurationId, work) => access.withClient(accountId, configurationId, work),
    list: async (accountId) => (await access.list(accountId)).map(refOf),
  };
}
