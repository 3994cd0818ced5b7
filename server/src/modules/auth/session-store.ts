import { randomUUID } from 'node:crypto';
import { Brackets, type DataSource, type EntityManager, IsNull, type Repository } from 'typeorm';
import { LeanTable } from '../../db/lean-table';
import type { Clock } from '../../lib/clock';
import { ACCOUNT_PROPERTIES, AccountReads, type Account } from '../account';
import { IP_LENGTH, SessionRecord, USER_AGENT_LENGTH } from './session.entity';

/** `lastSeenAt` is written at most once per this interval per session, whatever the request rate. */
export const SESSION_SEEN_RESOLUTION_MS = 5 * 60_000;
/** The most sessions the Settings page lists (the most recently seen first). */
export const MAX_LISTED_SESSIONS = 100;

const SESSION_PROPERTIES = [
  'id',
  'accountId',
  'tokenVersion',
  'lastSeenAt',
  'expiresAt',
  'revokedAt',
] as const satisfies ReadonlyArray<keyof SessionRecord>;

const ID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface SessionOrigin {
  ip: string;
  userAgent?: string | null;
}

/**
 * The rows behind session JWTs (session.entity.ts). The read of every signed-in request is one indexed query:
 * the session by its primary key joined to its account (docs/performance.md §3).
 */
export class SessionStore {
  private readonly sessions: Repository<SessionRecord>;
  private readonly table: LeanTable<SessionRecord>;
  private readonly readSession: (row: Record<string, unknown>) => SessionRecord;
  private readonly readAccount: (row: Record<string, unknown>) => Account;
  private readonly lookupSql: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {
    this.sessions = dataSource.getRepository(SessionRecord);
    this.table = new LeanTable(dataSource, SessionRecord);
    this.readSession = this.table.reader(SESSION_PROPERTIES, 's');
    const accounts = new AccountReads(dataSource);
    this.readAccount = accounts.read;
    const s = this.table;
    const a = accounts.table;
    this.lookupSql =
      `SELECT ${s.select(SESSION_PROPERTIES, 's')}, ${a.select(ACCOUNT_PROPERTIES, 'a')} ` +
      `FROM ${s.table} s INNER JOIN ${a.table} a ON ${a.column('id', 'a')} = ${s.column('accountId', 's')} ` +
      `WHERE ${s.column('id', 's')} = ?`;
  }

  /** A new session row; the caller puts its id in the JWT, which expires with it. */
  async start(
    account: Pick<Account, 'id' | 'tokenVersion'>,
    origin: SessionOrigin,
    id: string,
    expiresAt: Date,
  ): Promise<void> {
    const now = this.clock.now();
    // Ended sessions of this account are of no more use to anyone: they go when a new one starts.
    await this.sessions
      .createQueryBuilder()
      .delete()
      .from(SessionRecord)
      .where('accountId = :accountId', { accountId: account.id })
      .andWhere(
        new Brackets((q) =>
          q
            .where('revokedAt IS NOT NULL')
            .orWhere('expiresAt <= :now', { now })
            .orWhere('tokenVersion <> :version', { version: account.tokenVersion }),
        ),
      )
      .execute();
    await this.sessions.insert({
      id,
      accountId: account.id,
      tokenVersion: account.tokenVersion,
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      revokedAt: null,
      userAgent: origin.userAgent ? origin.userAgent.slice(0, USER_AGENT_LENGTH) : null,
      ip: origin.ip.slice(0, IP_LENGTH),
    });
  }

  /** A fresh, unguessable session id. */
  newId(): string {
    return randomUUID();
  }

  /**
   * The account of a live session: the row exists, belongs to `accountId`, is not revoked, not expired and
   * from the account's current tokenVersion. Notes the session as seen, at most once per resolution.
   */
  async live(sessionId: string, accountId: string): Promise<Account | null> {
    if (!ID_SHAPE.test(sessionId)) return null;
    const [row] = await this.dataSource.query<Record<string, unknown>[]>(this.lookupSql, [sessionId]);
    if (!row) return null;
    const session = this.readSession(row);
    const account = this.readAccount(row);
    const now = this.clock.now();
    if (
      session.accountId !== accountId ||
      session.revokedAt !== null ||
      session.expiresAt.getTime() <= now.getTime() ||
      session.tokenVersion !== account.tokenVersion
    ) {
      return null;
    }
    if (now.getTime() - session.lastSeenAt.getTime() >= SESSION_SEEN_RESOLUTION_MS) {
      // Conditional: of parallel requests that all saw an old value, one writes.
      await this.sessions
        .createQueryBuilder()
        .update(SessionRecord)
        .set({ lastSeenAt: now })
        .where('id = :id AND lastSeenAt <= :before', {
          id: session.id,
          before: new Date(now.getTime() - SESSION_SEEN_RESOLUTION_MS),
        })
        .execute();
    }
    return account;
  }

  /** The account's live sessions, the most recently seen first. */
  async list(accountId: string, tokenVersion: number): Promise<SessionRecord[]> {
    return this.sessions
      .createQueryBuilder('s')
      .where('s.accountId = :accountId', { accountId })
      .andWhere('s.revokedAt IS NULL')
      .andWhere('s.expiresAt > :now', { now: this.clock.now() })
      .andWhere('s.tokenVersion = :tokenVersion', { tokenVersion })
      .orderBy('s.lastSeenAt', 'DESC')
      .addOrderBy('s.createdAt', 'DESC')
      .take(MAX_LISTED_SESSIONS)
      .getMany();
  }

  /** Revokes one live session of the account; false when there is no such live session. */
  async revoke(accountId: string, sessionId: string): Promise<boolean> {
    if (!ID_SHAPE.test(sessionId)) return false;
    const result = await this.sessions.update(
      { id: sessionId, accountId, revokedAt: IsNull() },
      { revokedAt: this.clock.now() },
    );
    return (result.affected ?? 0) > 0;
  }

  /** Revokes every live session of the account but `keep`; returns how many ended. */
  async revokeAllBut(accountId: string, keep: string | null, manager?: EntityManager): Promise<number> {
    const query = (manager ?? this.dataSource.manager)
      .createQueryBuilder()
      .update(SessionRecord)
      .set({ revokedAt: this.clock.now() })
      .where('accountId = :accountId AND revokedAt IS NULL', { accountId });
    if (keep) query.andWhere('id <> :keep', { keep });
    const result = await query.execute();
    return result.affected ?? 0;
  }
}
