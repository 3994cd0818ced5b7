import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/** The compare-and-set guard of ConnectWise status writes (docs/connection-writes.md). */
export class ConnectWiseVersion1764240000000 implements MigrationInterface {
  name = 'ConnectWiseVersion1764240000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'connectwise_connections',
      new TableColumn({ name: 'version', type: 'integer', default: 0 }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('connectwise_connections', 'version');
  }
}
