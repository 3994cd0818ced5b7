import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { IntuitAuthError, type IntuitOAuth, type TokenSet } from '../../integrations/intuit/oauth';
import { ManualClock } from '../../lib/clock';
import { decryptSecret, encryptSecret, type KeyRing } from '../../lib/crypto';
import { thisHostLeasePrefix } from '../../lib/lease-owner';
import { createLogger } from '../../lib/logger';
import type { QuickBooksConfigurationRecord } from './quickbooks-configuration.entity';
import { lostColumns, newConfiguration } from './quickbooks-configuration.store';
import { REASONS, type ReasonCode } from './quickbooks-status';
import { QuickBooksTokenManager, tokenContext, type TokenManagerDeps } from './quickbooks-token-manager';
import type { QuickBooksTokenStore } from './quickbooks-token-store';
import { deferred } from '../../lib/deferred';

/**
 * The token manager's rules over an in-memory store with the same compare-and-set semantics as the SQL one,
 * a manual clock and a scripted Intuit (docs/token-manager.md §1). The real UPDATEs, the simulator and killed
 * processes are proven end to end in test/integration/quickbooks-tokens.test.ts and quickbooks-crash.test.ts.
 */

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const REALM = '9130357000000001';
const START = new Date('2026-03-02T09:00:00.000Z');

type Row = QuickBooksConfigurationRecord;

/** One `quickbooks_configurations` row, written only the way the SQL store's conditional UPDATEs write it. */
class MemoryTokenStore implements QuickBooksTokenStore {
  row: Row;
  /** Makes the next saveRefreshed calls throw (a database error), one per entry. */
  saveFailures: Error[] = [];
  saveAttempts = 0;

  constructor(row: Row) {
    this.row = { ...row };
  }

  async byId(id: string): Promise<Row | null> {
    await Promise.resolve();
    return id === this.row.id ? { ...this.row } : null;
  }

  async markLost(record: Row, code: ReasonCode, now: Date, keepTokens = false): Promise<boolean> {
    return this.ifSameTokens(record, lostColumns(record, code, now, keepTokens));
  }

  async acquireRefreshLease(record: Row, owner: string, until: Date, now: Date, deadOwner: string | null) {
    const lease = this.row.refreshLeaseUntil;
    const free =
      lease === null ||
      lease.getTime() < now.getTime() ||
      (deadOwner !== null && this.row.refreshLeaseOwner === deadOwner);
    return free && this.ifSameTokens(record, { refreshLeaseUntil: until, refreshLeaseOwner: owner });
  }

  async releaseRefreshLease(id: string, owner: string): Promise<void> {
    await Promise.resolve();
    if (id === this.row.id && this.row.refreshLeaseOwner === owner)
      this.set({ refreshLeaseUntil: null, refreshLeaseOwner: null });
  }

  async saveRefreshed(record: Row, columns: Partial<Row>): Promise<boolean> {
    this.saveAttempts += 1;
    const failure = this.saveFailures.shift();
    if (failure) throw failure;
    return this.ifSameTokens(record, columns);
  }

  async recordRefreshFailure(id: string, owner: string, code: ReasonCode, now: Date): Promise<void> {
    await Promise.resolve();
    if (id === this.row.id && this.row.refreshLeaseOwner === owner) {
      this.set({
        lastErrorCode: code,
        statusMessage: REASONS[code],
        refreshLeaseUntil: null,
        refreshLeaseOwner: null,
        updatedAt: now,
      });
    }
  }

  /** Another process's write, straight to the row. */
  set(columns: Partial<Row>): void {
    this.row = { ...this.row, ...columns };
  }

  private async ifSameTokens(record: Row, columns: Partial<Row>): Promise<boolean> {
    await Promise.resolve();
    const same =
      record.id === this.row.id && record.tokenVersion === this.row.tokenVersion && this.row.state === 'CONNECTED';
    if (same) this.set(columns);
    return same;
  }
}

