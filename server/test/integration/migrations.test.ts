import { createTestDatabase, testDialects } from '../support/databases';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { utcDatetime } from '../../src/db/migrations/helpers';
import { systemClock } from '../../src/lib/clock';
import { hmacSha256Hex, randomToken } from '../../src/lib/crypto';
import { SingleUseTokens, tokenKind } from '../../src/modules/tokens/single-use-tokens';

/** What the emailed links in single_use_tokens carry. */
async function linkContexts(ds: DataSource): Promise<Array<Record<string, unknown>>> {
  const rows = await ds.query<Array<{ context: string }>>(
    "SELECT context FROM single_use_tokens WHERE purpose IN ('EMAIL_VERIFICATION', 'PASSWORD_RESET') ORDER BY id",
  );
  return rows.map((row) => JSON.parse(row.context) as Record<string, unknown>);
}

describe.each(testDialects)('migrations on %s', (dialect) => {
  it('create exactly the schema the entities describe', async () => {
    const db = await createTestDatabase(dialect);
    try {
      const pending = await db.dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await db.destroy();
    }
  });

  it('can be reverted and applied again', async () => {
    const db = await createTestDatabase(dialect);
    try {
      await db.dataSource.undoLastMigration({ transaction: 'each' });
      await db.dataSource.runMigrations({ transaction: 'each' });
      const names = ['accounts', 'rate_limits', 'single_use_tokens'];
      const tables = await db.dataSource.createQueryRunner().getTables([...names, 'email_tokens']);
      expect(tables.map((t) => t.name.split('.').pop()).sort()).toEqual(names);
    } finally {
      await db.destroy();
    }
  });
});

describe.each(testDialects)('the sign-up profile migration on %s', (dialect) => {
  it('hands the name and company of unverified accounts to their live verification links', async () => {
    const db = await createTestDatabase(dialect);
    const ds = db.dataSource;
    const applied = async () =>
      (await ds.query<unknown[]>('SELECT name FROM migrations WHERE name = ?', ['SignupProfiles1764220000000']))
        .length > 0;
    try {
      while (await applied()) await ds.undoLastMigration({ transaction: 'each' });
      const now = utcDatetime(new Date());
      const later = utcDatetime(new Date(Date.now() + 60_000));
      const account = (id: string, name: string, verifiedAt: string | null) =>
        ds.query(
          'INSERT INTO accounts (id, email, name, companyName, passwordHash, emailVerifiedAt, tokenVersion, createdAt, updatedAt) VALUES (?, ?, ?, ?, NULL, ?, 0, ?, ?)',
          [id, `${id}@acme-msp.test`, name, `${name} Co`, verifiedAt, now, now],
        );
      await account('unverified', 'Pending', null);
      await account('verified', 'Owner', now);
      await ds.query(
        'INSERT INTO email_tokens (id, accountId, purpose, tokenHash, email, expiresAt, usedAt, createdAt) VALUES (?, ?, ?, ?, ?, ?, NULL, ?)',
        ['t1', 'unverified', 'verify', 'a'.repeat(64), 'unverified@acme-msp.test', later, now],
      );
      await ds.runMigrations({ transaction: 'each' });

      expect(await ds.query('SELECT id, name, companyName FROM accounts ORDER BY id')).toEqual([
        { id: 'unverified', name: null, companyName: null },
        { id: 'verified', name: 'Owner', companyName: 'Owner Co' },
      ]);
      // The link now lives in single_use_tokens (1764400000000), its profile in its context.
      expect(await linkContexts(ds)).toEqual([
        { email: 'unverified@acme-msp.test', name: 'Pending', companyName: 'Pending Co', profileContested: false },
      ]);
    } finally {
      await db.destroy();
    }
  });
});

describe.each(testDialects)('the ASCII email domain migration on %s', (dialect) => {
  it('rewrites stored Unicode domains to their ASCII form unless that address already has an account', async () => {
    const db = await createTestDatabase(dialect);
    const ds = db.dataSource;
    const applied = async () =>
      (await ds.query<unknown[]>('SELECT name FROM migrations WHERE name = ?', ['AsciiEmailDomains1764220000001']))
        .length > 0;
    try {
      while (await applied()) await ds.undoLastMigration({ transaction: 'each' });
      const now = utcDatetime(new Date());
      for (const [id, email] of [
        ['a', 'owner@bücher.example'],
        ['b', 'taken@exämple.com'],
        ['c', 'taken@xn--exmple-cua.com'],
        ['d', 'plain@example.com'],
      ]) {
        await ds.query(
          'INSERT INTO accounts (id, email, name, companyName, passwordHash, emailVerifiedAt, tokenVersion, createdAt, updatedAt) VALUES (?, ?, NULL, NULL, NULL, NULL, 0, ?, ?)',
          [id, email, now, now],
        );
      }
      await ds.query(
        'INSERT INTO email_tokens (id, accountId, purpose, tokenHash, email, expiresAt, usedAt, createdAt) VALUES (?, ?, ?, ?, ?, ?, NULL, ?)',
        ['t1', 'a', 'verify', 'a'.repeat(64), 'owner@bücher.example', now, now],
      );
      await ds.runMigrations({ transaction: 'each' });

      expect(await ds.query('SELECT id, email FROM accounts ORDER BY id')).toEqual([
        { id: 'a', email: 'owner@xn--bcher-kva.example' },
        { id: 'b', email: 'taken@exämple.com' },
        { id: 'c', email: 'taken@xn--exmple-cua.com' },
        { id: 'd', email: 'plain@example.com' },
      ]);
      expect((await linkContexts(ds)).map((link) => link.email)).toEqual(['owner@xn--bcher-kva.example']);
    } finally {
      await db.destroy();
    }
  });
});

