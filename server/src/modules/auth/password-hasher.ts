import bcrypt from 'bcryptjs';

/** bcrypt through bcryptjs; inputs were already limited to 72 bytes by the password policy. */
export class PasswordHasher {
  /** Compared against when the account does not exist, so both paths cost one bcrypt. */
  private readonly dummyHash: string;

  constructor(private readonly cost: number) {
    this.dummyHash = bcrypt.hashSync('mobius-timing-equaliser', cost);
  }

  hash(password: string): Promise<string> {
    return bcrypt.hash(password, this.cost);
  }

  async verify(password: string, hash: string | null | undefined): Promise<boolean> {
    // Never compare an over-long input: bcrypt would silently ignore the tail.
    if (Buffer.byteLength(password, 'utf8') > 72) {
      await bcrypt.compare('x', this.dummyHash);
      return false;
    }
    if (!hash) {
      await bcrypt.compare(password, this.dummyHash);
      return false;
    }
    return bcrypt.compare(password, hash);
  }
}
