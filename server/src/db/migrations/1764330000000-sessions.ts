import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dateColumn, idColumn } from './helpers';

/**
 * One row per signed-in session (docs/security.md, "Sessions"): the session JWT names its row (`sid`), so one
 * session can end without the others. Tokens issued before this have no `sid` and are refused: people log in
 * again once.
 */
export class Sessions1764330000000 implements MigrationInterface {
  name = 'Sessions1764330000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'sessions',
        columns: [
          idColumn('id', { isPrimary: true }),
          idColumn('accountId'),
          { name: 'tokenVersion', type: 'integer' },
          dateColumn('createdAt'),
          dateColumn('lastSeenAt'),
          dateColumn('expiresAt'),
          dateColumn('revokedAt', { isNullable: true }),
          { name: 'userAgent', type: 'varchar', length: '512', isNullable: true },
          { name: 'ip', type: 'varchar', length: '64' },
        ],
        indices: [new TableIndex({ name: 'IDX_sessions_account', columnNames: ['accountId'] })],
        foreignKeys: [
          {
            name: 'FK_sessions_account',
            columnNames: ['accountId'],
            referencedTableName: 'accounts',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
            onUpdate: 'NO ACTION',
          },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('sessions');
  }
}
