import type { DataSource, EntityManager } from 'typeorm';

/**
 * A transaction that is safe under concurrency on both dialects. TypeORM runs every SQLite query runner
 * on the one better-sqlite3 connection, so two overlapping `BEGIN`s from different async flows collide
 * ("cannot start a transaction within a transaction"): on SQLite transactions are taken one at a time.
 */
const sqliteQueues = new WeakMap<DataSource, Promise<unknown>>();

export function inTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  const type = dataSource.options.type;
  if (type === 'mysql' || type === 'mariadb') return dataSource.transaction(work);
  const previous = sqliteQueues.get(dataSource) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => dataSource.transaction(work));
  sqliteQueues.set(
    dataSource,
    next.catch(() => undefined),
  );
  return next;
}
