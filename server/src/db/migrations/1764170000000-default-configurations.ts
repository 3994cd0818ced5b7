import { randomUUID } from 'node:crypto';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { utcDatetime } from './helpers';

/**
 * The Default QuickBooks configuration is now created when an account is verified, no longer on the
 * first read: verified accounts that never listed their configurations get theirs here.
 */
export class DefaultConfigurations1764170000000 implements MigrationInterface {
  name = 'DefaultConfigurations1764170000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const accounts = (await queryRunner.query(
      'SELECT a.id FROM accounts a WHERE a.emailVerifiedAt IS NOT NULL AND NOT EXISTS ' +
        '(SELECT 1 FROM quickbooks_configurations c WHERE c.accountId = a.id AND (c.isDefault = 1 OR c.nameKey = ?))',
      ['default'],
    )) as Array<{ id: string }>;
    const now = utcDatetime(new Date());
    for (const { id } of accounts) {
      await queryRunner.query(
        'INSERT INTO quickbooks_configurations (id, accountId, name, nameKey, isDefault, state, tokenVersion, createdAt, updatedAt) ' +
          'VALUES (?, ?, ?, ?, 1, ?, 0, ?, ?)',
        [randomUUID(), id, 'Default', 'default', 'NOT_CONNECTED', now, now],
      );
    }
  }

  /** Data only, and the rows it added cannot be told from those created at verification: nothing to undo. */
  async down(): Promise<void> {}
}
