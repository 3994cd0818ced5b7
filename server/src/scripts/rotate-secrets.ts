import 'reflect-metadata';
import { LEGACY_HASH_KEY_ID, loadConfigOrExit } from '../config';
import { openDatabase } from '../db/data-source';
import { rotateSecrets, type RotationReport } from '../db/secret-rotation';
import { features } from '../modules';

/**
 * `npm run rotate-secrets`: re-encrypts every stored secret under the newest MOBIUS_SECRET_KEY key and says
 * which older keys are still needed (docs/secrets.md). Safe to run while servers run, and again at any time.
 * Exit code 0 when every secret is under the newest key, 1 otherwise. Prints no secret.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const dataSource = await openDatabase(config.databaseUrl);
  try {
    const report = await rotateSecrets({
      dataSource,
      encryptionKeys: { keys: config.encryptionKeys },
      hashKeyIds: config.hashKeys.map((key) => key.id),
      sealed: features.flatMap((feature) => feature.sealedColumns ?? []),
      hashed: features.flatMap((feature) => feature.hashedColumns ?? []),
      now: new Date(),
    });
    print(report, config.encryptionKeys.length, new Set(config.hashKeys.map((key) => key.id)));
    process.exitCode = report.problems.length === 0 ? 0 : 1;
  } finally {
    await dataSource.destroy();
  }
}

function print(report: RotationReport, encryptionKeyCount: number, hashKeyIds: Set<string>): void {
  const reencrypted = report.tables.reduce((sum, t) => sum + t.reencrypted, 0);
  console.log(`Stored secrets, under MOBIUS_SECRET_KEY key ${report.keyId}:`);
  for (const table of report.tables) {
    console.log(`  ${table.table}: ${table.reencrypted} re-encrypted, ${table.current} already under it`);
  }
  for (const problem of report.problems) {
    console.log(`  NOT re-encrypted: ${problem.table} ${problem.id} ${problem.column}: ${problem.problem}`);
  }
  if (report.problems.length > 0) {
    console.log('Keep every older MOBIUS_SECRET_KEY key until these are fixed (or entered again by their owners).');
  } else if (encryptionKeyCount > 1) {
    console.log(
      `Every secret is under ${report.keyId}${reencrypted ? '' : ' already'}: the older MOBIUS_SECRET_KEY keys can go.`,
    );
  } else {
    console.log(`Every secret is under ${report.keyId}.`);
  }
  if (report.olderHashKeys.length === 0) {
    console.log('Every live token digest is under the newest MOBIUS_HASH_KEYS key: the older ones can go.');
    return;
  }
  console.log('Live token digests under an older MOBIUS_HASH_KEYS key (keep that key while they matter):');
  for (const older of report.olderHashKeys) {
    const configured =
      older.keyId === LEGACY_HASH_KEY_ID
        ? `${older.note}; made before MOBIUS_HASH_KEYS, they work only while JWT_SECRET is unchanged`
        : hashKeyIds.has(older.keyId)
          ? older.note
          : 'that key is not configured: these no longer work';
    console.log(`  ${older.table}: ${older.rows} under ${older.keyId} (${configured})`);
  }
}

main().catch((error: unknown) => {
  console.error('rotate-secrets failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
