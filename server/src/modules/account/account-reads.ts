import type { DataSource } from 'typeorm';
import { LeanTable } from '../../db/lean-table';
import { Account } from './account.entity';

/** Every column of an account: what the request's principal carries. */
export const ACCOUNT_PROPERTIES = [
  'id',
  'email',
  'name',
  'companyName',
  'passwordHash',
  'emailVerifiedAt',
  'tokenVersion',
  'createdAt',
  'updatedAt',
] as const satisfies ReadonlyArray<keyof Account>;

/**
 * The account lookups every authenticated request makes (docs/performance.md §3), as prepared lean reads. Other
 * modules join their rows to `table` with `select(ACCOUNT_PROPERTIES, 'a')` and read them back with `read`.
 */
export class AccountReads {
  readonly table: LeanTable<Account>;
  /** Reads an account selected with `table.select(ACCOUNT_PROPERTIES, 'a')`. */
  readonly read: (row: Record<string, unknown>) => Account;
  private readonly byIdSql: string;

  constructor(private readonly dataSource: DataSource) {
    this.table = new LeanTable(dataSource, Account);
    this.read = this.table.reader(ACCOUNT_PROPERTIES, 'a');
    this.byIdSql = `SELECT ${this.table.select(ACCOUNT_PROPERTIES, 'a')} FROM ${this.table.table} a WHERE ${this.table.column('id', 'a')} = ?`;
  }

  async byId(id: string): Promise<Account | null> {
    const [row] = await this.dataSource.query<Record<string, unknown>[]>(this.byIdSql, [id]);
    return row ? this.read(row) : null;
  }
}
