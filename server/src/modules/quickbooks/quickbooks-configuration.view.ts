import type { ConfigurationViewRecord } from './quickbooks-configuration.store';
import { reasonOf, statusOf } from './quickbooks-status';
import type { QuickBooksConfiguration } from './quickbooks.types';

/** How a stored configuration reads in the API: pure, from the row alone, never calls Intuit. */
export function configurationView(record: ConfigurationViewRecord, now: Date): QuickBooksConfiguration {
  return {
    id: record.id,
    name: record.name,
    isDefault: record.isDefault,
    realmId: record.realmId,
    companyName: record.companyName,
    connectionStatus: statusOf(record, now),
    statusReason: reasonOf(record, now),
    lastErrorCode:
      record.state === 'CONNECTED' && record.reconnectBy && record.reconnectBy <= now
        ? 'RECONNECT_DEADLINE'
        : record.lastErrorCode,
    connectedAt: record.connectedAt,
    lastSuccessAt: record.lastSuccessAt,
    createdAt: record.createdAt,
  };
}
