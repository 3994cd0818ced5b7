import { randomUUID } from 'node:crypto';
import {
  IsNull,
  LessThan,
  LessThanOrEqual,
  MoreThan,
  Not,
  type DataSource,
  type EntityManager,
  type Repository,
} from 'typeorm';
import { LeanTable } from '../../db/lean-table';
import { QuickBooksConfigurationRecord } from './quickbooks-configuration.entity';
import { configurationNotFound } from './quickbooks-errors';
import { REASONS, REMINDER_DAYS, type ReasonCode } from './quickbooks-status';
import type { QuickBooksTokenStore } from './quickbooks-token-store';

/**
 * The one place that reads and writes `quickbooks_configurations`. Every state change is a single
 * conditional UPDATE (compare-and-set on `tokenVersion`, `state` or the lease owner) so that several
 * server processes sharing the database never overwrite each other; the column values come from the
 * pure functions below, which the unit tests pin down (docs/connection-writes.md).
 */

export const DEFAULT_CONFIGURATION_NAME = 'Default';
const DAY_MS = 24 * 60 * 60 * 1000;
const ID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Columns = Partial<QuickBooksConfigurationRecord>;

/** The sealed token columns of a fresh grant (the token manager seals them). */
export type SealedTokenColumns = Pick<
  QuickBooksConfigurationRecord,
  | 'accessTokenSealed'
  | 'refreshTokenSealed'
  | 'accessTokenExpiresAt'
  | 'refreshTokenExpiresAt'
  | 'refreshTokenHardExpiresAt'
  | 'reconnectBy'
  | 'refreshLeaseUntil'
  | 'refreshLeaseOwner'
>;

/** What the API shows of a configuration (quickbooks-configuration.view.ts): never its sealed tokens' use. */
const VIEW_PROPERTIES = [
  'id',
  'name',
  'isDefault',
  'realmId',
  'companyName',
  'state',
  'statusMessage',
  'lastErrorCode',
  'checkedAt',
  'lastSuccessAt',
  'reconnectBy',
  'connectedAt',
  'refreshTokenSealed',
  'tokenVersion',
  'createdAt',
] as const satisfies ReadonlyArray<keyof QuickBooksConfigurationRecord>;

export type ConfigurationViewRecord = Pick<QuickBooksConfigurationRecord, (typeof VIEW_PROPERTIES)[number]>;

export type ReminderColumn = 'reminder14SentAt' | 'reminder3SentAt';

const UNCLAIMED: Record<ReminderColumn, string> = {
  reminder14SentAt: 'id = :id AND reminder14SentAt IS NULL AND tokenVersion = :version',
  reminder3SentAt: 'id = :id AND reminder3SentAt IS NULL AND tokenVersion = :version',
};

/** A configuration with no QuickBooks company: what a new one starts as and what Disconnect returns to. */
export function notConnectedColumns() {
  return {
    realmId: null,
    companyName: null,
    accessTokenSealed: null,
    refreshTokenSealed: null,
    accessTokenExpiresAt: null,
    refreshTokenExpiresAt: null,
    refreshTokenHardExpiresAt: null,
    connectedAt: null,
    refreshLeaseUntil: null,
    refreshLeaseOwner: null,
    state: 'NOT_CONNECTED' as const,
    statusMessage: null,
    lastErrorCode: null,
    checkedAt: null,
    lastSuccessAt: null,
    reconnectBy: null,
    reminder14SentAt: null,
    reminder3SentAt: null,
  };
}

export function newConfiguration(input: {
  accountId: string;
  name: string;
  nameKey: string;
  isDefault: boolean;
  now: Date;
}): QuickBooksConfigurationRecord {
  return {
    id: randomUUID(),
    accountId: input.accountId,
    name: input.name,
    nameKey: input.nameKey,
    isDefault: input.isDefault,
    ...notConnectedColumns(),
    tokenVersion: 0,
    createdAt: input.now,
    updatedAt: input.now,
  };
}

/** A new grant from the OAuth flow: connected now, reminders re-armed, the company name kept for the same realm. */
export function connectedColumns(
  record: QuickBooksConfigurationRecord,
  sealed: SealedTokenColumns,
  realmId: string,
  companyName: string | null,
  now: Date,
): Columns {
  return {
    ...sealed,
    realmId,
    companyName: companyName ?? (record.realmId === realmId ? record.companyName : null),
    connectedAt: now,
    tokenVersion: record.tokenVersion + 1,
    state: 'CONNECTED',
    statusMessage: null,
    lastErrorCode: null,
    checkedAt: now,
    lastSuccessAt: now,
    reminder14SentAt: null,
    reminder3SentAt: null,
    updatedAt: now,
  };
}

