import type { DataSource, Repository } from 'typeorm';
import type { Clock } from '../../lib/clock';
import { claimLeaseRow } from '../../db/lease-rows';
import { newLeaseOwner } from '../../lib/lease-owner';
import { ImportLockRecord } from './import-lock.entity';

/**
 * At most one run works a QBO company at a time, across processes (docs/imports.md §3.2): a row per realm,
 * taken by INSERT, or by a conditional UPDATE when its lease expired or its holder is a dead process on
 * this host. The holder renews it; a holder that fails to renew has lost it and must stop.
 */
export class RealmLocks {
  private readonly locks: Repository<ImportLockRecord>;

  constructor(
    dataSource: DataSource,
    private readonly clock: Clock,
    readonly leaseMs: number,
  ) {
    this.locks = dataSource.getRepository(ImportLockRecord);
  }

  /** The owner id when taken, else null (another worker holds the company). */
  async acquire(realmId: string, runId: string): Promise<string | null> {
    const owner = newLeaseOwner();
    const now = this.clock.now();
    const leaseUntil = new Date(now.getTime() + this.leaseMs);
    return (await claimLeaseRow(this.locks, { realmId }, { runId, owner, leaseUntil }, now)) ? owner : null;
  }

  /** Extends the lease; false when someone else holds it now. */
  async renew(realmId: string, owner: string): Promise<boolean> {
    const leaseUntil = new Date(this.clock.now().getTime() + this.leaseMs);
    const result = await this.locks
      .createQueryBuilder()
      .update(ImportLockRecord)
      .set({ leaseUntil })
      .where('realmId = :realmId AND owner = :owner', { realmId, owner })
      .execute();
    return result.affected === 1;
  }

  async release(realmId: string, owner: string): Promise<void> {
    await this.locks.delete({ realmId, owner });
  }
}
