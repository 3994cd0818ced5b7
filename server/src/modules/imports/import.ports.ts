import type { ConnectWiseClient } from '../../integrations/connectwise';
import type { QboClient } from '../../integrations/intuit/qbo-client';
import type { JobQueue } from '../../queue';

/** What the import needs from the other features and the job queue (wired in imports.module.ts). */

export interface ConfigurationRef {
  id: string;
  name: string;
  /** null until the configuration is connected. */
  realmId: string | null;
  connected: boolean;
}

export interface QuickBooksAccess {
  /** The account's configuration, connected or not; NOT_FOUND for an unknown id (or another account's). */
  requireConfiguration(accountId: string, configurationId: string): Promise<ConfigurationRef>;
  /** The connected configuration; QUICKBOOKS_NOT_CONNECTED (not connected or lost) otherwise. */
  requireConnected(accountId: string, configurationId: string): Promise<ConfigurationRef & { realmId: string }>;
  /** Runs work with a QBO client; a 401 gets one refresh and one retry; a dead grant marks it LOST and throws. */
  withClient<T>(accountId: string, configurationId: string, work: (client: QboClient) => Promise<T>): Promise<T>;
  list(accountId: string): Promise<ConfigurationRef[]>;
}

export interface ConnectWiseAccess {
  /** CONNECTWISE_REQUIRED when the account has no working connection. */
  assertConnected(accountId: string): Promise<void>;
  clientFor(accountId: string): Promise<ConnectWiseClient>;
}

/** The part of the job queue the import uses: enqueue runs, keep AutoSync's schedules. */
export type ImportJobs = Pick<JobQueue, 'add' | 'upsertSchedule' | 'removeSchedule'>;

export const JOB_RUN = 'import.run';
export const JOB_AUTOSYNC = 'import.autosync';
export const JOB_SWEEP = 'import.sweep';

export const runJobId = (runId: string) => `import-run-${runId}`;
export const autoSyncKey = (configurationId: string) => `import-autosync-${configurationId}`;
