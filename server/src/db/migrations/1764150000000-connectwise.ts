import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dateColumn, idColumn } from './helpers';

/** The ConnectWise PSA connection of each account. */
export class ConnectWise1764150000000 implements MigrationInterface {
  name = 'ConnectWise1764150000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'connectwise_connections',
        columns: [
          idColumn('id', { isPrimary: true }),
          idColumn('accountId'),
          { name: 'site', type: 'varchar', length: '300' },
          { name: 'companyId', type: 'varchar', length: '100' },
          { name: 'publicKeySealed', type: 'text' },
          { name: 'privateKeySealed', type: 'text' },
          { name: 'privateKeyHint', type: 'varchar', length: '4' },
          { name: 'companyName', type: 'varchar', length: '200' },
          { name: 'codebase', type: 'varchar', length: '100' },
          { name: 'state', type: 'varchar', length: '16' },
          { name: 'statusMessage', type: 'varchar', length: '500', isNullable: true },
          { name: 'lastErrorCode', type: 'varchar', length: '64', isNullable: true },
          dateColumn('checkedAt'),
          dateColumn('validatedAt'),
          dateColumn('createdAt'),
          dateColumn('updatedAt'),
        ],
        indices: [
          new TableIndex({ name: 'IDX_connectwise_connections_account', columnNames: ['accountId'], isUnique: true }),
        ],
        foreignKeys: [
          {
            name: 'FK_connectwise_connections_account',
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
    await queryRunner.dropTable('connectwise_connections');
  }
}
