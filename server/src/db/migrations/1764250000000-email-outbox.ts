import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dateColumn, idColumn } from './helpers';

/** The email outbox (docs/email-delivery.md): emails are rows before they are jobs. */
export class EmailOutbox1764250000000 implements MigrationInterface {
  name = 'EmailOutbox1764250000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'email_outbox',
        columns: [
          idColumn('id', { isPrimary: true }),
          idColumn('accountId', { isNullable: true }),
          { name: 'category', type: 'varchar', length: '40' },
          { name: 'status', type: 'varchar', length: '16' },
          { name: 'sealed', type: 'text', isNullable: true },
          { name: 'attempts', type: 'integer', default: 0 },
          dateColumn('nextAttemptAt'),
          dateColumn('deliverBy'),
          { name: 'lastError', type: 'varchar', length: '500', isNullable: true },
          { name: 'messageId', type: 'varchar', length: '100', isNullable: true },
          dateColumn('sentAt', { isNullable: true }),
          dateColumn('createdAt'),
          dateColumn('updatedAt'),
        ],
        indices: [
          new TableIndex({ name: 'IDX_email_outbox_account', columnNames: ['accountId', 'createdAt'] }),
          new TableIndex({ name: 'IDX_email_outbox_due', columnNames: ['status', 'nextAttemptAt'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('email_outbox');
  }
}