/** Rotated tokens from a refresh; a deadline that moved out of a reminder's window re-arms that reminder. */
export function refreshedColumns(
  record: QuickBooksConfigurationRecord,
  sealed: SealedTokenColumns,
  now: Date,
): Columns {
  const until = (sealed.reconnectBy as Date).getTime() - now.getTime();
  return {
    ...sealed,
    tokenVersion: record.tokenVersion + 1,
    lastErrorCode: null,
    statusMessage: null,
    updatedAt: now,
    reminder14SentAt: until > REMINDER_DAYS[0] * DAY_MS ? null : record.reminder14SentAt,
    reminder3SentAt: until > REMINDER_DAYS[1] * DAY_MS ? null : record.reminder3SentAt,
  };
}

/** LOST with its reason; the tokens are wiped unless kept on purpose (unreadable ones may become readable again). */
export function lostColumns(
  record: QuickBooksConfigurationRecord,
  code: ReasonCode,
  now: Date,
  keepTokens = false,
): Columns {
  return {
    state: 'LOST',
    lastErrorCode: code,
    statusMessage: REASONS[code],
    checkedAt: now,
    refreshLeaseUntil: null,
    refreshLeaseOwner: null,
    tokenVersion: record.tokenVersion + 1,
    updatedAt: now,
    ...(keepTokens ? {} : { accessTokenSealed: null, refreshTokenSealed: null, accessTokenExpiresAt: null }),
  };
}

export class QuickBooksConfigurationStore implements QuickBooksTokenStore {
  private readonly records: Repository<QuickBooksConfigurationRecord>;

  private readonly readView: (row: Record<string, unknown>) => ConfigurationViewRecord;
  private readonly viewsSql: string;

  constructor(private readonly dataSource: DataSource) {
    this.records = dataSource.getRepository(QuickBooksConfigurationRecord);
    const t = new LeanTable(dataSource, QuickBooksConfigurationRecord);
    this.readView = t.reader(VIEW_PROPERTIES, 'c');
    this.viewsSql =
      `SELECT ${t.select(VIEW_PROPERTIES, 'c')} FROM ${t.table} c WHERE ${t.column('accountId', 'c')} = ? ` +
      `ORDER BY ${t.column('isDefault', 'c')} DESC, ${t.column('createdAt', 'c')} ASC, ${t.column('name', 'c')} ASC`;
  }

  // ---- reads ------------------------------------------------------------------------------------

  byId(id: string): Promise<QuickBooksConfigurationRecord | null> {
    return this.records.findOneBy({ id });
  }

  /** The account's configuration with this id, or null (another account's id reads as missing). */
  async find(accountId: string, id: string): Promise<QuickBooksConfigurationRecord | null> {
    if (typeof id !== 'string' || !ID_SHAPE.test(id)) return null;
    return this.records.findOneBy({ id, accountId });
  }

  /** As find(), but NOT_FOUND instead of null. */
  async require(accountId: string, id: string): Promise<QuickBooksConfigurationRecord> {
    const record = await this.find(accountId, id);
    if (!record) throw configurationNotFound();
    return record;
  }

  /** Default first, then in the order they were added. */
  listOf(accountId: string): Promise<QuickBooksConfigurationRecord[]> {
    return this.records.find({ where: { accountId }, order: { isDefault: 'DESC', createdAt: 'ASC', name: 'ASC' } });
  }

  /**
   * The account's configurations as the API shows them, in listOf's order: one prepared, indexed read for the
   * status endpoint partner tooling polls (docs/performance.md §3).
   */
  async viewsOf(accountId: string): Promise<ConfigurationViewRecord[]> {
    const rows = await this.dataSource.query<Record<string, unknown>[]>(this.viewsSql, [accountId]);
    return rows.map(this.readView);
  }

  /** Every configuration, of any account, holding this QuickBooks company with tokens (connected or lost). */
  holdingRealm(realmId: string): Promise<QuickBooksConfigurationRecord[]> {
    return this.records.find({ where: { realmId, refreshTokenSealed: Not(IsNull()) }, take: 50 });
  }

