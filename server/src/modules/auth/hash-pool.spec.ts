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
});
