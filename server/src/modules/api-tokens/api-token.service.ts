import { randomUUID } from 'node:crypto';
import { IsNull, type DataSource, type Repository } from 'typeorm';
import type { Clock } from '../../lib/clock';
import { hmacDigest, hmacDigests, randomToken, type HashKeyRing } from '../../lib/crypto';
import { badInput, DomainError, ErrorCode } from '../../lib/errors';
import type { Logger } from '../../lib/logger';
import { ACCOUNT_PROPERTIES, AccountReads, type Account } from '../account';
import { LeanTable } from '../../db/lean-table';
import { parseName } from '../../lib/names';
import { ApiToken } from './api-token.entity';

/**
 * Named, revocable, read-only API tokens for partner tooling (docs/product.md §7): `mob_` + 256 random bits,
 * shown once; only an HMAC is stored, made with the newest MOBIUS_HASH_KEYS key. A token is found under
 * any configured key and re-hashed under the newest one when used, so rotating the key never breaks a
 * token (docs/secrets.md). The GraphQL layer gives them the `api-token` principal, which may run queries only.
 */

export const API_TOKEN_PREFIX = 'mob_';
const TOKEN_SHAPE = /^mob_[A-Za-z0-9_-]{43}$/;
const MAX_ACTIVE_TOKENS = 25;
const LAST_USED_RESOLUTION_MS = 60_000;
const ID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function looksLikeApiToken(value: string): boolean {
  return value.startsWith(API_TOKEN_PREFIX);
}

const TOKEN_PROPERTIES = ['id', 'tokenHash', 'lastUsedAt', 'revokedAt'] as const satisfies ReadonlyArray<
  keyof ApiToken
>;

export class ApiTokenService {
  private readonly tokens: Repository<ApiToken>;
  private readonly tokenTable: LeanTable<ApiToken>;
  private readonly readToken: (row: Record<string, unknown>) => ApiToken;
  private readonly accounts: AccountReads;
  /** The token-and-account lookup of every API request, by how many key digests it looks for. */
  private readonly lookupSql = new Map<number, string>();

  constructor(private readonly deps: { dataSource: DataSource; clock: Clock; hashKeys: HashKeyRing; logger: Logger }) {
    this.tokens = deps.dataSource.getRepository(ApiToken);
    this.tokenTable = new LeanTable(deps.dataSource, ApiToken);
    this.readToken = this.tokenTable.reader(TOKEN_PROPERTIES, 't');
    this.accounts = new AccountReads(deps.dataSource);
  }

  async create(accountId: string, rawName: string): Promise<{ token: string; apiToken: ApiToken }> {
    const { name } = parseName(rawName, 'The token name');
    const active = await this.tokens.countBy({ accountId, revokedAt: IsNull() });
    if (active >= MAX_ACTIVE_TOKENS) {
      throw badInput('name', `An account can have at most ${MAX_ACTIVE_TOKENS} active API tokens: revoke one first.`);
    }
    const token = `${API_TOKEN_PREFIX}${randomToken(32)}`;
    const { digest, keyId } = hmacDigest(this.deps.hashKeys, this.message(token));
    const apiToken: ApiToken = {
      id: randomUUID(),
      accountId,
      name,
      tokenHash: digest,
      hashKeyId: keyId,
      tokenHint: `${API_TOKEN_PREFIX}…${token.slice(-4)}`,
      createdAt: this.deps.clock.now(),
      lastUsedAt: null,
      revokedAt: null,
    };
    await this.tokens.insert(apiToken);
    this.deps.logger.info({ event: 'api_token.created', accountId, apiTokenId: apiToken.id }, 'API token created');
    return { token, apiToken };
  }

  list(accountId: string): Promise<ApiToken[]> {
    return this.tokens.find({ where: { accountId }, order: { createdAt: 'DESC' }, take: 200 });
  }

  /** Idempotent; another account's id reads as unknown. */
  async revoke(accountId: string, id: string): Promise<ApiToken> {
    const token = ID_SHAPE.test(id) ? await this.tokens.findOneBy({ id, accountId }) : null;
    if (!token)
      throw new DomainError(ErrorCode.NOT_FOUND, 'There is no such API token in your account.', { field: 'id' });
    if (!token.revokedAt) {
      token.revokedAt = this.deps.clock.now();
      await this.tokens.update({ id: token.id, accountId, revokedAt: IsNull() }, { revokedAt: token.revokedAt });
      this.deps.logger.info({ event: 'api_token.revoked', accountId, apiTokenId: token.id }, 'API token revoked');
    }
    return token;
  }

  /** The account behind a live API token, or null (unknown, revoked, or an unverified account). */
  async authenticate(token: string): Promise<Account | null> {
    if (!TOKEN_SHAPE.test(token)) return null;
    const digests = hmacDigests(this.deps.hashKeys, this.message(token));
    const found = await this.tokenWithAccount(digests.map((d) => d.digest));
    if (!found) return null;
    const { token: row, account } = found;
    if (row.revokedAt) return null;
    const newest = digests[0];
    if (newest && row.tokenHash !== newest.digest) {
      // Hashed under an older key: move it to the newest, so the older key can be retired.
      await this.tokens.update(
        { id: row.id, tokenHash: row.tokenHash },
        { tokenHash: newest.digest, hashKeyId: newest.keyId },
      );
    }
    if (!account.emailVerifiedAt) return null;
    const now = this.deps.clock.now();
    if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
      // At most one write a minute per token, whatever the request rate.
      await this.tokens
        .createQueryBuilder()
        .update(ApiToken)
        .set({ lastUsedAt: now })
        .where('id = :id AND (lastUsedAt IS NULL OR lastUsedAt <= :before)', {
          id: row.id,
          before: new Date(now.getTime() - LAST_USED_RESOLUTION_MS),
        })
        .execute();
    }
    return account;
  }

  /** One indexed read per API request: the token by its digest, joined to its account (docs/performance.md §3). */
  private async tokenWithAccount(digests: string[]): Promise<{ token: ApiToken; account: Account } | null> {
    let sql = this.lookupSql.get(digests.length);
    if (!sql) {
      const t = this.tokenTable;
      const a = this.accounts.table;
      sql =
        `SELECT ${t.select(TOKEN_PROPERTIES, 't')}, ${a.select(ACCOUNT_PROPERTIES, 'a')} ` +
        `FROM ${t.table} t INNER JOIN ${a.table} a ON ${a.column('id', 'a')} = ${t.column('accountId', 't')} ` +
        `WHERE ${t.column('tokenHash', 't')} IN (${digests.map(() => '?').join(', ')})`;
      this.lookupSql.set(digests.length, sql);
    }
    const [row] = await this.deps.dataSource.query<Record<string, unknown>[]>(sql, digests);
    if (!row) return null;
    return {
      token: this.readToken(row),
      account: this.accounts.read(row),
    };
  }

  /** What is HMACed: the token under this purpose's label. */
  private message(token: string): string {
    return `api-token|${token}`;
  }
}
