import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dateColumn, idColumn } from './helpers';

const cascade = (name: string, column: string, table: string) => ({
  name,
  columnNames: [column],
  referencedTableName: table,
  referencedColumnNames: ['id'],
  onDelete: 'CASCADE',
  onUpdate: 'NO ACTION',
});

/** Invoice imports: settings, runs and their items, the PSA→QBO mappings and the per-company lock. */
export class Imports1764190000000 implements MigrationInterface {
  name = 'Imports1764190000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'import_settings',
        columns: [
          idColumn('configurationId', { isPrimary: true }),
          idColumn('accountId'),
          { name: 'incomeAccountId', type: 'varchar', length: '32', isNullable: true },
          { name: 'taxableTaxCode', type: 'varchar', length: '32' },
          { name: 'nonTaxableTaxCode', type: 'varchar', length: '32' },
          { name: 'appendAccountNumber', type: 'boolean' },
          { name: 'markExported', type: 'boolean' },
          { name: 'autoSyncMinutes', type: 'integer' },
          dateColumn('lastAutoSyncAt', { isNullable: true }),
          dateColumn('updatedAt'),
        ],
        foreignKeys: [cascade('FK_import_settings_configuration', 'configurationId', 'quickbooks_configurations')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'import_runs',
        columns: [
          idColumn('id', { isPrimary: true }),
          idColumn('accountId'),
          idColumn('configurationId'),
          { name: 'realmId', type: 'varchar', length: '32' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'source', type: 'varchar', length: '16' },
          { name: 'requestedBy', type: 'varchar', length: '320', isNullable: true },
          idColumn('retryOfRunId', { isNullable: true }),
          { name: 'requestedInvoiceIds', type: 'text', isNullable: true },
          { name: 'planned', type: 'boolean' },
          { name: 'total', type: 'integer', default: 0 },
          { name: 'succeeded', type: 'integer', default: 0 },
          { name: 'failed', type: 'integer', default: 0 },
          { name: 'skipped', type: 'integer', default: 0 },
          { name: 'message', type: 'varchar', length: '1000', isNullable: true },
          { name: 'markExported', type: 'boolean' },
          { name: 'exportState', type: 'varchar', length: '16' },
          { name: 'exportBatchIdentifier', type: 'varchar', length: '50', isNullable: true },
          { name: 'exportMessage', type: 'varchar', length: '1000', isNullable: true },
          dateColumn('createdAt'),
          dateColumn('startedAt', { isNullable: true }),
          dateColumn('finishedAt', { isNullable: true }),
          dateColumn('heartbeatAt', { isNullable: true }),
        ],
        indices: [
          new TableIndex({
            name: 'IDX_import_runs_configuration_created',
            columnNames: ['configurationId', 'createdAt'],
          }),
          new TableIndex({ name: 'IDX_import_runs_status', columnNames: ['status'] }),
          new TableIndex({ name: 'IDX_import_runs_account', columnNames: ['accountId'] }),
        ],
        foreignKeys: [
          cascade('FK_import_runs_configuration', 'configurationId', 'quickbooks_configurations'),
          cascade('FK_import_runs_account', 'accountId', 'accounts'),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'import_items',
        columns: [
          idColumn('id', { isPrimary: true }),
          idColumn('runId'),
          { name: 'position', type: 'integer' },
          { name: 'psaInvoiceId', type: 'integer' },
          { name: 'invoiceNumber', type: 'varchar', length: '50' },
          { name: 'companyName', type: 'varchar', length: '200' },
          { name: 'invoiceType', type: 'varchar', length: '20' },
          { name: 'invoiceDate', type: 'varchar', length: '10', isNullable: true },
          { name: 'totalCents', type: 'integer' },
          { name: 'currency', type: 'varchar', length: '3', isNullable: true },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'qboEntity', type: 'varchar', length: '16', isNullable: true },
          { name: 'qboId', type: 'varchar', length: '32', isNullable: true },
          { name: 'message', type: 'varchar', length: '1000', isNullable: true },
          { name: 'hint', type: 'varchar', length: '500', isNullable: true },
          { name: 'faultCode', type: 'varchar', length: '16', isNullable: true },
          { name: 'requestId', type: 'varchar', length: '50', isNullable: true },
          { name: 'batchRequestId', type: 'varchar', length: '36', isNullable: true },
          { name: 'glEntryIds', type: 'text', isNullable: true },
          dateColumn('attemptedAt', { isNullable: true }),
          dateColumn('finishedAt', { isNullable: true }),
        ],
        indices: [
          new TableIndex({
            name: 'IDX_import_items_run_invoice',
            columnNames: ['runId', 'psaInvoiceId'],
            isUnique: true,
          }),
          new TableIndex({
            name: 'IDX_import_items_run_status_position',
            columnNames: ['runId', 'status', 'position'],
          }),
          new TableIndex({ name: 'IDX_import_items_invoice', columnNames: ['psaInvoiceId'] }),
        ],
        foreignKeys: [cascade('FK_import_items_run', 'runId', 'import_runs')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'imported_documents',
        columns: [
          idColumn('id', { isPrimary: true }),
          idColumn('accountId'),
          { name: 'realmId', type: 'varchar', length: '32' },
          { name: 'psaInvoiceId', type: 'integer' },
          { name: 'invoiceNumber', type: 'varchar', length: '50' },
          { name: 'qboEntity', type: 'varchar', length: '16' },
          { name: 'qboId', type: 'varchar', length: '32' },
          idColumn('runId', { isNullable: true }),
          { name: 'requestId', type: 'varchar', length: '50', isNullable: true },
          dateColumn('importedAt'),
        ],
        indices: [
          new TableIndex({
            name: 'IDX_imported_documents_invoice',
            columnNames: ['accountId', 'realmId', 'psaInvoiceId'],
            isUnique: true,
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'entity_mappings',
        columns: [
          idColumn('id', { isPrimary: true }),
          idColumn('accountId'),
          { name: 'realmId', type: 'varchar', length: '32' },
          { name: 'kind', type: 'varchar', length: '16' },
          { name: 'psaKey', type: 'varchar', length: '100' },
          { name: 'qboId', type: 'varchar', length: '32' },
          { name: 'qboName', type: 'varchar', length: '500' },
          dateColumn('createdAt'),
        ],
        indices: [
          new TableIndex({
            name: 'IDX_entity_mappings_key',
            columnNames: ['accountId', 'realmId', 'kind', 'psaKey'],
            isUnique: true,
          }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'import_locks',
        columns: [
          { name: 'realmId', type: 'varchar', length: '32', isPrimary: true },
          idColumn('runId'),
          { name: 'owner', type: 'varchar', length: '64' },
          dateColumn('leaseUntil'),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'import_locks',
      'entity_mappings',
      'imported_documents',
      'import_items',
      'import_runs',
      'import_settings',
    ]) {
      await queryRunner.dropTable(table);
    }
  }
}
