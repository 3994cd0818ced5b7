import { spawn } from 'node:child_process';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '../support/databases';
import { ensureBuilt, SERVER_DIR } from '../support/server-process';

/**
 * SQLite shared by several processes (docs/decisions/0001-job-queue-with-two-drivers.md): a transaction
 * that reads before it writes must wait for another process's writer, never fail with "database is
 * locked", and never lose the other's write.
 */
const BUMPER = `
const { openDatabase } = require(${JSON.stringify(path.join(SERVER_DIR, 'dist/db/data-source.js'))});
const { inTransaction } = require(${JSON.stringify(path.join(SERVER_DIR, 'dist/db/transaction.js'))});
(async () => {
  const dataSource = await openDatabase(process.env.DATABASE_URL);
  const bump = () => inTransaction(dataSource, async (manager) => {
    const [row] = await manager.query('SELECT n FROM counter_probe WHERE id = 1');
    await new Promise((resolve) => setTimeout(resolve, 10));
    await manager.query('UPDATE counter_probe SET n = ? WHERE id = 1', [Number(row.n) + 1]);
  });
  await Promise.all(Array.from({ length: 10 }, bump));
  await dataSource.destroy();
})().catch((error) => { console.error(error.message); process.exit(1); });
`;

function runBumper(databaseUrl: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', `require('reflect-metadata');${BUMPER}`], {
      cwd: SERVER_DIR,
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: databaseUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('exit', (code) => resolve({ code, output }));
  });
}

describe('inTransaction on one SQLite file from two processes', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    ensureBuilt();
    db = await createTestDatabase('sqlite');
    await db.dataSource.query('CREATE TABLE counter_probe (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)');
    await db.dataSource.query('INSERT INTO counter_probe (id, n) VALUES (1, 0)');
  });
  afterAll(async () => {
    await db?.destroy();
  });

  it('serialises their read-then-write transactions without "database is locked" or a lost update', async () => {
    const results = await Promise.all([runBumper(db.url), runBumper(db.url)]);
    expect(results.map((result) => result.output.trim())).toEqual(['', '']);
    expect(results.map((result) => result.code)).toEqual([0, 0]);
    const [row] = await db.dataSource.query<Array<{ n: number }>>('SELECT n FROM counter_probe WHERE id = 1');
    expect(Number(row?.n)).toBe(20);
  });
});
