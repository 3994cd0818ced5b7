import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dateColumn, idColumn } from './helpers';

/** The embedded job queue: jobs and schedules (docs/decisions/0001-job-queue-with-two-drivers.md). */
export class JobQueue1764180000000 implements MigrationInterface {
  name = 'JobQueue1764180000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'queue_jobs',
        columns: [
          idColumn('id', { isPrimary: true }),
          { name: 'name', type: 'varchar', length: '100' },
          { name: 'dedupKey', type: 'varchar', length: '191', isNullable: true },
          { name: 'data', type: 'text' },
          { name: 'status', type: 'varchar', length: '16' },
          dateColumn('runAt'),
          { name: 'attempts', type: 'integer', default: 0 },
          { name: 'stalls', type: 'integer', default: 0 },
          { name: 'version', type: 'integer', default: 0 },
          { name: 'leaseOwner', type: 'varchar', length: '64', isNullable: true },
          dateColumn('leaseUntil', { isNullable: true }),
          { name: 'lastError', type: 'varchar', length: '1000', isNullable: true },
          dateColumn('createdAt'),
          dateColumn('updatedAt'),
        ],
        indices: [
          new TableIndex({ name: 'IDX_queue_jobs_due', columnNames: ['status', 'runAt'] }),
          new TableIndex({ name: 'IDX_queue_jobs_dedup', columnNames: ['dedupKey'], isUnique: true }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'queue_schedules',
        columns: [
          { name: 'scheduleKey', type: 'varchar', length: '191', isPrimary: true },
          { name: 'name', type: 'varchar', length: '100' },
          { name: 'data', type: 'text' },
          { name: 'everyMs', type: 'bigint' },
          dateColumn('nextRunAt'),
          { name: 'version', type: 'integer', default: 0 },
          dateColumn('createdAt'),
          dateColumn('updatedAt'),
        ],
        indices: [new TableIndex({ name: 'IDX_queue_schedules_next_run', columnNames: ['nextRunAt'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('queue_schedules');
    await queryRunner.dropTable('queue_jobs');
  }
}
