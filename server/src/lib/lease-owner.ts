import { randomBytes } from 'node:crypto';
import os from 'node:os';

/**
 * Owner ids of cross-process leases in the database: `host|pid|boot|nonce`. They let a holder release
 * only its own lease and let a process take over at once from a holder on this host that is provably
 * dead (a crash and a restart must not wait out the lease); a holder on another host is only ever
 * outlived (lease expiry). The QuickBooks refresh lease, the job queue and the import lock all use it.
 */

const HOST = os.hostname().replace(/\|/g, '_').slice(0, 24);
/** Tells this process apart from an earlier one with the same pid (a restarted container is often pid 1). */
const BOOT_ID = randomBytes(4).toString('hex');

export function newLeaseOwner(): string {
  return `${HOST}|${process.pid}|${BOOT_ID}|${randomBytes(4).toString('hex')}`;
}

/** The prefix every owner id minted on this host starts with (to find leases a dead local process left). */
export function thisHostLeasePrefix(): string {
  return `${HOST}|`;
}

export function isDeadLeaseOwner(owner: string | null): boolean {
  if (!owner) return false;
  const [host, pidText, boot] = owner.split('|');
  if (host !== HOST || !pidText || !/^\d+$/.test(pidText)) return false;
  const pid = Number(pidText);
  if (pid === process.pid) return boot !== BOOT_ID;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