  nameTaken(accountId: string, nameKey: string, exceptId?: string): Promise<boolean> {
    return this.records.existsBy({ accountId, nameKey, ...(exceptId ? { id: Not(exceptId) } : {}) });
  }

  /** Another configuration of the account holds this company (connected, expiring or lost). */
  /** The account's other configuration connected to this QuickBooks company (its id), or null. */
  async realmHolder(accountId: string, realmId: string, exceptId: string): Promise<string | null> {
    const holder = await this.records.findOne({
      select: { id: true },
      where: { accountId, realmId, id: Not(exceptId) },
    });
    return holder?.id ?? null;
  }

  connectedPastDeadline(now: Date, limit: number): Promise<QuickBooksConfigurationRecord[]> {
    return this.records.find({ where: { state: 'CONNECTED', reconnectBy: LessThanOrEqual(now) }, take: limit });
  }

  /** Connected configurations whose deadline is before `before` and whose reminder was not sent yet. */
  reminderDue(column: ReminderColumn, before: Date, limit: number): Promise<QuickBooksConfigurationRecord[]> {
    return this.records.find({
      where: { state: 'CONNECTED', reconnectBy: LessThanOrEqual(before), [column]: IsNull() },
      take: limit,
    });
  }

  /** Connected configurations never checked or last checked before `before`, oldest first. */
  checkedBefore(before: Date, limit: number): Promise<QuickBooksConfigurationRecord[]> {
    return this.records.find({
      where: [
        { state: 'CONNECTED', checkedAt: IsNull() },
        { state: 'CONNECTED', checkedAt: LessThan(before) },
      ],
      order: { checkedAt: 'ASC' },
      take: limit,
    });
  }

  /** Connected configurations whose refresh token's rolling window ends before `before` (deadline still ahead). */
  refreshTokenExpiringBefore(before: Date, now: Date, limit: number): Promise<QuickBooksConfigurationRecord[]> {
    return this.records.find({
      where: { state: 'CONNECTED', refreshTokenExpiresAt: LessThanOrEqual(before), reconnectBy: MoreThan(now) },
      take: limit,
    });
  }

  // ---- inserts and deletes ------------------------------------------------------------------------

  async insert(record: QuickBooksConfigurationRecord): Promise<void> {
    await this.records.insert(record);
  }

  /**
   * The account's Default configuration, unless it has one: the unique (account, name) index makes a
   * concurrent second insert a no-op. Runs in the caller's transaction when given its manager.
   */
  async insertDefault(accountId: string, now: Date, manager: EntityManager = this.dataSource.manager): Promise<void> {
    const name = DEFAULT_CONFIGURATION_NAME;
    await manager
      .createQueryBuilder()
      .insert()
      .into(QuickBooksConfigurationRecord)
      .values(newConfiguration({ accountId, name, nameKey: name.toLowerCase(), isDefault: true, now }))
      .orIgnore()
      .execute();
  }

  async delete(accountId: string, id: string): Promise<void> {
    await this.records.delete({ id, accountId });
  }

  // ---- conditional updates ----------------------------------------------------------------------

  async rename(accountId: string, id: string, name: string, nameKey: string, now: Date): Promise<void> {
    await this.records.update({ id, accountId }, { name, nameKey, updatedAt: now });
  }

  /** Stores a new grant unless another writer changed the tokens since `record` was read. */
  async connect(record: QuickBooksConfigurationRecord, columns: Columns): Promise<boolean> {
    return this.changed(
      this.updateWhere(columns).where('id = :id AND accountId = :accountId AND tokenVersion = :version', {
        id: record.id,
        accountId: record.accountId,
        version: record.tokenVersion,
      }),
    );
  }

  /** Forgets the company and its tokens, bumping tokenVersion so that a refresh in flight cannot write back. */
  async disconnect(record: QuickBooksConfigurationRecord, now: Date): Promise<void> {
    await this.updateWhere({ ...notConnectedColumns(), tokenVersion: record.tokenVersion + 1, updatedAt: now })
      .where('id = :id AND accountId = :accountId', { id: record.id, accountId: record.accountId })
      .execute();
  }

  /** CONNECTED → LOST, only for the writer that still holds `record`'s tokenVersion (so only one notifies). */
  markLost(record: QuickBooksConfigurationRecord, code: ReasonCode, now: Date, keepTokens = false): Promise<boolean> {
    return this.changed(this.sameTokens(record, lostColumns(record, code, now, keepTokens)));
  }

