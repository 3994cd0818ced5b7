import { randomUUID } from 'node:crypto';
import { In, IsNull, LessThan, MoreThan, type DataSource, type EntityManager } from 'typeorm';
import { inTransaction } from '../../db/transaction';
import type { Clock } from '../../lib/clock';
import { hmacDigest, hmacDigests, randomToken, type HashKeyRing } from '../../lib/crypto';
import { SingleUseTokenRecord, type TokenPurpose } from './single-use-token.entity';

/**
 * The one pattern for single-use tokens (emailed links, the QuickBooks OAuth `state`): 256 random bits, only an
 * HMAC stored, an expiry, an atomic consume, and a purpose every lookup checks (docs/decisions/0002-single-use-tokens.md).
 * The HMAC is made with the newest MOBIUS_HASH_KEYS key; a token is found under any configured key, so a rotation
 * never voids pending tokens (docs/secrets.md).
 */

/** A purpose as its feature declares it: how long its tokens live and what they carry (`C`, stored as JSON). */
export interface TokenKind<C extends object> {
  readonly purpose: TokenPurpose;
  readonly ttlMs: number;
  /** Type only: the context of this purpose's tokens. */
  readonly context?: C;
}

export function tokenKind<C extends object>(purpose: TokenPurpose, ttlMs: number): TokenKind<C> {
  return { purpose, ttlMs };
}

/** A stored token as its purpose reads it (the digest stays inside this module). */
export interface SingleUseToken<C extends object> {
  id: string;
  purpose: TokenPurpose;
  accountId: string;
  context: C;
  expiresAt: Date;
  usedAt: Date | null;
  createdAt: Date;
}

export type InspectedToken<C extends object> =
  { state: 'live' | 'used' | 'expired'; token: SingleUseToken<C> } | { state: 'unknown'; token?: undefined };

