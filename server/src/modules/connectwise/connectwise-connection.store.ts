import { randomUUID } from 'node:crypto';
import type { DataSource, Repository } from 'typeorm';
import { LeanTable } from '../../db/lean-table';
import { ConnectWiseConnectionRecord } from './connectwise-connection.entity';

/**
 * The one place that writes `connectwise_connections` (docs/connection-writes.md). A save of the
 * credentials replaces them and bumps `version`; a check writes only the status columns, and only if the
 * credentials it checked are still the stored ones (same `version`) and no check that started later has
 * recorded its answer yet (`checkedAt`). A check never writes the site, company or keys back.
 */

/** The AAD of a sealed key: bound to its row, column and account, so a copied ciphertext does not open elsewhere. */
export function connectWiseKeyContext(
  row: Pick<ConnectWiseConnectionRecord, 'id' | 'accountId'>,
  key: 'publicKey' | 'privateKey',
): string {
  return `connectwise_connections|${key}|${row.id}|${row.accountId}`;
}

/** What a save stores: the credentials, sealed for the row with this id, and what ConnectWise reported. */
export type CredentialColumns = Pick<
  ConnectWiseConnectionRecord,
  'site' | 'companyId' | 'publicKeySealed' | 'privateKeySealed' | 'privateKeyHint' | 'companyName' | 'codebase'
>;

/** What a check may write. */
export type StatusColumns = Pick<ConnectWiseConnectionRecord, 'checkedAt' | 'lastErrorCode' | 'statusMessage'> &
  Partial<Pick<ConnectWiseConnectionRecord, 'state' | 'validatedAt'>>;

/** The credentials passed: connected, validated now. */
export function connectedStatus(now: Date): StatusColumns {
  return { state: 'CONNECTED', statusMessage: null, lastErrorCode: null, checkedAt: now, validatedAt: now };
}

/** The stored credentials no longer work (or cannot be read). */
export function lostStatus(code: string, message: string, now: Date): StatusColumns {
  return { state: 'LOST', lastErrorCode: code, statusMessage: message.slice(0, 500), checkedAt: now };
}

/** ConnectWise could not be asked: the connection keeps its state, the failed check is recorded. */
export function unreachableStatus(code: string, message: string, now: Date): StatusColumns {
  return { lastErrorCode: code, statusMessage: message.slice(0, 500), checkedAt: now };
}

const STATUS_PROPERTIES = ['state', 'statusMessage', 'checkedAt'] as const satisfies ReadonlyArray<
  keyof ConnectWiseConnectionRecord
>;

export type ConnectWiseStatusRecord = Pick<ConnectWiseConnectionRecord, (typeof STATUS_PROPERTIES)[number]>;

export class ConnectWiseConnectionStore {
  private readonly records: Repository<ConnectWiseConnectionRecord>;
  private readonly readStatus: (row: Record<string, unknown>) => ConnectWiseStatusRecord;
  private readonly statusSql: string;

  constructor(private readonly dataSource: DataSource) {
    this.records = dataSource.getRepository(ConnectWiseConnectionRecord);
    const t = new LeanTable(dataSource, ConnectWiseConnectionRecord);
    this.readStatus = t.reader(STATUS_PROPERTIES, 'w');
    this.statusSql = `SELECT ${t.select(STATUS_PROPERTIES, 'w')} FROM ${t.table} w WHERE ${t.column('accountId', 'w')} = ?`;
  }

  /** The account's connection state alone (no keys): one prepared read for the status endpoint (docs/performance.md §3). */
  async statusByAccount(accountId: string): Promise<ConnectWiseStatusRecord | null> {
    const [row] = await this.dataSource.query<Record<string, unknown>[]>(this.statusSql, [accountId]);
    return row ? this.readStatus(row) : null;
  }

  byAccount(accountId: string): Promise<ConnectWiseConnectionRecord | null> {
    return this.records.findOneBy({ accountId });
  }

  /**
   * Makes these validated credentials the account's connection, connected as of `now`: a new row, or the
   * existing one with `version + 1`, which voids every check still in flight. `columnsFor(id)` seals the keys
   * for the row they will be stored in (the id is part of their AAD).
   */
  async saveCredentials(
    accountId: string,
    columnsFor: (id: string) => CredentialColumns,
    now: Date,
  ): Promise<ConnectWiseConnectionRecord> {
    const existing = await this.byAccount(accountId);
    if (!existing) {
      const id = randomUUID();
      try {
        await this.records.insert({
          id,
          accountId,
          ...columnsFor(id),
          ...connectedStatus(now),
          state: 'CONNECTED',
          validatedAt: now,
          version: 0,
          createdAt: now,
          updatedAt: now,
        });
        return await this.records.findOneByOrFail({ id });
      } catch (error) {
        // The unique account index: a concurrent first save inserted the row; replace its credentials instead.
        if (!(await this.byAccount(accountId))) throw error;
        return this.saveCredentials(accountId, columnsFor, now);
      }
    }
    await this.records
      .createQueryBuilder()
      .update(ConnectWiseConnectionRecord)
      .set({ ...columnsFor(existing.id), ...connectedStatus(now), updatedAt: now, version: () => 'version + 1' })
      .where('id = :id', { id: existing.id })
      .execute();
    return this.records.findOneByOrFail({ id: existing.id });
  }

  /**
   * Forgets the account's connection (disconnect): the row, with its sealed keys, is deleted. Like a save it is
   * not conditional (the last person to act wins); a check still in flight finds no row with its `version` and
   * writes nothing, so it cannot bring the keys back (docs/connection-writes.md). False when there was none.
   */
  async deleteConnection(accountId: string): Promise<boolean> {
    const result = await this.records
      .createQueryBuilder()
      .delete()
      .from(ConnectWiseConnectionRecord)
      .where('accountId = :accountId', { accountId })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /**
   * Records a check of `record`'s credentials that started at `status.checkedAt`. False (nothing written) when
   * the credentials were saved again since `record` was read, or a later check already recorded its answer.
   */
  async recordStatus(record: ConnectWiseConnectionRecord, status: StatusColumns): Promise<boolean> {
    const result = await this.records
      .createQueryBuilder()
      .update(ConnectWiseConnectionRecord)
      .set({ ...status, updatedAt: status.checkedAt })
      .where('id = :id AND version = :version AND checkedAt <= :startedAt', {
        id: record.id,
        version: record.version,
        startedAt: status.checkedAt,
      })
      .execute();
    return result.affected === 1;
  }
}
