import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { openDatabase } from '../../src/db/data-source';

/** The databases every integration test runs on: SQLite always, MySQL when TEST_MYSQL_URL is set. */
export const testDialects: Array<'sqlite' | 'mysql'> = process.env.TEST_MYSQL_URL ? ['sqlite', 'mysql'] : ['sqlite'];

export interface TestDatabase {
  url: string;
  dataSource: DataSource;
  /** Opens a second, independent connection to the same database (a "second server process"). */
  openAnother(): Promise<DataSource>;
  destroy(): Promise<void>;
}

/** A fresh, migrated database of the given dialect, removed by destroy(). */
export async function createTestDatabase(dialect: 'sqlite' | 'mysql'): Promise<TestDatabase> {
  const suffix = randomBytes(6).toString('hex');
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mobius-test-'));
    const url = `sqlite:${path.join(dir, 'mobius.sqlite')}`;
    const dataSource = await openDatabase(url);
    const others: DataSource[] = [];
    return {
      url,
      dataSource,
      openAnother: async () => {
        const other = await openDatabase(url);
        others.push(other);
        return other;
      },
      destroy: async () => {
        for (const ds of [...others, dataSource]) if (ds.isInitialized) await ds.destroy();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const base = new URL(process.env.TEST_MYSQL_URL as string);
  const name = `mobius_t_${suffix}`;
  const mysql = await import('mysql2/promise');
  const admin = await mysql.createConnection({
    host: base.hostname,
    port: Number(base.port || 3306),
    user: decodeURIComponent(base.username),
    password: decodeURIComponent(base.password),
  });
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const url = new URL(base.toString());
  url.pathname = `/${name}`;
  const dataSource = await openDatabase(url.toString());
  const others: DataSource[] = [];
  return {
    url: url.toString(),
    dataSource,
    openAnother: async () => {
      const other = await openDatabase(url.toString());
      others.push(other);
      return other;
    },
    destroy: async () => {
      for (const ds of [...others, dataSource]) if (ds.isInitialized) await ds.destroy();
      await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await admin.end();
    },
  };
}
