import type { DataSource, Repository } from 'typeorm';
import type { FlightClaims } from '../../lib/check-gate';
import type { Clock } from '../../lib/clock';
import { claimLeaseRow, isLiveLease } from '../../db/lease-rows';
import { newLeaseOwner } from '../../lib/lease-owner';
import { CheckLeaseRecord } from './check-lease.entity';

/**
 * Cross-process claims on a connection's live check: a row taken by INSERT, or by a conditional UPDATE when its lease
 * ran out or its holder is a dead process on this host (a crash mid-check must not hold checks up after a restart).
 * The lease only bounds a holder that vanished; a finished check deletes its row.
 */
export class CheckLeases implements FlightClaims {
  private readonly leases: Repository<CheckLeaseRecord>;

  constructor(
    dataSource: DataSource,
    private readonly clock: Clock,
    readonly leaseMs: number,
  ) {
    this.leases = dataSource.getRepository(CheckLeaseRecord);
  }

  async claim(key: string): Promise<(() => Promise<void>) | null> {
    const owner = newLeaseOwner();
    const now = this.clock.now();
    const leaseUntil = new Date(now.getTime() + this.leaseMs);
    if (!(await claimLeaseRow(this.leases, { key }, { owner, leaseUntil }, now))) return null;
    return () => this.leases.delete({ key, owner }).then(() => undefined);
  }

  async isClaimed(key: string): Promise<boolean> {
    const current = await this.leases.findOneBy({ key });
    return current !== null && isLiveLease(current, this.clock.now());
  }
}