  /** Takes the refresh lease when it is free, expired or held by `deadOwner`, and the tokens are unchanged. */
  acquireRefreshLease(
    record: QuickBooksConfigurationRecord,
    owner: string,
    until: Date,
    now: Date,
    deadOwner: string | null,
  ): Promise<boolean> {
    return this.changed(
      this.sameTokens(record, { refreshLeaseUntil: until, refreshLeaseOwner: owner }).andWhere(
        deadOwner
          ? '(refreshLeaseUntil IS NULL OR refreshLeaseUntil < :now OR refreshLeaseOwner = :deadOwner)'
          : '(refreshLeaseUntil IS NULL OR refreshLeaseUntil < :now)',
        { now, deadOwner },
      ),
    );
  }

  async releaseRefreshLease(id: string, owner: string): Promise<void> {
    await this.updateWhere({ refreshLeaseUntil: null, refreshLeaseOwner: null })
      .where('id = :id AND refreshLeaseOwner = :owner', { id, owner })
      .execute();
  }

  /** Commits rotated tokens (refreshedColumns) unless another writer changed the tokens first. */
  saveRefreshed(record: QuickBooksConfigurationRecord, columns: Columns): Promise<boolean> {
    return this.changed(this.sameTokens(record, columns));
  }

  /** A refresh failed for a reason that may pass: note it and free the lease we hold. */
  async recordRefreshFailure(id: string, owner: string, code: ReasonCode, now: Date): Promise<void> {
    await this.updateWhere({
      lastErrorCode: code,
      statusMessage: REASONS[code],
      refreshLeaseUntil: null,
      refreshLeaseOwner: null,
      updatedAt: now,
    })
      .where('id = :id AND refreshLeaseOwner = :owner', { id, owner })
      .execute();
  }

  /** A check could not reach QuickBooks: the connection stays, the failed check is recorded. */
  async recordCheckFailure(id: string, code: ReasonCode, now: Date): Promise<void> {
    await this.whileConnected(id, {
      checkedAt: now,
      lastErrorCode: code,
      statusMessage: REASONS[code],
      updatedAt: now,
    });
  }

  /** QuickBooks answered a check: the company name as it reports it, and no error any more. */
  async recordCheckSuccess(id: string, companyName: string | null, now: Date): Promise<void> {
    await this.whileConnected(id, {
      companyName,
      checkedAt: now,
      lastSuccessAt: now,
      lastErrorCode: null,
      statusMessage: null,
      updatedAt: now,
    });
  }

  /** Claims a reconnect reminder (one email even with several processes); false when it is already claimed. */
  claimReminder(record: QuickBooksConfigurationRecord, column: ReminderColumn, now: Date): Promise<boolean> {
    return this.changed(
      this.updateWhere({ [column]: now }).where(UNCLAIMED[column], { id: record.id, version: record.tokenVersion }),
    );
  }

  /** Inside 3 days the 14-day reminder is moot: mark it sent so it never follows the 3-day one. */
  async skipReminder14(id: string, now: Date): Promise<void> {
    await this.records.update({ id, reminder14SentAt: IsNull() }, { reminder14SentAt: now });
  }

  /** Gives a claimed reminder back so the next pass tries again. */
  async releaseReminder(id: string, column: ReminderColumn): Promise<void> {
    await this.records.update({ id }, { [column]: null });
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private updateWhere(columns: Columns) {
    return this.records.createQueryBuilder().update(QuickBooksConfigurationRecord).set(columns);
  }

  /** Guarded by the row's tokenVersion and its state being CONNECTED: the compare-and-set of token writes. */
  private sameTokens(record: QuickBooksConfigurationRecord, columns: Columns) {
    return this.updateWhere(columns).where('id = :id AND tokenVersion = :version AND state = :connected', {
      id: record.id,
      version: record.tokenVersion,
      connected: 'CONNECTED',
    });
  }

  private async whileConnected(id: string, columns: Columns): Promise<void> {
    await this.updateWhere(columns).where('id = :id AND state = :connected', { id, connected: 'CONNECTED' }).execute();
  }

  private async changed(query: { execute(): Promise<{ affected?: number | null }> }): Promise<boolean> {
    return (await query.execute()).affected === 1;
  }
}
