import bcrypt from 'bcryptjs';
import { randomInt } from 'node:crypto';
import type { HashPool } from './hash-pool';

const BCRYPT_ALPHABET = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A well-formed bcrypt hash of nothing at the given cost: comparing against it costs exactly what
 * comparing against a real hash costs, without spending a hash at start.
 */
function timingEqualiser(cost: number): string {
  const digest = Array.from({ length: 31 }, () => BCRYPT_ALPHABET[randomInt(BCRYPT_ALPHABET.length)]).join('');
  return `${bcrypt.genSaltSync(cost)}${digest}`;
}

/** bcrypt in the hashing pool; inputs were already limited to 72 bytes by the password policy. */
export class PasswordHasher {
  /** Compared against when the account does not exist, so both paths cost one bcrypt. */
  private readonly dummyHash: string;

  constructor(
    private readonly pool: HashPool,
    private readonly cost: number,
  ) {
    this.dummyHash = timingEqualiser(cost);
  }

  hash(password: string): Promise<string> {
    return this.pool.hash(password, this.cost);
  }

  async verify(password: string, hash: string | null | undefined): Promise<boolean> {
    // Never compare an over-long input: bcrypt would silently ignore the tail.
    if (Buffer.byteLength(password, 'utf8') > 72) {
      await this.pool.compare('x', this.dummyHash);
      return false;
    }
    if (!hash) {
      await this.pool.compare(password, this.dummyHash);
      return false;
    }
    return this.pool.compare(password, hash);
  }
}
