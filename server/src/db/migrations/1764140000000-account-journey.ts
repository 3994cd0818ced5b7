import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dateColumn, idColumn } from './helpers';

/** Accounts, single-use email tokens and the throttle counters (dialect-neutral Table API). */
export class AccountJourney1764140000000 implements MigrationInterface {
  name = 'AccountJourney1764140000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'accounts',
        columns: [
          idColumn('id', { isPrimary: true }),
          { name: 'email', type: 'varchar', length: '254' },
          { name: 'name', type: 'varchar', length: '100', isNullable: true },
          { name: 'companyName', type: 'varchar', length: '100', isNullable: true },
          { name: 'passwordHash', type: 'varchar', length: '100', isNullable: true },
          dateColumn('emailVerifiedAt', { isNullable: true }),
          { name: 'tokenVersion', type: 'integer', default: 0 },
          dateColumn('createdAt'),
          dateColumn('updatedAt'),
        ],
        indices: [new TableIndex({ name: 'IDX_accounts_email', columnNames: ['email'], isUnique: true })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'email_tokens',
        columns: [
          idColumn('id', { isPrimary: true }),
          idColumn('accountId'),
          { name: 'purpose', type: 'varchar', length: '16' },
          { name: 'tokenHash', type: 'varchar', length: '64' },
          { name: 'email', type: 'varchar', length: '254' },
          dateColumn('expiresAt'),
          dateColumn('usedAt', { isNullable: true }),
          dateColumn('createdAt'),
        ],
        indices: [
          new TableIndex({ name: 'IDX_email_tokens_account', columnNames: ['accountId'] }),
          new TableIndex({ name: 'IDX_email_tokens_hash', columnNames: ['tokenHash'], isUnique: true }),
        ],
        foreignKeys: [
          {
            name: 'FK_email_tokens_account',
            columnNames: ['accountId'],
            referencedTableName: 'accounts',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
            onUpdate: 'NO ACTION',
          },
        ],
      }),
    );
    // Shape required by rate-limiter-flexible's MySQL and SQLite stores (we create it; it never runs DDL).
    await queryRunner.createTable(
      new Table({
        name: 'rate_limits',
        columns: [
          { name: 'key', type: 'varchar', length: '255', isPrimary: true },
          { name: 'points', type: 'integer', default: 0 },
          { name: 'expire', type: 'bigint', isNullable: true },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('rate_limits');
    await queryRunner.dropTable('email_tokens');
    await queryRunner.dropTable('accounts');
  }
}
