import type { FindOptionsWhere, ObjectLiteral, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { isDeadLeaseOwner } from '../lib/lease-owner';

/** A row that is a cross-process lease: who holds it (`host|pid|boot|nonce`, lib/lease-owner.ts) and until when. */
export interface LeaseRow {
  owner: string;
  leaseUntil: Date;
}

/** Held: the lease has not run out at `now` and its holder is not a dead process on this host. */
export function isLiveLease(lease: LeaseRow, now: Date): boolean {
  return lease.leaseUntil.getTime() > now.getTime() && !isDeadLeaseOwner(lease.owner);
}

/**
 * Takes the lease row named by `key` for `holder`: by INSERT when there is none; by a conditional UPDATE (on the
 * previous owner, so one of two racing takers wins) when its lease ran out at `now` or its holder is a dead process
 * on this host; by INSERT again when the row went away in between. True when `holder` has it.
 */
export async function claimLeaseRow<T extends LeaseRow & ObjectLiteral>(
  rows: Repository<T>,
  key: FindOptionsWhere<T>,
  holder: Partial<T> & LeaseRow,
  now: Date,
): Promise<boolean> {
  const row = { ...key, ...holder } as unknown as QueryDeepPartialEntity<T>;
  if (await tryInsert(rows, row)) return true;
  const current = await rows.findOneBy(key);
  if (!current) return tryInsert(rows, row);
  if (isLiveLease(current, now)) return false;
  const taken = await rows.update({ ...key, owner: current.owner }, holder);
  return taken.affected === 1;
}

async function tryInsert<T extends ObjectLiteral>(
  rows: Repository<T>,
  row: QueryDeepPartialEntity<T>,
): Promise<boolean> {
  try {
    await rows.insert(row);
    return true;
  } catch {
    // Held (or just released and taken again).
    return false;
  }
}
