import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { openDatabase } from '../../src/db/data-source';
import { createScratchMysqlDatabase } from '../../src/db/scratch-mysql';

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
  const scratch = await createScratchMysqlDatabase(process.env.TEST_MYSQL_URL as string, 'mobius_t');
  const url = new URL(scratch.url);
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
      await scratch.drop();
    },
  };
}
