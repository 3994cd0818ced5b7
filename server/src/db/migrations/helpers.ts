import type { TableColumnOptions } from 'typeorm';

export const idColumn = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: '36',
  ...extra,
});

export const dateColumn = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
  name,
  type: 'datetime',
  precision: 3,
  ...extra,
});

/** A UTC timestamp as TypeORM writes `datetime(3)` columns on SQLite and MySQL alike (for data migrations). */
export const utcDatetime = (date: Date): string => date.toISOString().replace('T', ' ').slice(0, 23);
