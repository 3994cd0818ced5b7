import type { DataSource } from 'typeorm';
import type { Dialect } from './data-source';

/** The raw driver handle rate-limiter-flexible stores its counters through. */
export function rawStoreClient(dataSource: DataSource): { dialect: Dialect; client: unknown; database?: string } {
  const type = dataSource.options.type;
  if (type === 'mysql' || type === 'mariadb') {
    const driver = dataSource.driver as unknown as { pool: unknown; database?: string };
    return { dialect: 'mysql', client: driver.pool, database: driver.database };
  }
  const driver = dataSource.driver as unknown as { databaseConnection: unknown };
  return { dialect: 'sqlite', client: driver.databaseConnection };
}
