import type { QboClient } from '../../integrations/intuit/qbo-client';
import type { QuickBooksConfiguration } from './quickbooks.types';

/** A configuration that is connected to a QuickBooks Online company. */
export interface ConnectedCompany {
  configurationId: string;
  accountId: string;
  name: string;
  realmId: string;
  companyName: string | null;
}

/** What other features (the import) may do with an account's QuickBooks Online companies. */
export interface QuickBooksAccess {
  /** The account's configuration when connected; reads only. Throws QUICKBOOKS_NOT_CONNECTED (not connected, or LOST with its reason, a past reconnect deadline included) or NOT_FOUND. */
  requireConnected(accountId: string, configurationId: string): Promise<ConnectedCompany>;
  /** Runs work with a QBO client (QboClient); on a 401 one forced refresh and one retry; invalid_grant marks the configuration LOST and throws. The token manager refreshes ahead of expiry, single flight across processes. */
  withClient<T>(accountId: string, configurationId: string, work: (client: QboClient) => Promise<T>): Promise<T>;
  list(accountId: string): Promise<QuickBooksConfiguration[]>;
}