/** Intuit's token endpoint, scripted: by default it answers a new access and refresh token on each refresh. */
class ScriptedIntuit implements IntuitOAuth {
  readonly refreshed: Array<{ refreshToken: string; realmId: string }> = [];
  readonly revoked: string[] = [];
  /** The next refreshes run these instead of answering at once, one per entry. */
  readonly script: Array<(refreshToken: string) => Promise<TokenSet>> = [];
  /** Resolves on every refresh call (reset by `nextCall`). */
  private called = deferred<void>();

  constructor(
    private readonly clock: ManualClock,
    private readonly label = 'intuit',
  ) {}

  /** Intuit's answer to the latest refresh (numbered from 0): new values, an hour and a ~100-day window. */
  answer(overrides: Partial<TokenSet> = {}): TokenSet {
    const n = Math.max(0, this.refreshed.length - 1);
    const now = this.clock.now().getTime();
    return {
      accessToken: `${this.label}-access-${n}`,
      refreshToken: `${this.label}-refresh-${n}`,
      accessTokenExpiresAt: new Date(now + HOUR),
      refreshTokenExpiresAt: new Date(now + 100 * DAY),
      realmId: REALM,
      ...overrides,
    };
  }

  nextCall(): Promise<void> {
    return this.called.promise;
  }

  async refreshTokens(refreshToken: string, realmId: string): Promise<TokenSet> {
    this.refreshed.push({ refreshToken, realmId });
    this.called.resolve();
    this.called = deferred<void>();
    const step = this.script.shift();
    return step ? step(refreshToken) : this.answer();
  }

  async revokeToken(token: string): Promise<void> {
    this.revoked.push(token);
  }

  buildAuthorizationUrl(): string {
    throw new Error('not used');
  }

  exchangeCode(): Promise<TokenSet> {
    return Promise.reject(new Error('not used'));
  }
}

const keyRing: KeyRing = { keys: [{ id: 'unit', key: randomBytes(32) }] };

function seal(record: Pick<Row, 'id' | 'accountId'>, column: 'accessToken' | 'refreshToken', value: string) {
  return encryptSecret(keyRing, value, tokenContext(record, column));
}

/** A connected configuration whose access token expires `accessTokenFor` from now. */
function connectedRow(clock: ManualClock, accessTokenFor = HOUR, overrides: Partial<Row> = {}): Row {
  const now = clock.now();
  const base = newConfiguration({ accountId: 'account-1', name: 'Default', nameKey: 'default', isDefault: true, now });
  const connectedAt = new Date(now.getTime() - 10 * DAY);
  return {
    ...base,
    state: 'CONNECTED',
    realmId: REALM,
    companyName: 'Demo Company',
    connectedAt,
    accessTokenSealed: seal(base, 'accessToken', 'access-0'),
    refreshTokenSealed: seal(base, 'refreshToken', 'refresh-0'),
    accessTokenExpiresAt: new Date(now.getTime() + accessTokenFor),
    refreshTokenExpiresAt: new Date(now.getTime() + 90 * DAY),
    reconnectBy: new Date(connectedAt.getTime() + 180 * DAY),
    checkedAt: now,
    lastSuccessAt: now,
    tokenVersion: 1,
    ...overrides,
  };
}

function stored(store: MemoryTokenStore, column: 'accessToken' | 'refreshToken'): string | null {
  const sealed = column === 'accessToken' ? store.row.accessTokenSealed : store.row.refreshTokenSealed;
  return sealed ? decryptSecret(keyRing, sealed, tokenContext(store.row, column)) : null;
}

interface Harness {
  clock: ManualClock;
  store: MemoryTokenStore;
  intuit: ScriptedIntuit;
  manager: QuickBooksTokenManager;
  lost: Array<{ configurationId: string; code: ReasonCode }>;
  logs: Array<Record<string, unknown>>;
  /** Another server process on the same row: its own manager (own in-process single flight) and Intuit client. */
  sibling: (overrides?: Partial<TokenManagerDeps>) => { manager: QuickBooksTokenManager; intuit: ScriptedIntuit };
}

