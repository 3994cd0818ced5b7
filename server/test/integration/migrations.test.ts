import { createTestDatabase, testDialects } from '../support/databases';

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
