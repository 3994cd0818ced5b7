import type { DataSource, EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/**
 * A transaction that holds under concurrency on both dialects.
 * SQLite: TypeORM runs every query runner on the one better-sqlite3 connection, so two overlapping
 * `BEGIN`s from different async flows collide: this process takes its transactions on a file one at a
 * time. And a
 * deferred `BEGIN` that reads before it writes fails at once ("database is locked") when another process
 * committed meanwhile, without waiting: `BEGIN IMMEDIATE` takes the write lock first (busy_timeout waits).
 */
const sqliteQueues = new Map<string, Promise<unknown>>();

/** Connections to one SQLite file in this process share its queue (tests open several as "processes"). */
function fileOf(dataSource: DataSource): string {
  return String((dataSource.options as { database?: unknown }).database ?? ':memory:');
}

export function inTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  const type = dataSource.options.type;
  if (type === 'mysql' || type === 'mariadb') return dataSource.transaction(work);
  const file = fileOf(dataSource);
  const previous = sqliteQueues.get(file) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => immediateTransaction(dataSource, work));
  const settled = next.catch(() => undefined);
  sqliteQueues.set(file, settled);
  // Forget a file once its last transaction is done (test databases come and go).
  void settled.then(() => {
    if (sqliteQueues.get(file) === settled) sqliteQueues.delete(file);
  });
  return next;
}

async function immediateTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>) {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('BEGIN IMMEDIATE');
    try {
      const result = await work(runner.manager);
      await runner.query('COMMIT');
      return result;
    } catch (error) {
      await runner.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  } finally {
    await runner.release();
  }
}

/**
 * Locks the rows a query reads until the transaction ends: `FOR UPDATE` on MySQL. On SQLite `inTransaction` already
 * holds the database's write lock from its first statement (`BEGIN IMMEDIATE`), so nothing is added there.
 */
export function forUpdate<T extends ObjectLiteral>(query: SelectQueryBuilder<T>): SelectQueryBuilder<T> {
  const type = query.connection.options.type;
  return type === 'mysql' || type === 'mariadb' ? query.setLock('pessimistic_write') : query;
}
