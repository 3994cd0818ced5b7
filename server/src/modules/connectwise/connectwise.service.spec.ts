import { randomBytes } from 'node:crypto';
import { ConnectionState } from '../../graphql/connection-status';
import { CheckGate } from '../../lib/check-gate';
import { ManualClock } from '../../lib/clock';
import { createLogger } from '../../lib/logger';
import type { ConnectWiseConnectionRecord } from './connectwise-connection.entity';
import type { StatusColumns } from './connectwise-connection.store';
import { ConnectWiseService, type ConnectWiseServiceDeps } from './connectwise.service';

/**
 * The ConnectWise PSA service's rules over an in-memory connection row: when a stored connection is checked
 * again, and what unreadable keys do (no ConnectWise call is made here; the simulator-backed tests in
 * test/integration/connectwise.test.ts prove the live validation).
 */

const ACCOUNT = 'account-1';
const MINUTE = 60_000;

function connection(
  clock: ManualClock,
  overrides: Partial<ConnectWiseConnectionRecord> = {},
): ConnectWiseConnectionRecord {
  return {
    id: 'connection-1',
    accountId: ACCOUNT,
    site: 'na.myconnectwise.net',
    companyId: 'acme',
    // Sealed under a key the service does not hold: unreadable.
    publicKeySealed: 'v1.unknown.sealed',
    privateKeySealed: 'v1.unknown.sealed',
    privateKeyHint: 'abcd',
    companyName: 'Acme',
    codebase: 'v4_6_release/',
    state: 'CONNECTED',
    version: 1,
    statusMessage: null,
    lastErrorCode: null,
    checkedAt: clock.now(),
    validatedAt: clock.now(),
    createdAt: clock.now(),
    updatedAt: clock.now(),
    ...overrides,
  };
}

function setUp(row: ConnectWiseConnectionRecord | null | ((clock: ManualClock) => ConnectWiseConnectionRecord)) {
  const clock = new ManualClock(new Date('2026-03-02T09:00:00.000Z'));
  let stored = typeof row === 'function' ? row(clock) : row;
  const statuses: StatusColumns[] = [];
  const passwordChecks: string[] = [];
  const unused = () => Promise.reject(new Error('not used by this test'));
  const deps: ConnectWiseServiceDeps = {
    store: {
      byAccount: async (accountId) => (stored && stored.accountId === accountId ? { ...stored } : null),
      statusByAccount: async (accountId) => (stored && stored.accountId === accountId ? { ...stored } : null),
      saveCredentials: unused,
      deleteConnection: async () => {
        const had = stored !== null;
        stored = null;
        return had;
      },
      recordStatus: async (record, status) => {
        if (!stored || stored.version !== record.version) return false;
        statuses.push(status);
        stored = { ...stored, ...status };
        return true;
      },
    },
    clock,
    keyRing: { keys: [{ id: 'unit', key: randomBytes(32) }] },
    logger: createLogger({ level: 'silent' }),
    throttles: { hit: async () => ({ blocked: false, retryAfterMs: 0 }) } as never,
    checks: new CheckGate({ claims: { claim: async () => async () => undefined, isClaimed: async () => false } }),
    passwords: {
      confirm: async (accountId) => {
        passwordChecks.push(accountId);
      },
    },
    clientId: '00000000-0000-4000-8000-00000000c11e',
    allowHttp: false,
    recheckAfterMs: 15 * MINUTE,
    timeoutMs: 10_000,
  };
  return { service: new ConnectWiseService(deps), clock, statuses, passwordChecks, current: () => stored };
}

describe('ConnectWiseService', () => {
  it('leaves a connection checked less than recheckAfterMs ago alone, and checks it again after', async () => {
    const { service, clock, statuses, current } = setUp((clock) => connection(clock));

    clock.advance(15 * MINUTE - 1);
    await expect(service.recheck(ACCOUNT)).resolves.toMatchObject({ id: 'connection-1' });
    expect(statuses).toEqual([]);
    expect(current()?.state).toBe('CONNECTED');

    clock.advance(1);
    // Its keys cannot be read: LOST without calling ConnectWise.
    await expect(service.recheck(ACCOUNT)).resolves.toMatchObject({ status: { state: 'LOST' } });
    expect(statuses).toEqual([
      expect.objectContaining({ state: 'LOST', lastErrorCode: 'DECRYPTION_FAILED', checkedAt: clock.now() }),
    ]);
    expect(current()?.statusMessage).toBe('The stored ConnectWise PSA keys cannot be read. Enter them again.');
  });

  it('checks at once when forced, or when the caller asks for a younger answer', async () => {
    const forced = setUp((clock) => connection(clock));
    await forced.service.recheck(ACCOUNT, { force: true });
    expect(forced.statuses).toHaveLength(1);

    const younger = setUp((clock) => connection(clock));
    younger.clock.advance(MINUTE);
    await younger.service.recheck(ACCOUNT, { maxAgeMs: 30_000 });
    expect(younger.statuses).toHaveLength(1);
  });

  it('refuses a client for an import when the keys cannot be read, and records why', async () => {
    const { service, statuses } = setUp((clock) => connection(clock));
    await expect(service.clientFor(ACCOUNT)).rejects.toMatchObject({ code: 'CONNECTWISE_REQUIRED' });
    expect(statuses).toEqual([expect.objectContaining({ state: 'LOST', lastErrorCode: 'DECRYPTION_FAILED' })]);
  });

  it('requires a CONNECTED connection, telling "configure first" from "needs attention"', async () => {
    const none = setUp(null);
    await expect(none.service.assertConnected(ACCOUNT)).rejects.toMatchObject({
      code: 'CONNECTWISE_REQUIRED',
      message: expect.stringContaining('Configure your ConnectWise PSA connection first'),
    });
    const lost = setUp((clock) => connection(clock, { state: 'LOST' }));
    await expect(lost.service.assertConnected(ACCOUNT)).rejects.toMatchObject({
      message: expect.stringContaining('needs attention first'),
    });
  });

  it('reads the status from the row only, and NOT_CONNECTED without one', async () => {
    const none = setUp(null);
    await expect(none.service.getStatus(ACCOUNT)).resolves.toMatchObject({ state: ConnectionState.NOT_CONNECTED });
    await expect(none.service.recheck(ACCOUNT)).resolves.toBeNull();
  });

  it('disconnects after asking for the password, and answers false without asking when nothing is connected', async () => {
    const connected = setUp((clock) => connection(clock));
    await expect(connected.service.disconnect(ACCOUNT, 'secret')).resolves.toBe(true);
    expect(connected.passwordChecks).toEqual([ACCOUNT]);
    expect(connected.current()).toBeNull();

    const none = setUp(null);
    await expect(none.service.disconnect(ACCOUNT, undefined)).resolves.toBe(false);
    expect(none.passwordChecks).toEqual([]);
  });
});
