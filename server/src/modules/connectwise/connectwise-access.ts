import type { ConnectionStatus } from '../../graphql/connection-status';
import type { ConnectWiseClient } from '../../integrations/connectwise';

/** What other features (the import) may do with the account's ConnectWise PSA connection. */
export interface ConnectWiseAccess {
  /** Throws CONNECTWISE_REQUIRED unless the connection is validated. */
  assertConnected(accountId: string): Promise<void>;
  /** A client with the stored credentials (throws CONNECTWISE_REQUIRED when unusable). */
  clientFor(accountId: string): Promise<ConnectWiseClient>;
}

/** The stored status of the connection (the database only, never ConnectWise), for account-wide status reads. */
export interface ConnectWiseStatusReader {
  getStatus(accountId: string): Promise<ConnectionStatus>;
  /** Whether the connection exists and its last check is older than this (connectionStatus's maxAgeSeconds). */
  checkedLongerAgoThan(accountId: string, maxAgeMs: number): Promise<boolean>;
  /** Validates the stored credentials now if the last check is older than maxAgeMs (one check at a time). */
  recheckIfOlderThan(accountId: string, maxAgeMs: number): Promise<void>;
}
