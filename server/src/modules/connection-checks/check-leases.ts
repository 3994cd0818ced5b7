import type { DataSource, Repository } from 'typeorm';
import type { FlightClaims } from '../../lib/check-gate';
import type { Clock } from '../../lib/clock';
import { isDeadLeaseOwner, newLeaseOwner } from '../../lib/lease-owner';
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
    const leaseUntil = new Date(this.clock.now().getTime() + this.leaseMs);
    const release = () => this.leases.delete({ key, owner }).then(() => undefined);
    if (await this.insert(key, owner, leaseUntil)) return release;
    const current = await this.leases.findOneBy({ key });
    if (!current) return (await this.insert(key, owner, leaseUntil)) ? release : null;
    if (this.isLive(current)) return null;
    const taken = await this.leases
      .createQueryBuilder()
      .update(CheckLeaseRecord)
      .set({ owner, leaseUntil })
      .where('`key` = :key AND owner = :previous', { key, previous: current.owner })
      .execute();
    return taken.affected === 1 ? release : null;
  }

  async isClaimed(key: string): Promise<boolean> {
    const current = await this.leases.findOneBy({ key });
    return current !== null && this.isLive(current);
  }

  private isLive(lease: CheckLeaseRecord): boolean {
    return lease.leaseUntil.getTime() > this.clock.now().getTime() && !isDeadLeaseOwner(lease.owner);
  }

  private async insert(key: string, owner: string, leaseUntil: Date): Promise<boolean> {
    try {
      await this.leases.insert({ key, owner, leaseUntil });
      return true;
    } catch {
      return false;
    }
  }
}
