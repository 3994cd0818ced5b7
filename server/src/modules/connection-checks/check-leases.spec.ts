import type { DataSource } from 'typeorm';
import { openDatabase } from '../../db/data-source';
import { isLiveLease } from '../../db/lease-rows';
import { ManualClock } from '../../lib/clock';
import { newLeaseOwner, thisHostLeasePrefix } from '../../lib/lease-owner';
import { CheckLeaseRecord } from './check-lease.entity';
import { CheckLeases } from './check-leases';

const LEASE_MS = 1000;
/** This process's pid with another boot id: a process on this host that has provably ended. */
const deadOwner = () => `${thisHostLeasePrefix()}${process.pid}|deadbeef|00000000`;

/** The lease-row claim (db/lease-rows.ts) as the connection checks use it, on SQLite. */
describe('CheckLeases', () => {
  let dataSource: DataSource;
  let clock: ManualClock;
  let leases: CheckLeases;

  beforeAll(async () => {
    dataSource = await openDatabase('sqlite::memory:');
  });
  afterAll(() => dataSource.destroy());
  beforeEach(async () => {
    await dataSource.getRepository(CheckLeaseRecord).clear();
    clock = new ManualClock(new Date('2026-01-01T00:00:00Z'));
    leases = new CheckLeases(dataSource, clock, LEASE_MS);
  });

  const holderOf = async (key: string) =>
    (await dataSource.getRepository(CheckLeaseRecord).findOneBy({ key }))?.owner ?? null;

  it('claims a free key, not one claimed and live, and frees it on release', async () => {
    const release = await leases.claim('a');
    expect(release).not.toBeNull();
    expect(await leases.claim('a')).toBeNull();
    expect(await leases.isClaimed('a')).toBe(true);
    expect(await leases.claim('b')).not.toBeNull();
    await release!();
    expect(await leases.isClaimed('a')).toBe(false);
    expect(await leases.claim('a')).not.toBeNull();
  });

  it('takes over a claim whose lease ran out, and the old holder’s release leaves the new one alone', async () => {
    const staleRelease = await leases.claim('a');
    clock.advance(LEASE_MS);
    expect(await leases.isClaimed('a')).toBe(false);
    expect(await leases.claim('a')).not.toBeNull();
    const taker = await holderOf('a');
    await staleRelease!();
    expect(await holderOf('a')).toBe(taker);
    expect(await leases.isClaimed('a')).toBe(true);
  });

  it('takes over at once from a dead holder on this host', async () => {
    const until = new Date(clock.now().getTime() + 60_000);
    await dataSource.getRepository(CheckLeaseRecord).insert({ key: 'a', owner: deadOwner(), leaseUntil: until });
    expect(await leases.isClaimed('a')).toBe(false);
    expect(await leases.claim('a')).not.toBeNull();
    expect(await holderOf('a')).not.toBe(deadOwner());
  });

  it('reads a lease as live until it runs out, and never when its holder is dead', () => {
    const now = clock.now();
    const later = new Date(now.getTime() + 1);
    expect(isLiveLease({ owner: newLeaseOwner(), leaseUntil: later }, now)).toBe(true);
    expect(isLiveLease({ owner: newLeaseOwner(), leaseUntil: now }, now)).toBe(false);
    expect(isLiveLease({ owner: deadOwner(), leaseUntil: later }, now)).toBe(false);
  });
});