function setUp(
  options: { accessTokenFor?: number; row?: Partial<Row>; deps?: Partial<TokenManagerDeps> } = {},
): Harness {
  const clock = new ManualClock(START);
  const store = new MemoryTokenStore(connectedRow(clock, options.accessTokenFor, options.row));
  const lost: Harness['lost'] = [];
  const logs: Harness['logs'] = [];
  const logger = createLogger({
    level: 'debug',
    destination: new Writable({
      write(chunk: Buffer, _encoding, done) {
        logs.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
        done();
      },
    }),
  });
  const managerWith = (intuit: ScriptedIntuit, overrides: Partial<TokenManagerDeps> = {}) =>
    new QuickBooksTokenManager({
      store,
      clock,
      keyRing,
      oauth: intuit,
      logger,
      reconnectAfterDays: 180,
      tokenTimeoutMs: 12_000,
      leaseMs: 25_000,
      refreshSkewMs: 5 * MINUTE,
      pollMs: 2,
      onLost: (configurationId, code) => {
        lost.push({ configurationId, code });
      },
      ...options.deps,
      ...overrides,
    });
  const intuit = new ScriptedIntuit(clock);
  return {
    clock,
    store,
    intuit,
    manager: managerWith(intuit),
    lost,
    logs,
    sibling: (overrides) => {
      const siblingIntuit = new ScriptedIntuit(clock, 'sibling');
      return { manager: managerWith(siblingIntuit, overrides), intuit: siblingIntuit };
    },
  };
}

const events = (logs: Array<Record<string, unknown>>, event: string) => logs.filter((line) => line.event === event);

describe('QuickBooksTokenManager.accessToken', () => {
  it('returns the stored access token without calling Intuit while it has more than 5 minutes left', async () => {
    const { manager, intuit, store } = setUp({ accessTokenFor: 5 * MINUTE + 1 });
    const before = { ...store.row };

    const grant = await manager.accessToken(store.row.id);

    expect(grant).toEqual({ accessToken: 'access-0', realmId: REALM, tokenVersion: 1 });
    expect(intuit.refreshed).toHaveLength(0);
    expect(store.row).toEqual(before);
  });

  it('refreshes once when the access token expires within 5 minutes, and commits before handing it out', async () => {
    const { manager, intuit, store, clock, logs } = setUp({ accessTokenFor: 5 * MINUTE });
    const connectedAt = store.row.connectedAt as Date;

    const grant = await manager.accessToken(store.row.id);

    expect(intuit.refreshed).toEqual([{ refreshToken: 'refresh-0', realmId: REALM }]);
    expect(grant).toEqual({ accessToken: 'intuit-access-0', realmId: REALM, tokenVersion: 2 });
    expect(store.row).toMatchObject({
      state: 'CONNECTED',
      tokenVersion: 2,
      accessTokenExpiresAt: new Date(clock.now().getTime() + HOUR),
      refreshTokenExpiresAt: new Date(clock.now().getTime() + 100 * DAY),
      // The six-month rule from connectedAt, not the new rolling window.
      reconnectBy: new Date(connectedAt.getTime() + 180 * DAY),
      refreshLeaseUntil: null,
      refreshLeaseOwner: null,
      lastErrorCode: null,
    });
    expect(stored(store, 'accessToken')).toBe('intuit-access-0');
    expect(stored(store, 'refreshToken')).toBe('intuit-refresh-0');
    expect(events(logs, 'quickbooks.token_refreshed')).toEqual([
      expect.objectContaining({ configurationId: store.row.id, tokenVersion: 2, rotated: true }),
    ]);
    // No token in any log line.
    expect(JSON.stringify(logs)).not.toMatch(/access-0|refresh-0/);

    // The next caller gets the committed token, without another refresh.
    await expect(manager.accessToken(store.row.id)).resolves.toEqual(grant);
    expect(intuit.refreshed).toHaveLength(1);
  });

  it('refreshes an access token that has already expired, or that was never stored', async () => {
    const expired = setUp({ accessTokenFor: -HOUR });
    await expect(expired.manager.accessToken(expired.store.row.id)).resolves.toMatchObject({ tokenVersion: 2 });
    expect(expired.intuit.refreshed).toHaveLength(1);

    const missing = setUp({ row: { accessTokenSealed: null, accessTokenExpiresAt: null } });
    await expect(missing.manager.accessToken(missing.store.row.id)).resolves.toMatchObject({ tokenVersion: 2 });
    expect(missing.intuit.refreshed).toHaveLength(1);
  });

  it('moves Intuit’s hard expiry into the reconnect date when it comes before the six-month rule', async () => {
    const { manager, intuit, store, clock } = setUp({ accessTokenFor: 0 });
    const hard = new Date(clock.now().getTime() + 20 * DAY);
    intuit.script.push(async () => intuit.answer({ refreshTokenHardExpiresAt: hard }));

    await manager.accessToken(store.row.id);

    expect(store.row).toMatchObject({ refreshTokenHardExpiresAt: hard, reconnectBy: hard });
  });

  it('refreshes a fresh token that QuickBooks refused (401) for this version, not for an older one', async () => {
    const { manager, intuit, store } = setUp();

    await expect(manager.accessToken(store.row.id, { rejectedVersion: 0 })).resolves.toMatchObject({
      accessToken: 'access-0',
      tokenVersion: 1,
    });
    expect(intuit.refreshed).toHaveLength(0);

    await expect(manager.accessToken(store.row.id, { rejectedVersion: 1 })).resolves.toMatchObject({
      accessToken: 'intuit-access-0',
      tokenVersion: 2,
    });
    expect(intuit.refreshed).toHaveLength(1);
  });

  it('refreshes for the keep-alive when the refresh token’s rolling window ends within the asked time', async () => {
    const { manager, intuit, store } = setUp({ row: { refreshTokenExpiresAt: new Date(START.getTime() + 20 * DAY) } });

    await manager.accessToken(store.row.id, { refreshTokenWithinMs: 10 * DAY });
    expect(intuit.refreshed).toHaveLength(0);

    await manager.accessToken(store.row.id, { refreshTokenWithinMs: 30 * DAY });
    expect(intuit.refreshed).toHaveLength(1);
  });

  it('answers same-value refreshes (Intuit keeps the refresh token for a day) as not rotated', async () => {
    const { manager, intuit, store, logs } = setUp({ accessTokenFor: 0 });
    intuit.script.push(async (token) => intuit.answer({ refreshToken: token }));

    await manager.accessToken(store.row.id);

    expect(stored(store, 'refreshToken')).toBe('refresh-0');
    expect(events(logs, 'quickbooks.token_refreshed')).toEqual([expect.objectContaining({ rotated: false })]);
  });
});

