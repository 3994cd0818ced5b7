import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dateColumn, idColumn } from './helpers';

const accountForeignKey = (name: string) => ({
  name,
  columnNames: ['accountId'],
  referencedTableName: 'accounts',
  referencedColumnNames: ['id'],
  onDelete: 'CASCADE',
  onUpdate: 'NO ACTION',
});

/** QuickBooks Online configurations (sealed Intuit tokens, refresh lease), OAuth states and API tokens. */
export class QuickBooks1764160000000 implements MigrationInterface {
  name = 'QuickBooks1764160000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'quickbooks_configurations',
        columns: [
          idColumn('id', { isPrimary: true }),
          idColumn('accountId'),
          { name: 'name', type: 'varchar', length: '50' },
          { name: 'nameKey', type: 'varchar', length: '50' },
          { name: 'isDefault', type: 'boolean' },
          { name: 'realmId', type: 'varchar', length: '32', isNullable: true },
          { name: 'companyName', type: 'varchar', length: '200', isNullable: true },
          { name: 'accessTokenSealed', type: 'text', isNullable: true },
          { name: 'refreshTokenSealed', type: 'text', isNullable: true },
          dateColumn('accessTokenExpiresAt', { isNullable: true }),
          dateColumn('refreshTokenExpiresAt', { isNullable: true }),
          dateColumn('refreshTokenHardExpiresAt', { isNullable: true }),
          dateColumn('connectedAt', { isNullable: true }),
          { name: 'tokenVersion', type: 'integer', default: 0 },
          dateColumn('refreshLeaseUntil', { isNullable: true }),
          { name: 'refreshLeaseOwner', type: 'varchar', length: '64', isNullable: true },
          { name: 'state', type: 'varchar', length: '16' },
          { name: 'statusMessage', type: 'varchar', length: '500', isNullable: true },
          { name: 'lastErrorCode', type: 'varchar', length: '64', isNullable: true },
          dateColumn('checkedAt', { isNullable: true }),
          dateColumn('lastSuccessAt', { isNullable: true }),
          dateColumn('reconnectBy', { isNullable: true }),
          dateColumn('reminder14SentAt', { isNullable: true }),
          dateColumn('reminder3SentAt', { isNullable: true }),
          dateColumn('createdAt'),
          dateColumn('updatedAt'),
        ],
        indices: [
          new TableIndex({
            name: 'IDX_quickbooks_configurations_account_name',
            columnNames: ['accountId', 'nameKey'],
            isUnique: true,
          }),
          new TableIndex({
            name: 'IDX_quickbooks_configurations_account_realm',
            columnNames: ['accountId', 'realmId'],
            isUnique: true,
          }),
          new TableIndex({ name: 'IDX_quickbooks_configurations_state', columnNames: ['state'] }),
        ],
        foreignKeys: [accountForeignKey('FK_quickbooks_configurations_account')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'quickbooks_oauth_states',
        columns: [
          idColumn('id', { isPrimary: true }),
          idColumn('accountId'),
          idColumn('configurationId'),
          { name: 'stateHash', type: 'varchar', length: '64' },
          dateColumn('expiresAt'),
          dateColumn('usedAt', { isNullable: true }),
          dateColumn('createdAt'),
        ],
        indices: [
          new TableIndex({ name: 'IDX_quickbooks_oauth_states_hash', columnNames: ['stateHash'], isUnique: true }),
          new TableIndex({ name: 'IDX_quickbooks_oauth_states_account', columnNames: ['accountId'] }),
          new TableIndex({ name: 'IDX_quickbooks_oauth_states_configuration', columnNames: ['configurationId'] }),
        ],
        foreignKeys: [
          accountForeignKey('FK_quickbooks_oauth_states_account'),
          {
            name: 'FK_quickbooks_oauth_states_configuration',
            columnNames: ['configurationId'],
            referencedTableName: 'quickbooks_configurations',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
            onUpdate: 'NO ACTION',
          },
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'api_tokens',
        columns: [
          idColumn('id', { isPrimary: true }),
          idColumn('accountId'),
          { name: 'name', type: 'varchar', length: '50' },
          { name: 'tokenHash', type: 'varchar', length: '64' },
          { name: 'tokenHint', type: 'varchar', length: '16' },
          dateColumn('createdAt'),
          dateColumn('lastUsedAt', { isNullable: true }),
          dateColumn('revokedAt', { isNullable: true }),
        ],
        indices: [
          new TableIndex({ name: 'IDX_api_tokens_hash', columnNames: ['tokenHash'], isUnique: true }),
          new TableIndex({ name: 'IDX_api_tokens_account', columnNames: ['accountId'] }),
        ],
        foreignKeys: [accountForeignKey('FK_api_tokens_account')],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('api_tokens');
    await queryRunner.dropTable('quickbooks_oauth_states');
    await queryRunner.dropTable('quickbooks_configurations');
  }
}
