import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ManualClock } from '../../lib/clock';
import { hmacSha256Hex } from '../../lib/crypto';
import { Account } from '../account';
import { SingleUseTokenRecord } from './single-use-token.entity';
import { SingleUseTokens, tokenKind } from './single-use-tokens';

const LINK = tokenKind<{ email: string }>('EMAIL_VERIFICATION', 60_000);
const RESET = tokenKind<{ email: string }>('PASSWORD_RESET', 60_000);
const STATE = tokenKind<{ configurationId: string }>('QUICKBOOKS_OAUTH_STATE', 10_000);

describe('SingleUseTokens', () => {
  let dataSource: DataSource;
  let clock: ManualClock;
  let tokens: SingleUseTokens;
  const newer = { id: 'k2', key: randomBytes(32) };
  const older = { id: 'k1', key: randomBytes(32) };

  beforeEach(async () => {
    dataSource = new DataSource({
      type: 'better-sqlite3',
      database: ':memory:',
      entities: [Account, SingleUseTokenRecord],
      synchronize: true,
    });
    await dataSource.initialize();
    clock = new ManualClock(new Date('2026-03-01T12:00:00Z'));
    tokens = new SingleUseTokens(dataSource, { keys: [newer, older] }, clock);
    for (const id of ['a1', 'a2']) {
      await dataSource.getRepository(Account).insert({
        id,
        email: `${id}@acme-msp.test`,
        name: null,
        companyName: null,
        passwordHash: null,
        emailVerifiedAt: null,
        tokenVersion: 0,
        createdAt: clock.now(),
        updatedAt: clock.now(),
      });
    }
  });

  afterEach(() => dataSource.destroy());

  const rows = () => dataSource.getRepository(SingleUseTokenRecord).find();

  it('issues a 256-bit token, stores only its keyed digest, and consumes it once', async () => {
    const token = await tokens.issue(LINK, 'a1', { email: 'a1@acme-msp.test' });
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const [row] = await rows();
    expect(row).toMatchObject({
      purpose: 'EMAIL_VERIFICATION',
      accountId: 'a1',
      tokenHash: hmacSha256Hex(newer.key, token),
      hashKeyId: 'k2',
      context: { email: 'a1@acme-msp.test' },
      usedAt: null,
      expiresAt: new Date(clock.now().getTime() + 60_000),
    });
    expect(JSON.stringify(await dataSource.query('SELECT * FROM single_use_tokens'))).not.toContain(token);

    const used = await tokens.consume(LINK, token);
    expect(used).toMatchObject({
      accountId: 'a1',
      purpose: 'EMAIL_VERIFICATION',
      context: { email: 'a1@acme-msp.test' },
    });
    expect(used?.usedAt).toEqual(clock.now());
    expect(await tokens.consume(LINK, token)).toBeNull();
    expect(await tokens.inspect(LINK, token)).toMatchObject({ state: 'used' });
  });

  it('refuses an expired token, from the moment it expires', async () => {
    const token = await tokens.issue(LINK, 'a1', { email: 'a1@acme-msp.test' });
    clock.advance(60_000);
    expect(await tokens.inspect(LINK, token)).toMatchObject({ state: 'expired' });
    expect(await tokens.peek(LINK, token)).toBeNull();
    expect(await tokens.consume(LINK, token)).toBeNull();
    expect((await rows())[0]?.usedAt).toBeNull();
  });

  it('refuses a token of another purpose, as unknown', async () => {
    const token = await tokens.issue(LINK, 'a1', { email: 'a1@acme-msp.test' });
    expect(await tokens.inspect(RESET, token)).toEqual({ state: 'unknown' });
    expect(await tokens.peek(STATE, token)).toBeNull();
    expect(await tokens.consume(RESET, token)).toBeNull();
    expect(await tokens.consume(STATE, token)).toBeNull();
    // The refusals used nothing up: the right purpose still works.
    expect(await tokens.consume(LINK, token)).not.toBeNull();
  });

  it('refuses unknown and malformed tokens without looking them up', async () => {
    await tokens.issue(LINK, 'a1', { email: 'a1@acme-msp.test' });
    for (const token of ['', 'short', 'x'.repeat(43), `${'a'.repeat(42)}!`, 'a'.repeat(44)]) {
      expect(await tokens.inspect(LINK, token)).toEqual({ state: 'unknown' });
      expect(await tokens.consume(LINK, token)).toBeNull();
    }
  });

  it('peeks without consuming', async () => {
    const token = await tokens.issue(STATE, 'a1', { configurationId: 'c1' });
    for (let i = 0; i < 3; i += 1) {
      expect(await tokens.peek(STATE, token)).toMatchObject({ accountId: 'a1', context: { configurationId: 'c1' } });
    }
    expect((await rows())[0]?.usedAt).toBeNull();
    expect(await tokens.consume(STATE, token)).not.toBeNull();
    expect(await tokens.peek(STATE, token)).toBeNull();
  });

  it('lets exactly one of concurrent consumers win', async () => {
    const token = await tokens.issue(RESET, 'a1', { email: 'a1@acme-msp.test' });
    const results = await Promise.all(Array.from({ length: 8 }, () => tokens.consume(RESET, token)));
    expect(results.filter((r) => r !== null)).toHaveLength(1);
  });

  it('finds a token stored under an older hash key (a key rotation voids nothing)', async () => {
    const before = new SingleUseTokens(dataSource, { keys: [older] }, clock);
    const token = await before.issue(LINK, 'a1', { email: 'a1@acme-msp.test' });
    expect(await tokens.peek(LINK, token)).not.toBeNull();
    expect(await tokens.consume(LINK, token)).not.toBeNull();
  });

  it('replaces the outstanding tokens of the same account and purpose only when asked', async () => {
    const first = await tokens.issue(LINK, 'a1', { email: 'a1@acme-msp.test' });
    const reset = await tokens.issue(RESET, 'a1', { email: 'a1@acme-msp.test' });
    const other = await tokens.issue(LINK, 'a2', { email: 'a2@acme-msp.test' });
    const second = await tokens.issue(LINK, 'a1', { email: 'a1@acme-msp.test' }, { replaceOutstanding: true });
    expect(await tokens.inspect(LINK, first)).toMatchObject({ state: 'used' });
    for (const [kind, token] of [
      [LINK, second],
      [RESET, reset],
      [LINK, other],
    ] as const) {
      expect(await tokens.inspect(kind, token)).toMatchObject({ state: 'live' });
    }
    const stateOne = await tokens.issue(STATE, 'a1', { configurationId: 'c1' });
    await tokens.issue(STATE, 'a1', { configurationId: 'c1' });
    expect(await tokens.inspect(STATE, stateOne)).toMatchObject({ state: 'live' });
    expect(await tokens.countLive(STATE, 'a1')).toBe(2);
  });

  it('voids outstanding tokens of the given purposes of one account', async () => {
    const link = await tokens.issue(LINK, 'a1', { email: 'a1@acme-msp.test' });
    const reset = await tokens.issue(RESET, 'a1', { email: 'a1@acme-msp.test' });
    const state = await tokens.issue(STATE, 'a1', { configurationId: 'c1' });
    const other = await tokens.issue(RESET, 'a2', { email: 'a2@acme-msp.test' });
    await tokens.voidOutstanding(dataSource.manager, 'a1', [LINK, RESET]);
    expect(await tokens.peek(LINK, link)).toBeNull();
    expect(await tokens.peek(RESET, reset)).toBeNull();
    expect(await tokens.peek(STATE, state)).not.toBeNull();
    expect(await tokens.peek(RESET, other)).not.toBeNull();
  });

  it('lists, rewrites the context of, counts and purges an account’s tokens of one purpose', async () => {
    await tokens.issue(LINK, 'a1', { email: 'old@acme-msp.test' });
    clock.advance(1_000);
    const since = clock.now();
    clock.advance(1_000);
    const recent = await tokens.issue(LINK, 'a1', { email: 'a1@acme-msp.test' });
    await tokens.issue(RESET, 'a1', { email: 'a1@acme-msp.test' });
    expect((await tokens.list(LINK, 'a1')).map((t) => t.context.email).sort()).toEqual([
      'a1@acme-msp.test',
      'old@acme-msp.test',
    ]);
    const [latest] = await tokens.list(LINK, 'a1', { createdAfter: since });
    expect(latest?.context).toEqual({ email: 'a1@acme-msp.test' });
    await tokens.updateContext(LINK, latest.id, { email: 'changed@acme-msp.test' });
    expect((await tokens.peek(LINK, recent))?.context).toEqual({ email: 'changed@acme-msp.test' });

    await tokens.consume(LINK, recent);
    expect(await tokens.list(LINK, 'a1', { live: true })).toHaveLength(1);
    expect(await tokens.countLive(LINK, 'a1')).toBe(1);

    clock.advance(61_000);
    expect(await tokens.countLive(LINK, 'a1')).toBe(0);
    await tokens.purgeExpired(LINK, 'a1', clock.now());
    expect((await rows()).map((r) => r.purpose)).toEqual(['PASSWORD_RESET']);
  });
});
