import type { DataSource, ObjectLiteral } from 'typeorm';
import { decryptSecret, encryptSecret, sealedKeyId, type KeyRing } from '../lib/crypto';

/**
 * `npm run rotate-secrets` (docs/secrets.md): re-encrypts every sealed column under the newest
 * MOBIUS_SECRET_KEY key and reports which stored digests still depend on an older MOBIUS_HASH_KEYS key.
 * Safe while servers run: each rewrite is one UPDATE that compares the sealed value it read, never bumps a
 * version, and leaves a value that changed meanwhile to its writer (who sealed it under the newest key).
 * Idempotent: a value already under the newest key is not touched.
 */

type EntityClass = abstract new (...args: never[]) => object;

/** A feature's columns holding AES-256-GCM sealed values (declared beside its entities). */
export interface SealedColumns {
  entity: EntityClass;
  /** The table, for the report. */
  table: string;
  /** Property names (= column names) of the sealed values; null values are skipped. */
  columns: readonly string[];
  /** The additional authenticated data `row`'s `column` was sealed with. */
  context(row: { id: string; accountId: string }, column: string): string;
}

/** A feature's digests made with a MOBIUS_HASH_KEYS key, and which rows of them still matter. */
export interface HashedColumns {
  entity: EntityClass;
  table: string;
  /** The property holding the key id (null: the legacy key). */
  keyIdColumn: string;
  /** SQL condition (alias `t`, parameter `:now`) of the rows still in use, e.g. unrevoked tokens. */
  live: string;
  /** What happens to rows under an older key, for the report. */
  note: string;
}

export interface RotationReport {
  keyId: string;
  tables: Array<{ table: string; reencrypted: number; current: number }>;
  /** Values that could not be rewritten: unreadable with the configured keys, or changing too often. */
  problems: Array<{ table: string; id: string; column: string; problem: string }>;
  /** Live digests under a key other than the newest hash key. */
  olderHashKeys: Array<{ table: string; keyId: string; rows: number; note: string }>;
}

const BATCH = 200;
const ATTEMPTS = 3;

export async function rotateSecrets(options: {
  dataSource: DataSource;
  encryptionKeys: KeyRing;
  hashKeyIds: readonly string[];
  sealed: readonly SealedColumns[];
  hashed: readonly HashedColumns[];
  now: Date;
}): Promise<RotationReport> {
  const newest = options.encryptionKeys.keys[0];
  if (!newest) throw new Error('No encryption key configured');
  const report: RotationReport = { keyId: newest.id, tables: [], problems: [], olderHashKeys: [] };
  for (const spec of options.sealed) {
    report.tables.push(await rotateTable(options.dataSource, options.encryptionKeys, spec, report.problems));
  }
  for (const spec of options.hashed) {
    const rows = await options.dataSource
      .getRepository(spec.entity)
      .createQueryBuilder('t')
      .select(`t.${spec.keyIdColumn}`, 'keyId')
      .addSelect('COUNT(*)', 'rows')
      .where(spec.live, { now: options.now })
      .groupBy(`t.${spec.keyIdColumn}`)
      .getRawMany<{ keyId: string | null; rows: number | string }>();
    for (const row of rows) {
      const keyId = row.keyId ?? 'legacy';
      if (keyId === options.hashKeyIds[0]) continue;
      report.olderHashKeys.push({ table: spec.table, keyId, rows: Number(row.rows), note: spec.note });
    }
  }
  return report;
}

async function rotateTable(
  dataSource: DataSource,
  ring: KeyRing,
  spec: SealedColumns,
  problems: RotationReport['problems'],
): Promise<RotationReport['tables'][number]> {
  const repository = dataSource.getRepository(spec.entity);
  const counts = { table: spec.table, reencrypted: 0, current: 0 };
  let after = '';
  for (;;) {
    const rows = (await repository
      .createQueryBuilder('t')
      .select(['t.id', 't.accountId', ...spec.columns.map((column) => `t.${column}`)])
      .where('t.id > :after', { after })
      .orderBy('t.id', 'ASC')
      .take(BATCH)
      .getMany()) as SealedRow[];
    if (rows.length === 0) return counts;
    after = rows[rows.length - 1].id;
    for (const row of rows) {
      for (const column of spec.columns) {
        const outcome = await reencryptColumn(dataSource, ring, spec, row, column);
        if (outcome === 'reencrypted' || outcome === 'current') counts[outcome] += 1;
        else if (outcome !== 'empty')
          problems.push({ table: spec.table, id: row.id, column, problem: outcome.problem });
      }
    }
  }
}

type SealedRow = ObjectLiteral & { id: string; accountId: string };

/**
 * Re-encrypts one sealed value of `row` (as it was read) under the newest key: one UPDATE that matches only
 * while the stored value is still the one read. When another writer changed it meanwhile, the row is read
 * again: a value that writer sealed under the newest key is left as it is.
 */
export async function reencryptColumn(
  dataSource: DataSource,
  ring: KeyRing,
  spec: SealedColumns,
  row: SealedRow,
  column: string,
): Promise<'reencrypted' | 'current' | 'empty' | { problem: string }> {
  const repository = dataSource.getRepository(spec.entity);
  const newestId = ring.keys[0].id;
  let sealed = (row[column] as string | null) ?? null;
  for (let attempt = 1; sealed !== null; attempt += 1) {
    if (sealedKeyId(sealed) === newestId) return 'current';
    if (attempt > ATTEMPTS) return { problem: 'it kept changing; run the command again' };
    const context = spec.context(row, column);
    let resealed: string;
    try {
      resealed = encryptSecret(ring, decryptSecret(ring, sealed, context), context);
    } catch (error) {
      return { problem: (error as Error).message };
    }
    const result = await repository
      .createQueryBuilder()
      .update()
      .set({ [column]: resealed })
      .where({ id: row.id, [column]: sealed })
      .execute();
    if (result.affected === 1) return 'reencrypted';
    // Someone wrote this value meanwhile (a refresh, a save): look again.
    const current = (await repository.findOne({ where: { id: row.id } })) as ObjectLiteral | null;
    sealed = current ? ((current[column] as string | null) ?? null) : null;
  }
  return 'empty';
}