/** Every token this service issues: 32 random bytes, base64url. Anything else is not looked up. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export class SingleUseTokens {
  constructor(
    private readonly dataSource: DataSource,
    private readonly hashKeys: HashKeyRing,
    private readonly clock: Clock,
  ) {}

  /**
   * Issues a token of `kind` to the account and returns it (the only time it exists in clear). With
   * `replaceOutstanding`, the account's earlier unused tokens of the same purpose are voided in the same
   * transaction: the caller's when `manager` is given (an email that carries the token is queued in it).
   */
  async issue<C extends object>(
    kind: TokenKind<C>,
    accountId: string,
    context: C,
    options: { replaceOutstanding?: boolean; manager?: EntityManager } = {},
  ): Promise<string> {
    const token = randomToken(32);
    const { digest, keyId } = hmacDigest(this.hashKeys, token);
    const now = this.clock.now();
    const write = async (manager: EntityManager) => {
      if (options.replaceOutstanding) {
        await manager.update(
          SingleUseTokenRecord,
          { accountId, purpose: kind.purpose, usedAt: IsNull() },
          { usedAt: now },
        );
      }
      await manager.insert(SingleUseTokenRecord, {
        id: randomUUID(),
        purpose: kind.purpose,
        accountId,
        tokenHash: digest,
        hashKeyId: keyId,
        context,
        expiresAt: this.expiryOf(kind, now),
        usedAt: null,
        createdAt: now,
      });
    };
    if (options.manager) await write(options.manager);
    else if (options.replaceOutstanding) await inTransaction(this.dataSource, write);
    else await write(this.dataSource.manager);
    return token;
  }

  /** When a token of `kind` issued at `issuedAt` expires. */
  expiryOf(kind: TokenKind<object>, issuedAt: Date = this.clock.now()): Date {
    return new Date(issuedAt.getTime() + kind.ttlMs);
  }

  /**
   * What a presented token is, without consuming it: live, used (or voided), expired, or unknown (no such
   * token of this purpose; a malformed one, and one of another purpose, included).
   */
  async inspect<C extends object>(kind: TokenKind<C>, token: string): Promise<InspectedToken<C>> {
    if (!TOKEN_SHAPE.test(token)) return { state: 'unknown' };
    const record = await this.dataSource
      .getRepository(SingleUseTokenRecord)
      .findOneBy({ tokenHash: In(this.digests(token)), purpose: kind.purpose });
    if (!record) return { state: 'unknown' };
    const found = view<C>(record);
    if (record.usedAt) return { state: 'used', token: found };
    if (record.expiresAt.getTime() <= this.clock.now().getTime()) return { state: 'expired', token: found };
    return { state: 'live', token: found };
  }

  /** The live token without consuming it (a GET of a link must not use it up), or null. */
  async peek<C extends object>(kind: TokenKind<C>, token: string): Promise<SingleUseToken<C> | null> {
    const found = await this.inspect(kind, token);
    return found.state === 'live' ? found.token : null;
  }

  /**
   * Marks the token used if, and only if, it is unused, unexpired and of this purpose: one conditional UPDATE, so
   * of N parallel uses exactly one succeeds. Returns the token as used, or null. In `manager`'s transaction when
   * given, so what the token allows commits (or not) with its use.
   */
  async consume<C extends object>(
    kind: TokenKind<C>,
    token: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<SingleUseToken<C> | null> {
    if (!TOKEN_SHAPE.test(token)) return null;
    const now = this.clock.now();
    const tokenHashes = this.digests(token);
    const result = await manager
      .createQueryBuilder()
      .update(SingleUseTokenRecord)
      .set({ usedAt: now })
      .where('tokenHash IN (:...tokenHashes) AND purpose = :purpose AND usedAt IS NULL AND expiresAt > :now', {
        tokenHashes,
        purpose: kind.purpose,
        now,
      })
      .execute();
    if (result.affected !== 1) return null;
    const record = await manager.findOneBy(SingleUseTokenRecord, {
      tokenHash: In(tokenHashes),
      purpose: kind.purpose,
    });
    return record ? view<C>(record) : null;
  }

  /** Voids the account's unused tokens of these purposes (e.g. every emailed link once a password is set). */
  async voidOutstanding(manager: EntityManager, accountId: string, kinds: ReadonlyArray<TokenKind<object>>) {
    if (kinds.length === 0) return;
    await manager.update(
      SingleUseTokenRecord,
      { accountId, purpose: In(kinds.map((k) => k.purpose)), usedAt: IsNull() },
      { usedAt: this.clock.now() },
    );
  }

  /** The account's tokens of `kind`: every one, only the live ones, or those issued after a moment. */
  async list<C extends object>(
    kind: TokenKind<C>,
    accountId: string,
    filter: { live?: boolean; createdAfter?: Date } = {},
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Array<SingleUseToken<C>>> {
    const records = await manager.findBy(SingleUseTokenRecord, {
      accountId,
      purpose: kind.purpose,
      ...(filter.live ? { usedAt: IsNull(), expiresAt: MoreThan(this.clock.now()) } : {}),
      ...(filter.createdAfter ? { createdAt: MoreThan(filter.createdAfter) } : {}),
    });
    return records.map((record) => view<C>(record));
  }

  /** How many of the account's tokens of `kind` are live (unused, unexpired). */
  countLive(kind: TokenKind<object>, accountId: string): Promise<number> {
    return this.dataSource.getRepository(SingleUseTokenRecord).countBy({
      accountId,
      purpose: kind.purpose,
      usedAt: IsNull(),
      expiresAt: MoreThan(this.clock.now()),
    });
  }

  /** Deletes the account's tokens of `kind` that expired before `before` (they can only ever be refused). */
  async purgeExpired(kind: TokenKind<object>, accountId: string, before: Date): Promise<void> {
    await this.dataSource
      .getRepository(SingleUseTokenRecord)
      .delete({ accountId, purpose: kind.purpose, expiresAt: LessThan(before) });
  }

  /** Rewrites what a token carries (e.g. a link's profile marked contested); its use and expiry stay. */
  async updateContext<C extends object>(kind: TokenKind<C>, id: string, context: C): Promise<void> {
    await this.dataSource.getRepository(SingleUseTokenRecord).update({ id, purpose: kind.purpose }, { context });
  }

  /** Every digest a presented token may be stored under (one per configured key). */
  private digests(token: string): string[] {
    return hmacDigests(this.hashKeys, token).map((d) => d.digest);
  }
}

function view<C extends object>(record: SingleUseTokenRecord): SingleUseToken<C> {
  return {
    id: record.id,
    purpose: record.purpose,
    accountId: record.accountId,
    context: record.context as C,
    expiresAt: record.expiresAt,
    usedAt: record.usedAt,
    createdAt: record.createdAt,
  };
}