describe('QuickBooksTokenManager single flight', () => {
  it('gives concurrent callers in one process one refresh and the same token', async () => {
    const { manager, intuit, store } = setUp({ accessTokenFor: 0 });
    const answer = deferred<TokenSet>();
    intuit.script.push(() => answer.promise);

    const callers = Promise.all([1, 2, 3].map(() => manager.accessToken(store.row.id)));
    await intuit.nextCall();
    answer.resolve(intuit.answer());
    const grants = await callers;

    expect(intuit.refreshed).toHaveLength(1);
    expect(new Set(grants.map((grant) => grant.accessToken))).toEqual(new Set(['intuit-access-0']));
  });

  it('makes another process wait for the lease holder’s refresh and use its committed token', async () => {
    const { manager, intuit, store, sibling } = setUp({ accessTokenFor: 0 });
    const other = sibling();
    const answer = deferred<TokenSet>();
    intuit.script.push(() => answer.promise);

    const first = manager.accessToken(store.row.id);
    await intuit.nextCall();
    expect(store.row.refreshLeaseOwner).not.toBeNull();
    expect(store.row.refreshLeaseUntil).toEqual(new Date(START.getTime() + 25_000));

    const second = other.manager.accessToken(store.row.id);
    // The second process finds the lease taken and polls; Intuit is not called twice.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(other.intuit.refreshed).toHaveLength(0);

    answer.resolve(intuit.answer());
    const [a, b] = await Promise.all([first, second]);

    expect(a).toEqual({ accessToken: 'intuit-access-0', realmId: REALM, tokenVersion: 2 });
    expect(b).toEqual(a);
    expect(intuit.refreshed).toHaveLength(1);
    expect(other.intuit.refreshed).toHaveLength(0);
  });

  it('gives up transiently when another process holds the lease for longer than a caller waits', async () => {
    const { manager, intuit, store } = setUp({
      accessTokenFor: 0,
      deps: { maxWaitMs: 30 },
      row: { refreshLeaseOwner: 'other-host|4242|cafe|0001', refreshLeaseUntil: new Date(START.getTime() + 20_000) },
    });

    await expect(manager.accessToken(store.row.id)).rejects.toMatchObject({
      code: 'QUICKBOOKS_UNAVAILABLE',
      extensions: { reason: 'INTUIT_UNAVAILABLE' },
    });
    expect(intuit.refreshed).toHaveLength(0);
    expect(store.row).toMatchObject({
      state: 'CONNECTED',
      tokenVersion: 1,
      refreshLeaseOwner: 'other-host|4242|cafe|0001',
    });
  });

  it('takes over a lease its holder outlived (expired on the clock) and refreshes', async () => {
    const { manager, intuit, store, clock, sibling } = setUp({ accessTokenFor: 0 });
    const other = sibling();
    const stuck = deferred<TokenSet>();
    intuit.script.push(() => stuck.promise);

    // The first process takes the lease and hangs on Intuit.
    const first = manager.accessToken(store.row.id);
    await intuit.nextCall();
    const second = other.manager.accessToken(store.row.id);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(other.intuit.refreshed).toHaveLength(0);

    // Past the 25-second lease, the waiting process takes it over and refreshes with the stored token.
    clock.advance(25_001);
    await other.intuit.nextCall();
    expect(other.intuit.refreshed).toEqual([{ refreshToken: 'refresh-0', realmId: REALM }]);
    await expect(second).resolves.toEqual({ accessToken: 'sibling-access-0', realmId: REALM, tokenVersion: 2 });

    // The first process's late answer loses the compare-and-set: it re-reads and uses the winner's token.
    stuck.resolve(intuit.answer());
    await expect(first).resolves.toEqual({ accessToken: 'sibling-access-0', realmId: REALM, tokenVersion: 2 });
    expect(stored(store, 'refreshToken')).toBe('sibling-refresh-0');
    expect(store.row.tokenVersion).toBe(2);
  });

  it('takes over at once a lease whose holder on this host is dead, and says so', async () => {
    const deadOwner = `${thisHostLeasePrefix()}${process.pid}|not-this-boot|0001`;
    const { manager, intuit, store, logs } = setUp({
      accessTokenFor: 0,
      row: { refreshLeaseOwner: deadOwner, refreshLeaseUntil: new Date(START.getTime() + 20_000) },
    });

    await expect(manager.accessToken(store.row.id)).resolves.toMatchObject({ tokenVersion: 2 });

    expect(intuit.refreshed).toHaveLength(1);
    expect(events(logs, 'quickbooks.refresh_lease_recovered')).toHaveLength(1);
    expect(store.row.refreshLeaseOwner).toBeNull();
  });

  it('uses the winner’s token when its own compare-and-set loses to another writer', async () => {
    const { manager, intuit, store, clock } = setUp({ accessTokenFor: 0 });
    intuit.script.push(async () => {
      // Meanwhile another process committed a refresh (tokenVersion moved).
      store.set({
        tokenVersion: 2,
        accessTokenSealed: seal(store.row, 'accessToken', 'winner-access'),
        refreshTokenSealed: seal(store.row, 'refreshToken', 'winner-refresh'),
        accessTokenExpiresAt: new Date(clock.now().getTime() + HOUR),
      });
      return intuit.answer();
    });

    await expect(manager.accessToken(store.row.id)).resolves.toEqual({
      accessToken: 'winner-access',
      realmId: REALM,
      tokenVersion: 2,
    });
    expect(store.row.tokenVersion).toBe(2);
    expect(stored(store, 'refreshToken')).toBe('winner-refresh');
    expect(intuit.refreshed).toHaveLength(1);
  });

  it('revokes its new grant instead of resurrecting a configuration disconnected during the refresh', async () => {
    const { manager, intuit, store } = setUp({ accessTokenFor: 0 });
    intuit.script.push(async () => {
      store.set({ state: 'NOT_CONNECTED', refreshTokenSealed: null, accessTokenSealed: null, tokenVersion: 2 });
      return intuit.answer();
    });

    await expect(manager.accessToken(store.row.id)).rejects.toMatchObject({ code: 'QUICKBOOKS_NOT_CONNECTED' });
    expect(intuit.revoked).toEqual(['intuit-refresh-0']);
    expect(store.row).toMatchObject({ state: 'NOT_CONNECTED', refreshTokenSealed: null });
  });

  it('waits for refreshes in flight on drain (shutdown)', async () => {
    const { manager, intuit, store } = setUp({ accessTokenFor: 0 });
    const answer = deferred<TokenSet>();
    intuit.script.push(() => answer.promise);
    const call = manager.accessToken(store.row.id);
    await intuit.nextCall();

    let drained = false;
    const drain = manager.drain().then(() => (drained = true));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(drained).toBe(false);

    answer.resolve(intuit.answer());
    await drain;
    expect(store.row.tokenVersion).toBe(2);
    await call;
  });
});