describe.each(testDialects)('the single-use tokens migration on %s', (dialect) => {
  it('moves emailed links into single_use_tokens, where they keep working, and back on revert', async () => {
    const db = await createTestDatabase(dialect);
    const ds = db.dataSource;
    const applied = async () =>
      (await ds.query<unknown[]>('SELECT name FROM migrations WHERE name = ?', ['SingleUseTokens1764400000000']))
        .length > 0;
    const hashKey = { id: 'k1', key: randomBytes(32) };
    const [liveToken, usedToken] = [randomToken(32), randomToken(32)];
    const columns = 'id, accountId, tokenHash, hashKeyId, expiresAt, usedAt, createdAt';
    try {
      while (await applied()) await ds.undoLastMigration({ transaction: 'each' });
      const now = utcDatetime(new Date());
      const later = utcDatetime(new Date(Date.now() + 60_000));
      await ds.query(
        'INSERT INTO accounts (id, email, name, companyName, passwordHash, emailVerifiedAt, tokenVersion, createdAt, updatedAt) VALUES (?, ?, NULL, NULL, NULL, NULL, 0, ?, ?)',
        ['a1', 'owner@acme-msp.test', now, now],
      );
      const insert =
        'INSERT INTO email_tokens (id, accountId, purpose, tokenHash, hashKeyId, email, name, companyName, profileContested, expiresAt, usedAt, createdAt) ' +
        'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';
      const digest = (token: string) => hmacSha256Hex(hashKey.key, token);
      await ds.query(insert, [
        't1',
        'a1',
        'verify',
        digest(liveToken),
        'k1',
        'owner@acme-msp.test',
        'Pat',
        'Acme',
        1,
        later,
        null,
        now,
      ]);
      await ds.query(insert, [
        't2',
        'a1',
        'reset',
        digest(usedToken),
        null,
        'owner@acme-msp.test',
        null,
        null,
        0,
        later,
        now,
        now,
      ]);
      const before = await ds.query<unknown[]>(`SELECT ${columns} FROM email_tokens ORDER BY id`);

      await ds.runMigrations({ transaction: 'each' });
      expect(await ds.query(`SELECT ${columns} FROM single_use_tokens ORDER BY id`)).toEqual(before);
      expect(await ds.query('SELECT purpose FROM single_use_tokens ORDER BY id')).toEqual([
        { purpose: 'EMAIL_VERIFICATION' },
        { purpose: 'PASSWORD_RESET' },
      ]);
      expect(await linkContexts(ds)).toEqual([
        { email: 'owner@acme-msp.test', name: 'Pat', companyName: 'Acme', profileContested: true },
        { email: 'owner@acme-msp.test', name: null, companyName: null, profileContested: false },
      ]);
      const tables = await ds.createQueryRunner().getTables(['email_tokens', 'quickbooks_oauth_states']);
      expect(tables).toEqual([]);

      // A link emailed before the upgrade is found, and used, by the new service; a used one stays used.
      const tokens = new SingleUseTokens(ds, { keys: [hashKey] }, systemClock);
      const verify = tokenKind<{ email: string }>('EMAIL_VERIFICATION', 60_000);
      expect(await tokens.consume(tokenKind('PASSWORD_RESET', 60_000), liveToken)).toBeNull();
      expect((await tokens.peek(verify, liveToken))?.context).toMatchObject({ email: 'owner@acme-msp.test' });
      expect(await tokens.inspect(tokenKind('PASSWORD_RESET', 60_000), usedToken)).toMatchObject({ state: 'used' });

      // Reverted, the links are email_tokens rows again.
      await ds.undoLastMigration({ transaction: 'each' });
      expect(await ds.query(`SELECT ${columns} FROM email_tokens WHERE id = 't2'`)).toEqual([before[1]]);
      expect(await ds.query('SELECT id, purpose, email, name, companyName FROM email_tokens ORDER BY id')).toEqual([
        { id: 't1', purpose: 'verify', email: 'owner@acme-msp.test', name: 'Pat', companyName: 'Acme' },
        { id: 't2', purpose: 'reset', email: 'owner@acme-msp.test', name: null, companyName: null },
      ]);
      const contested = await ds.query<Array<{ profileContested: unknown }>>(
        'SELECT profileContested FROM email_tokens ORDER BY id',
      );
      expect(contested.map((row) => Number(row.profileContested))).toEqual([1, 0]);
    } finally {
      await db.destroy();
    }
  });
});
