import { spawnSync } from 'node:child_process';
import { isDeadLeaseOwner, newLeaseOwner, thisHostLeasePrefix } from './lease-owner';

describe('lease owners', () => {
  it('are minted as host|pid|boot|nonce, unique per call', () => {
    const owner = newLeaseOwner();
    expect(owner.startsWith(thisHostLeasePrefix())).toBe(true);
    expect(owner.split('|')).toHaveLength(4);
    expect(owner.split('|')[1]).toBe(String(process.pid));
    expect(newLeaseOwner()).not.toBe(owner);
    expect(owner.length).toBeLessThanOrEqual(64);
  });

  it('call this process alive and an earlier boot of the same pid dead', () => {
    const [host, pid] = newLeaseOwner().split('|');
    expect(isDeadLeaseOwner(newLeaseOwner())).toBe(false);
    expect(isDeadLeaseOwner(`${host}|${pid}|deadbeef|00000000`)).toBe(true);
  });

  it('call a process on this host that has exited dead', () => {
    const exited = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    const [host] = newLeaseOwner().split('|');
    expect(isDeadLeaseOwner(`${host}|${exited.stdout}|cafebabe|00000000`)).toBe(true);
  });

  it('never call a holder on another host, or no holder, dead', () => {
    expect(isDeadLeaseOwner('another-host|1|cafebabe|00000000')).toBe(false);
    expect(isDeadLeaseOwner(null)).toBe(false);
    expect(isDeadLeaseOwner('garbage')).toBe(false);
  });
});
