import type { DataSource } from 'typeorm';
import { CheckLeaseRecord } from '../modules/connection-checks/check-lease.entity';
import { newLeaseOwner, thisHostLeasePrefix } from '../lib/lease-owner';
import { openDatabase } from './data-source';
import { claimLeaseRow, isLiveLease } from './lease-rows';

const NOW = new Date('2026-01-01T00:00:00Z');
const later = (ms: number) => new Date(NOW.getTime() + ms);
/** This process's pid with another boot id: a process on this host that has provably ended. */
const deadOwner = () => `${thisHostLeasePrefix()}${process.pid}|deadbeef|00000000`;

describe('lease rows', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await openDatabase('sqlite::memory:');
  });
  afterAll(() => dataSource.destroy());
  beforeEach(() => dataSource.getRepository(CheckLeaseRecord).clear());

  const claim = (key: string, owner: string, leaseUntil: Date, now = NOW) =>
    claimLeaseRow(dataSource.getRepository(CheckLeaseRecord), { key }, { owner, leaseUntil }, now);
  const holderOf = async (key: string) =>
    (await dataSource.getRepository(CheckLeaseRecord).findOneBy({ key }))?.owner ?? null;

  it('takes a free lease by INSERT, and not one a live holder has', async () => {
    const first = newLeaseOwner();
    expect(await claim('a', first, later(1000))).toBe(true);
    expect(await claim('a', newLeaseOwner(), later(1000))).toBe(false);
    expect(await holderOf('a')).toBe(first);
    expect(await claim('b', newLeaseOwner(), later(1000))).toBe(true);
  });

  it('takes over a lease that ran out, with the new holder and lease', async () => {
    await claim('a', newLeaseOwner(), later(1000));
    const next = newLeaseOwner();
    expect(await claim('a', next, later(5000), later(1000))).toBe(true);
    const row = await dataSource.getRepository(CheckLeaseRecord).findOneByOrFail({ key: 'a' });
    expect(row.owner).toBe(next);
    expect(row.leaseUntil.getTime()).toBe(later(5000).getTime());
  });

  it('takes over at once from a dead holder on this host', async () => {
    await claim('a', deadOwner(), later(60_000));
    const next = newLeaseOwner();
    expect(await claim('a', next, later(1000))).toBe(true);
    expect(await holderOf('a')).toBe(next);
  });

  it('reads a lease as live until it runs out, and never when its holder is dead', () => {
    expect(isLiveLease({ owner: newLeaseOwner(), leaseUntil: later(1) }, NOW)).toBe(true);
    expect(isLiveLease({ owner: newLeaseOwner(), leaseUntil: NOW }, NOW)).toBe(false);
    expect(isLiveLease({ owner: deadOwner(), leaseUntil: later(1000) }, NOW)).toBe(false);
  });
});
