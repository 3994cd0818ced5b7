import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dateColumn } from './helpers';

/** One live connection check at a time across processes (docs/request-hardening.md). */
export class ConnectionCheckLeases1764230000000 implements MigrationInterface {
  name = 'ConnectionCheckLeases1764230000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'connection_check_leases',
        columns: [
          { name: 'key', type: 'varchar', length: '100', isPrimary: true },
          { name: 'owner', type: 'varchar', length: '64' },
          dateColumn('leaseUntil'),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('connection_check_leases');
  }
}