describe('QuickBooksTokenManager when Intuit refuses', () => {
  it('marks the connection LOST on invalid_grant, wipes the tokens and notifies once', async () => {
    const { manager, intuit, store, lost, logs } = setUp({ accessTokenFor: 0 });
    intuit.script.push(() => Promise.reject(new IntuitAuthError('INVALID_GRANT', { status: 400 })));

    await expect(manager.accessToken(store.row.id)).rejects.toMatchObject({
      code: 'QUICKBOOKS_NOT_CONNECTED',
      message: 'Your Default connection to QuickBooks Online has been lost. Please reconnect.',
      extensions: { state: 'LOST', reason: 'INVALID_GRANT' },
    });

    expect(store.row).toMatchObject({
      state: 'LOST',
      lastErrorCode: 'INVALID_GRANT',
      tokenVersion: 2,
      accessTokenSealed: null,
      refreshTokenSealed: null,
      refreshLeaseOwner: null,
    });
    expect(lost).toEqual([{ configurationId: store.row.id, code: 'INVALID_GRANT' }]);
    const [line] = events(logs, 'quickbooks.connection_lost');
    expect(line).toMatchObject({ reason: 'INVALID_GRANT' });
    expect(line).not.toHaveProperty('afterInterruptedRefresh');

    // Afterwards: LOST, without calling Intuit again.
    await expect(manager.accessToken(store.row.id)).rejects.toMatchObject({ extensions: { state: 'LOST' } });
    expect(intuit.refreshed).toHaveLength(1);
    expect(lost).toHaveLength(1);
  });

  it('says the loss followed an interrupted refresh when it took over a lease', async () => {
    const { manager, intuit, store, logs } = setUp({
      accessTokenFor: 0,
      row: { refreshLeaseOwner: 'other-host|4242|cafe|0001', refreshLeaseUntil: new Date(START.getTime() - 1) },
    });
    intuit.script.push(() => Promise.reject(new IntuitAuthError('INVALID_GRANT', { status: 400 })));

    await expect(manager.accessToken(store.row.id)).rejects.toMatchObject({ extensions: { state: 'LOST' } });
    expect(events(logs, 'quickbooks.connection_lost')).toEqual([
      expect.objectContaining({ afterInterruptedRefresh: true }),
    ]);
  });

  it('uses a sibling’s token instead of a verdict when invalid_grant follows its rotation', async () => {
    const { manager, intuit, store, clock, lost } = setUp({ accessTokenFor: 0 });
    intuit.script.push(async () => {
      store.set({
        tokenVersion: 2,
        accessTokenSealed: seal(store.row, 'accessToken', 'winner-access'),
        refreshTokenSealed: seal(store.row, 'refreshToken', 'winner-refresh'),
        accessTokenExpiresAt: new Date(clock.now().getTime() + HOUR),
      });
      throw new IntuitAuthError('INVALID_GRANT', { status: 400 });
    });

    await expect(manager.accessToken(store.row.id)).resolves.toMatchObject({ accessToken: 'winner-access' });
    expect(store.row.state).toBe('CONNECTED');
    expect(lost).toEqual([]);
  });

  it.each([
    ['TRANSIENT', 'INTUIT_UNAVAILABLE'],
    ['BAD_RESPONSE', 'INTUIT_BAD_RESPONSE'],
    ['INVALID_CLIENT', 'INTUIT_INVALID_CLIENT'],
  ] as const)('keeps the connection on %s: QUICKBOOKS_UNAVAILABLE (%s), lease freed', async (kind, reason) => {
    const { manager, intuit, store, lost } = setUp({ accessTokenFor: 0 });
    intuit.script.push(() => Promise.reject(new IntuitAuthError(kind, { status: kind === 'TRANSIENT' ? 503 : 401 })));

    await expect(manager.accessToken(store.row.id)).rejects.toMatchObject({
      code: 'QUICKBOOKS_UNAVAILABLE',
      extensions: { reason },
    });
    expect(store.row).toMatchObject({
      state: 'CONNECTED',
      tokenVersion: 1,
      lastErrorCode: reason,
      refreshLeaseOwner: null,
      refreshLeaseUntil: null,
    });
    expect(stored(store, 'refreshToken')).toBe('refresh-0');
    expect(lost).toEqual([]);

    // Once Intuit answers again, the next caller refreshes (no lease left behind) and the error is cleared.
    await expect(manager.accessToken(store.row.id)).resolves.toMatchObject({ tokenVersion: 2 });
    expect(store.row.lastErrorCode).toBeNull();
  });

  it('frees the lease and passes on an error that is not Intuit’s', async () => {
    const { manager, intuit, store } = setUp({ accessTokenFor: 0 });
    const bug = new TypeError('unexpected');
    intuit.script.push(() => Promise.reject(bug));

    await expect(manager.accessToken(store.row.id)).rejects.toBe(bug);
    expect(store.row).toMatchObject({ state: 'CONNECTED', tokenVersion: 1, refreshLeaseOwner: null });
  });
});

