import path from 'node:path';
import fs from 'node:fs';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { entities } from './entities';
import { migrations } from './migrations';

export type Dialect = 'sqlite' | 'mysql';

export function dialectOf(databaseUrl: string): Dialect {
  return databaseUrl.startsWith('mysql://') ? 'mysql' : 'sqlite';
}

/** Builds the TypeORM data source for `sqlite:<path>` or `mysql://…`; schema comes from migrations only. */
export function createDataSource(
  databaseUrl: string,
  options: { logging?: boolean; mariadb?: boolean } = {},
): DataSource {
  const common = { entities, migrations, synchronize: false, migrationsRun: false, logging: options.logging ?? false };
  let dsOptions: DataSourceOptions;
  if (dialectOf(databaseUrl) === 'mysql') {
    dsOptions = {
      ...common,
      type: options.mariadb ? 'mariadb' : 'mysql',
      url: databaseUrl,
      timezone: 'Z',
      charset: 'utf8mb4_unicode_ci',
      poolSize: 10,
      extra: { connectTimeout: 10_000 },
    };
  } else {
    const file = databaseUrl.slice('sqlite:'.length) || ':memory:';
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    dsOptions = {
      ...common,
      type: 'better-sqlite3',
      database: file,
      // WAL + busy timeout let several server processes share one file safely.
      prepareDatabase: (db: { pragma(sql: string): unknown }) => {
        db.pragma('journal_mode = WAL');
        db.pragma('busy_timeout = 5000');
        db.pragma('foreign_keys = ON');
      },
    };
  }
  return new DataSource(dsOptions);
}

/** Connects and applies pending migrations (each in its own transaction). */
export async function openDatabase(databaseUrl: string): Promise<DataSource> {
  const mariadb = dialectOf(databaseUrl) === 'mysql' && (await isMariaDb(databaseUrl));
  const dataSource = createDataSource(databaseUrl, { mariadb });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
}

/** MariaDB speaks the MySQL protocol but reports column defaults differently; TypeORM must know. */
async function isMariaDb(databaseUrl: string): Promise<boolean> {
  const mysql = await import('mysql2/promise');
  const connection = await mysql.createConnection({ uri: databaseUrl, connectTimeout: 10_000 });
  try {
    const [rows] = await connection.query('SELECT VERSION() AS version');
    return /mariadb/i.test(String((rows as Array<{ version: string }>)[0]?.version));
  } finally {
    await connection.end();
  }
}
