import { domainToASCII } from 'node:url';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Email addresses are now stored with their domain in ASCII (IDNA) form and their local part in NFC
 * (docs/accounts.md §4). Rewrites the stored ones that differ, with their live links' addresses, unless
 * the rewritten address already has an account (then both rows stay for an operator to merge).
 */
export class AsciiEmailDomains1764220000001 implements MigrationInterface {
  name = 'AsciiEmailDomains1764220000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const rows = (await queryRunner.query('SELECT id, email FROM accounts')) as Array<{ id: string; email: string }>;
    const taken = new Set(rows.map((r) => r.email));
    for (const { id, email } of rows) {
      const at = email.lastIndexOf('@');
      const ascii = domainToASCII(email.slice(at + 1));
      if (at < 0 || ascii === '') continue;
      const normalised = `${email.slice(0, at).normalize('NFC')}@${ascii}`;
      if (normalised === email || taken.has(normalised)) continue;
      await queryRunner.query('UPDATE accounts SET email = ? WHERE id = ?', [normalised, id]);
      await queryRunner.query('UPDATE email_tokens SET email = ? WHERE accountId = ? AND email = ?', [
        normalised,
        id,
        email,
      ]);
      taken.add(normalised);
    }
  }

  /** The Unicode forms are not kept; the ASCII ones are the same addresses. */
  async down(): Promise<void> {}
}