describe('QuickBooksTokenManager storing refreshed tokens', () => {
  const databaseError = () => Object.assign(new Error('SQLITE_IOERR: disk I/O error'), { code: 'SQLITE_IOERR' });

  it('retries a failed commit and hands out the token only once it is stored', async () => {
    const { manager, store } = setUp({ accessTokenFor: 0 });
    store.saveFailures.push(new Error('deadlock'), new Error('deadlock'));

    await expect(manager.accessToken(store.row.id)).resolves.toMatchObject({ tokenVersion: 2 });
    expect(store.saveAttempts).toBe(3);
    expect(stored(store, 'refreshToken')).toBe('intuit-refresh-0');
  });

  it('drops same-value tokens after four failed commits: the stored refresh token still works', async () => {
    const { manager, intuit, store } = setUp({ accessTokenFor: 0 });
    intuit.script.push(async (token) => intuit.answer({ refreshToken: token }));
    store.saveFailures.push(...Array.from({ length: 10 }, databaseError));

    await expect(manager.accessToken(store.row.id)).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect(store.saveAttempts).toBe(4);
    expect(store.row).toMatchObject({ state: 'CONNECTED', tokenVersion: 1, refreshLeaseOwner: null });
    expect(stored(store, 'refreshToken')).toBe('refresh-0');
  });

  it('keeps retrying a rotated value for as long as its lease lasts (less a margin), then gives up', async () => {
    // A 4.4 s lease: retries stop 3 s before it ends, 1.4 s after it was taken.
    const { manager, store } = setUp({ accessTokenFor: 0, deps: { leaseMs: 4_400, tokenTimeoutMs: 1_000 } });
    store.saveFailures.push(...Array.from({ length: 20 }, () => new Error('deadlock')));
    const started = performance.now();

    await expect(manager.accessToken(store.row.id)).rejects.toMatchObject({ code: 'QUICKBOOKS_UNAVAILABLE' });

    expect(store.saveAttempts).toBeGreaterThan(4);
    expect(performance.now() - started).toBeLessThan(4_400);
    expect(store.row).toMatchObject({ state: 'CONNECTED', tokenVersion: 1, refreshLeaseOwner: null });
  });
});

