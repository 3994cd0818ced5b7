import { randomUUID } from 'node:crypto';
import { In, IsNull, type DataSource, type EntityManager } from 'typeorm';
import { inTransaction } from '../../db/transaction';
import type { Clock } from '../../lib/clock';
import { hmacDigest, hmacDigests, randomToken, type HashKeyRing } from '../../lib/crypto';
import { EmailToken, type EmailTokenPurpose } from './email-token.entity';

/**
 * The one pattern for single-use link tokens: 256 random bits, only an HMAC stored, expiry, atomic consume.
 * The HMAC is made with the newest MOBIUS_HASH_KEYS key; a link is found under any configured key, so a
 * rotation never voids pending links (docs/secrets.md).
 */

export const TOKEN_TTL_MS: Record<EmailTokenPurpose, number> = {
  verify: 24 * 60 * 60 * 1000,
  reset: 60 * 60 * 1000,
};

export type InspectedToken =
  { state: 'live' | 'used' | 'expired'; row: EmailToken } | { state: 'unknown'; row?: undefined };

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export class EmailTokenService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly hashKeys: HashKeyRing,
    private readonly clock: Clock,
  ) {}

  /** Every digest a presented token may be stored under. */
  private digests(token: string): string[] {
    return hmacDigests(this.hashKeys, token).map((d) => d.digest);
  }

  /**
   * Issues a new token and voids the account's earlier unused tokens of the same purpose, in the caller's
   * transaction when one is given (the email that carries it is queued in the same one). A verification
   * link carries the profile typed at its sign-up (docs/accounts.md §2).
   */
  async issue(
    accountId: string,
    email: string,
    purpose: EmailTokenPurpose,
    profile: { name: string | null; companyName: string | null } = { name: null, companyName: null },
    manager?: EntityManager,
  ): Promise<string> {
    const token = randomToken(32);
    const { digest, keyId } = hmacDigest(this.hashKeys, token);
    const now = this.clock.now();
    const write = async (tx: EntityManager) => {
      await tx.update(EmailToken, { accountId, purpose, usedAt: IsNull() }, { usedAt: now });
      await tx.insert(EmailToken, {
        id: randomUUID(),
        accountId,
        purpose,
        tokenHash: digest,
        hashKeyId: keyId,
        email,
        name: profile.name,
        companyName: profile.companyName,
        profileContested: false,
        expiresAt: this.expiryOf(purpose, now),
        usedAt: null,
        createdAt: now,
      });
    };
    if (manager) await write(manager);
    else await inTransaction(this.dataSource, write);
    return token;
  }

  /** When a token of this purpose issued at `issuedAt` expires. */
  expiryOf(purpose: EmailTokenPurpose, issuedAt: Date = this.clock.now()): Date {
    return new Date(issuedAt.getTime() + TOKEN_TTL_MS[purpose]);
  }

  /** The live token row without consuming it (a GET of the link must not use it up). */
  async peek(token: string, purpose: EmailTokenPurpose): Promise<EmailToken | null> {
    const found = await this.inspect(token, purpose);
    return found.state === 'live' ? found.row : null;
  }

  /**
   * What a presented token is, without consuming it: live, used (or voided by a newer link or a password set),
   * expired, or unknown (no such token of this purpose; a malformed one included).
   */
  async inspect(token: string, purpose: EmailTokenPurpose): Promise<InspectedToken> {
    if (!TOKEN_SHAPE.test(token)) return { state: 'unknown' };
    const row = await this.dataSource
      .getRepository(EmailToken)
      .findOneBy({ tokenHash: In(this.digests(token)), purpose });
    if (!row) return { state: 'unknown' };
    if (row.usedAt) return { state: 'used', row };
    if (row.expiresAt.getTime() <= this.clock.now().getTime()) return { state: 'expired', row };
    return { state: 'live', row };
  }

  /**
   * Marks the token used if, and only if, it is unused, unexpired and of this purpose: one UPDATE,
   * so of N parallel uses exactly one succeeds. Returns the token row, or null.
   */
  async consume(manager: EntityManager, token: string, purpose: EmailTokenPurpose): Promise<EmailToken | null> {
    if (!TOKEN_SHAPE.test(token)) return null;
    const now = this.clock.now();
    const tokenHashes = this.digests(token);
    const result = await manager
      .createQueryBuilder()
      .update(EmailToken)
      .set({ usedAt: now })
      .where('tokenHash IN (:...tokenHashes) AND purpose = :purpose AND usedAt IS NULL AND expiresAt > :now', {
        tokenHashes,
        purpose,
        now,
      })
      .execute();
    if (result.affected !== 1) return null;
    return manager.findOneBy(EmailToken, { tokenHash: In(tokenHashes) });
  }

  /** Voids every other outstanding link of the account (after a password is set). */
  async voidOutstanding(manager: EntityManager, accountId: string): Promise<void> {
    await manager.update(EmailToken, { accountId, usedAt: IsNull() }, { usedAt: this.clock.now() });
  }
}
