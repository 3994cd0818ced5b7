import type { DataSource } from 'typeorm';

interface SqliteHandle {
  inTransaction: boolean;
  pragma(sql: string, options?: { simple: boolean }): unknown;
  exec(sql: string): unknown;
}

/**
 * Whether the database can serve Mobius right now (docs/faults.md), within `timeoutMs`:
 * - MySQL/MariaDB: a trivial read of the migrations table answers (a stopped, unreachable or hung server does not).
 * - SQLite: the file can be read and its write lock taken. Readers never wait for a writer in WAL mode, so a
 *   file another process holds locked would pass a read; the probe asks for the write lock without waiting
 *   (busy timeout 0 for that one synchronous step) and gives it straight back.
 */
export async function databaseAnswers(dataSource: DataSource, timeoutMs = 3_000): Promise<boolean> {
  if (!dataSource.isInitialized) return false;
  const type = dataSource.options.type;
  if (type !== 'mysql' && type !== 'mariadb') return sqliteWritable(dataSource);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([
      dataSource.query('SELECT 1 FROM migrations LIMIT 1').then(
        () => true,
        () => false,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function sqliteWritable(dataSource: DataSource): boolean {
  const db = (dataSource.driver as unknown as { databaseConnection?: SqliteHandle }).databaseConnection;
  if (!db) return false;
  // A transaction of ours is open on this connection: the database is evidently working.
  if (db.inTransaction) return true;
  const busyTimeout = Number(db.pragma('busy_timeout', { simple: true }));
  try {
    db.pragma('busy_timeout = 0');
    db.exec('BEGIN IMMEDIATE');
    db.exec('ROLLBACK');
    return true;
  } catch {
    return false;
  } finally {
    db.pragma(`busy_timeout = ${Number.isFinite(busyTimeout) ? busyTimeout : 5000}`);
  }
}
