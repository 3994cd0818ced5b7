import type { QuickBooksConfigurationRecord } from './quickbooks-configuration.entity';
import type { ReasonCode } from './quickbooks-status';

/**
 * What the token manager needs from the database: read a configuration's row, and change it only by
 * compare-and-set. Every write that changes the tokens or the state is conditional on the row still holding
 * `record.tokenVersion` and being CONNECTED, and answers whether it won; the lease writes are conditional on
 * the lease owner. `QuickBooksConfigurationStore` implements it with one conditional UPDATE each (SQLite and
 * MySQL alike); the unit tests use an in-memory one (docs/token-manager.md §1).
 */
export interface QuickBooksTokenStore {
  byId(id: string): Promise<QuickBooksConfigurationRecord | null>;
  /** CONNECTED → LOST with its reason; false when another writer changed the tokens first. */
  markLost(record: QuickBooksConfigurationRecord, code: ReasonCode, now: Date, keepTokens?: boolean): Promise<boolean>;
  /**
   * Takes the refresh lease until `until` when it is free, expired at `now`, or held by `deadOwner` (a
   * holder known to be dead), and the tokens are unchanged; false otherwise.
   */
  acquireRefreshLease(
    record: QuickBooksConfigurationRecord,
    owner: string,
    until: Date,
    now: Date,
    deadOwner: string | null,
  ): Promise<boolean>;
  /** Frees the lease if `owner` still holds it. */
  releaseRefreshLease(id: string, owner: string): Promise<void>;
  /** Commits refreshed token columns (`refreshedColumns`); false when another writer changed the tokens first. */
  saveRefreshed(
    record: QuickBooksConfigurationRecord,
    columns: Partial<QuickBooksConfigurationRecord>,
  ): Promise<boolean>;
  /** Notes a refresh failure that may pass and frees the lease, if `owner` still holds it. */
  recordRefreshFailure(id: string, owner: string, code: ReasonCode, now: Date): Promise<void>;
}
