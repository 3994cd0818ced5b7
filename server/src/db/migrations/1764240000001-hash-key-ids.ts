import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

const TABLES = ['api_tokens', 'email_tokens'];

/** Which MOBIUS_HASH_KEYS key made each stored token digest (null: the legacy key); docs/secrets.md. */
export class HashKeyIds1764240000001 implements MigrationInterface {
  name = 'HashKeyIds1764240000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await queryRunner.addColumn(
        table,
        new TableColumn({ name: 'hashKeyId', type: 'varchar', length: '16', isNullable: true }),
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) await queryRunner.dropColumn(table, 'hashKeyId');
  }
}
