import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import bcrypt from 'bcryptjs';
import { DomainError } from '../../lib/errors';
import { HashPool } from './hash-pool';
import { PasswordHasher } from './password-hasher';

describe('HashPool', () => {
  let pool: HashPool;
  beforeEach(() => {
    pool = new HashPool({ threads: 1, maxWaiting: 2 });
  });
  afterEach(async () => {
    await pool.close();
  });

  it('hashes and compares in a worker thread', async () => {
    const hash = await pool.hash('Correct horse battery staple', 12);
    expect(bcrypt.getRounds(hash)).toBe(12);
    await expect(pool.compare('Correct horse battery staple', hash)).resolves.toBe(true);
    await expect(pool.compare('Correct horse battery stapl', hash)).resolves.toBe(false);
  });

  it('lets threads + maxWaiting hashes in and refuses the next at once with RATE_LIMITED and a retry-after', async () => {
    const hash = bcrypt.hashSync('x', 4);
    const accepted = [pool.compare('a', hash), pool.compare('b', hash), pool.compare('c', hash)];
    expect(pool.pending).toBe(3);
    const refused = await pool.compare('d', hash).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({
      code: 'RATE_LIMITED',
      message: 'Mobius is checking many passwords right now. Please try again in a few seconds.',
      extensions: { retryAfterSeconds: expect.any(Number) },
    });
    await expect(Promise.all(accepted)).resolves.toEqual([false, false, false]);
    // Room again once they are done.
    expect(pool.pending).toBe(0);
    await expect(pool.compare('x', hash)).resolves.toBe(true);
  });

  it('compares an unknown account against a hash of the configured cost (timing equaliser)', async () => {
    const hasher = new PasswordHasher(pool, 12);
    const compare = jest.spyOn(pool, 'compare');
    await expect(hasher.verify('Some password 123', null)).resolves.toBe(false);
    await expect(hasher.verify('x'.repeat(73), '$2b$12$abcdefghijklmnopqrstuv')).resolves.toBe(false);
    for (const [, against] of compare.mock.calls) expect(bcrypt.getRounds(against)).toBe(12);
    expect(compare).toHaveBeenCalledTimes(2);
  });

  it('survives a thread that cannot start: the hash fails, the process goes on and the error is reported', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mobius-hash-'));
    const broken = path.join(dir, 'broken.worker.mjs');
    fs.writeFileSync(broken, 'throw new Error("cannot load bcrypt");\n');
    const reported: unknown[] = [];
    const failing = new HashPool({
      threads: 1,
      maxWaiting: 1,
      workerFile: broken,
      onThreadError: (e) => reported.push(e),
    });
    try {
      await expect(failing.compare('a', bcrypt.hashSync('a', 4))).rejects.toThrow('cannot load bcrypt');
      expect(failing.pending).toBe(0);
      expect(reported).toEqual([expect.objectContaining({ message: 'cannot load bcrypt' })]);
      // The pool still answers afterwards (with the same failure), rather than taking the server down.
      await expect(failing.compare('a', bcrypt.hashSync('a', 4))).rejects.toThrow('cannot load bcrypt');
    } finally {
      await failing.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
