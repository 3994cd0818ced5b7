import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * The name and company typed at sign-up travel with the verification link and reach the account only
 * when it is verified (docs/accounts.md §2). Unverified accounts hand theirs to their live links.
 */
export class SignupProfiles1764220000000 implements MigrationInterface {
  name = 'SignupProfiles1764220000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumns('email_tokens', [
      new TableColumn({ name: 'name', type: 'varchar', length: '100', isNullable: true }),
      new TableColumn({ name: 'companyName', type: 'varchar', length: '100', isNullable: true }),
      new TableColumn({ name: 'profileContested', type: 'boolean', default: 0 }),
    ]);
    await queryRunner.query(
      'UPDATE email_tokens SET ' +
        'name = (SELECT a.name FROM accounts a WHERE a.id = email_tokens.accountId), ' +
        'companyName = (SELECT a.companyName FROM accounts a WHERE a.id = email_tokens.accountId) ' +
        "WHERE purpose = 'verify' AND usedAt IS NULL",
    );
    await queryRunner.query('UPDATE accounts SET name = NULL, companyName = NULL WHERE emailVerifiedAt IS NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'UPDATE accounts SET ' +
        "name = (SELECT MAX(t.name) FROM email_tokens t WHERE t.accountId = accounts.id AND t.purpose = 'verify' AND t.usedAt IS NULL), " +
        "companyName = (SELECT MAX(t.companyName) FROM email_tokens t WHERE t.accountId = accounts.id AND t.purpose = 'verify' AND t.usedAt IS NULL) " +
        'WHERE emailVerifiedAt IS NULL',
    );
    await queryRunner.dropColumn('email_tokens', 'profileContested');
    await queryRunner.dropColumn('email_tokens', 'companyName');
    await queryRunner.dropColumn('email_tokens', 'name');
  }
}