describe('QuickBooksTokenManager deadlines and unreadable tokens', () => {
  it('retires a connection past its reconnect date: LOST, grant revoked, no refresh', async () => {
    const { manager, intuit, store, clock, lost } = setUp();
    clock.set(store.row.reconnectBy as Date);

    await expect(manager.accessToken(store.row.id)).rejects.toMatchObject({
      code: 'QUICKBOOKS_NOT_CONNECTED',
      extensions: { state: 'LOST', reason: 'RECONNECT_DEADLINE' },
    });
    expect(store.row).toMatchObject({ state: 'LOST', lastErrorCode: 'RECONNECT_DEADLINE', refreshTokenSealed: null });
    expect(intuit.revoked).toEqual(['refresh-0']);
    expect(intuit.refreshed).toHaveLength(0);
    expect(lost).toEqual([{ configurationId: store.row.id, code: 'RECONNECT_DEADLINE' }]);
  });

  it('keeps a connection whose reconnect date is still ahead', async () => {
    const { manager, store, clock } = setUp();
    clock.set(new Date((store.row.reconnectBy as Date).getTime() - 1));
    expect(await manager.retireIfPastDeadline({ ...store.row })).toBe(false);
    expect(store.row.state).toBe('CONNECTED');
  });

  it('marks tokens it cannot decrypt LOST but keeps them (a restored key makes them readable)', async () => {
    const other: KeyRing = { keys: [{ id: 'gone', key: randomBytes(32) }] };
    const { manager, intuit, store, lost } = setUp({ accessTokenFor: 0 });
    store.set({ refreshTokenSealed: encryptSecret(other, 'x', tokenContext(store.row, 'refreshToken')) });
    const sealed = store.row.refreshTokenSealed;

    await expect(manager.accessToken(store.row.id)).rejects.toMatchObject({
      extensions: { state: 'LOST', reason: 'DECRYPTION_FAILED' },
    });
    expect(store.row).toMatchObject({ state: 'LOST', lastErrorCode: 'DECRYPTION_FAILED', refreshTokenSealed: sealed });
    expect(intuit.refreshed).toHaveLength(0);
    expect(lost).toEqual([{ configurationId: store.row.id, code: 'DECRYPTION_FAILED' }]);
  });

  it('refuses configurations that are not connected, or lost, without calling Intuit', async () => {
    const none = setUp({ row: { state: 'NOT_CONNECTED', refreshTokenSealed: null } });
    await expect(none.manager.accessToken(none.store.row.id)).rejects.toMatchObject({
      code: 'QUICKBOOKS_NOT_CONNECTED',
    });
    await expect(none.manager.accessToken('no-such-id')).rejects.toMatchObject({ code: 'QUICKBOOKS_NOT_CONNECTED' });

    const gone = setUp({ row: { state: 'LOST', lastErrorCode: 'INVALID_GRANT' } });
    await expect(gone.manager.accessToken(gone.store.row.id)).rejects.toMatchObject({
      extensions: { state: 'LOST', reason: 'INVALID_GRANT' },
    });
    expect(none.intuit.refreshed).toHaveLength(0);
    expect(gone.intuit.refreshed).toHaveLength(0);
  });

  it('marks LOST only once when two writers race (the compare-and-set picks one)', async () => {
    const { manager, store, lost } = setUp();
    const record = { ...store.row };

    const results = await Promise.all([
      manager.markLost(record, 'QBO_UNAUTHORIZED'),
      manager.markLost(record, 'QBO_UNAUTHORIZED'),
    ]);

    expect(results.sort()).toEqual([false, true]);
    expect(lost).toHaveLength(1);
  });

  it('refuses a token call budget that does not fit inside the refresh lease', () => {
    expect(() => setUp({ deps: { tokenTimeoutMs: 25_000 } })).toThrow(/shorter than the refresh lease/);
    expect(() => setUp({ deps: { tokenTimeoutMs: 5_000, leaseMs: 5_000 } })).toThrow(/shorter than the refresh lease/);
  });
});
