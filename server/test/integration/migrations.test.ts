import { createTestDatabase, testDialects } from '../support/databases';
import { utcDatetime } from '../../src/db/migrations/helpers';

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
      const tables = await db.dataSource.createQueryRunner().getTables(['accounts', 'email_tokens', 'rate_limits']);
      expect(tables.map((t) => t.name.split('.').pop()).sort()).toEqual(['accounts', 'email_tokens', 'rate_limits']);
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
      expect(await ds.query('SELECT name, companyName FROM email_tokens')).toEqual([
        { name: 'Pending', companyName: 'Pending Co' },
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
      expect(await ds.query('SELECT email FROM email_tokens')).toEqual([{ email: 'owner@xn--bcher-kva.example' }]);
    } finally {
      await db.destroy();
    }
  });
});
