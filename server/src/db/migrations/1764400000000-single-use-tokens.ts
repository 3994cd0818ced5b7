import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dateColumn, idColumn } from './helpers';

/**
 * One table for single-use tokens of every purpose (docs/decisions/0002-single-use-tokens.md), replacing
 * `email_tokens` and `quickbooks_oauth_states`.
 *
 * Emailed links are copied over, used and unused alike (the profile rule of docs/accounts.md §2 reads recent used
 * links too): their digests were made the way the new table's are, so a link emailed before the upgrade keeps
 * working. QuickBooks OAuth states are not copied: their digests were made under a key of their own, and a state
 * lives ten minutes anyway. Someone whose "Connect to QuickBooks" was under way as the upgrade ran lands on the
 * dashboard with INVALID_STATE and clicks Connect again.
 */
export class SingleUseTokens1764400000000 implements MigrationInterface {
  name = 'SingleUseTokens1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'single_use_tokens',
        columns: [
          idColumn('id', { isPrimary: true }),
          { name: 'purpose', type: 'varchar', length: '32' },
          idColumn('accountId'),
          { name: 'tokenHash', type: 'varchar', length: '64' },
          { name: 'hashKeyId', type: 'varchar', length: '16', isNullable: true },
          { name: 'context', type: 'text' },
          dateColumn('expiresAt'),
          dateColumn('usedAt', { isNullable: true }),
          dateColumn('createdAt'),
        ],
        indices: [
          new TableIndex({ name: 'IDX_single_use_tokens_hash', columnNames: ['tokenHash'], isUnique: true }),
          new TableIndex({ name: 'IDX_single_use_tokens_account_purpose', columnNames: ['accountId', 'purpose'] }),
        ],
        foreignKeys: [accountForeignKey('FK_single_use_tokens_account')],
      }),
    );
    await queryRunner.query(
      'INSERT INTO single_use_tokens (id, purpose, accountId, tokenHash, hashKeyId, context, expiresAt, usedAt, createdAt) ' +
        "SELECT id, CASE purpose WHEN 'verify' THEN 'EMAIL_VERIFICATION' ELSE 'PASSWORD_RESET' END, accountId, " +
        "tokenHash, hashKeyId, '{}', expiresAt, usedAt, createdAt FROM email_tokens",
    );
    // The context is JSON written here rather than in SQL: SQLite, MySQL and MariaDB build JSON differently.
    const links = 'SELECT id, email, name, companyName, profileContested FROM email_tokens';
    await eachRow<LinkRow>(queryRunner, links, '1 = 1', (row) =>
      queryRunner.query('UPDATE single_use_tokens SET context = ? WHERE id = ?', [
        JSON.stringify({
          email: row.email,
          name: row.name,
          companyName: row.companyName,
          profileContested: Boolean(Number(row.profileContested)),
        }),
        row.id,
      ]),
    );
    await queryRunner.dropTable('quickbooks_oauth_states');
    await queryRunner.dropTable('email_tokens');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'email_tokens',
        columns: [
          idColumn('id', { isPrimary: true }),
          idColumn('accountId'),
          { name: 'purpose', type: 'varchar', length: '16' },
          { name: 'tokenHash', type: 'varchar', length: '64' },
          { name: 'email', type: 'varchar', length: '254' },
          dateColumn('expiresAt'),
          dateColumn('usedAt', { isNullable: true }),
          dateColumn('createdAt'),
          { name: 'name', type: 'varchar', length: '100', isNullable: true },
          { name: 'companyName', type: 'varchar', length: '100', isNullable: true },
          { name: 'profileContested', type: 'boolean', default: 0 },
          { name: 'hashKeyId', type: 'varchar', length: '16', isNullable: true },
        ],
        indices: [
          new TableIndex({ name: 'IDX_email_tokens_account', columnNames: ['accountId'] }),
          new TableIndex({ name: 'IDX_email_tokens_hash', columnNames: ['tokenHash'], isUnique: true }),
        ],
        foreignKeys: [accountForeignKey('FK_email_tokens_account')],
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
    // Emailed links go back (pending QuickBooks flows are dropped again, as on the way up).
    await queryRunner.query(
      'INSERT INTO email_tokens (id, accountId, purpose, tokenHash, hashKeyId, email, expiresAt, usedAt, createdAt) ' +
        "SELECT id, accountId, CASE purpose WHEN 'EMAIL_VERIFICATION' THEN 'verify' ELSE 'reset' END, tokenHash, " +
        "hashKeyId, '', expiresAt, usedAt, createdAt FROM single_use_tokens " +
        "WHERE purpose IN ('EMAIL_VERIFICATION', 'PASSWORD_RESET')",
    );
    await eachRow<{ id: string; context: string }>(
      queryRunner,
      'SELECT id, context FROM single_use_tokens',
      "purpose IN ('EMAIL_VERIFICATION', 'PASSWORD_RESET')",
      (row) => {
        const link = JSON.parse(row.context) as Partial<Omit<LinkRow, 'id'>>;
        return queryRunner.query(
          'UPDATE email_tokens SET email = ?, name = ?, companyName = ?, profileContested = ? WHERE id = ?',
          [link.email ?? '', link.name ?? null, link.companyName ?? null, link.profileContested ? 1 : 0, row.id],
        );
      },
    );
    await queryRunner.dropTable('single_use_tokens');
  }
}

interface LinkRow {
  id: string;
  email: string;
  name: string | null;
  companyName: string | null;
  profileContested: boolean | number | string;
}

const BATCH = 500;

/** Runs `work` on every row of `select` (`SELECT … FROM table`) matching `condition`, in batches ordered by id. */
async function eachRow<R extends { id: string }>(
  queryRunner: QueryRunner,
  select: string,
  condition: string,
  work: (row: R) => Promise<unknown>,
): Promise<void> {
  const batch = `${select} WHERE ${condition} AND id > ? ORDER BY id LIMIT ${BATCH}`;
  let after = '';
  for (;;) {
    const rows = (await queryRunner.query(batch, [after])) as R[];
    for (const row of rows) await work(row);
    if (rows.length < BATCH) return;
    after = rows[rows.length - 1].id;
  }
}

function accountForeignKey(name: string) {
  return {
    name,
    columnNames: ['accountId'],
    referencedTableName: 'accounts',
    referencedColumnNames: ['id'],
    onDelete: 'CASCADE',
    onUpdate: 'NO ACTION',
  };
}
