import { DomainError, ErrorCode } from '../../lib/errors';
import type { Logger } from '../../lib/logger';
import type { Account } from '../account';
import { deviceName } from './device-name';
import type { SessionRecord } from './session.entity';
import type { SessionStore } from './session-store';
import type { Session } from './sessions.types';

/** The signed-in person and the session they are using. */
export interface CurrentSession {
  account: Pick<Account, 'id' | 'tokenVersion'>;
  sessionId: string;
}

/** The account's sessions on the Settings page: list them, end one, end all the others, end them all. */
export class SessionsService {
  constructor(private readonly deps: { store: SessionStore; logger: Logger }) {}

  async list(current: CurrentSession): Promise<Session[]> {
    const rows = await this.deps.store.list(current.account.id, current.account.tokenVersion);
    const sessions = rows.map((row) => this.toSession(row, current.sessionId));
    // This session first, then the others, the most recently seen first.
    return [...sessions.filter((s) => s.current), ...sessions.filter((s) => !s.current)];
  }

  /** Ends one session of the account (this one too, if named); another account's id reads as unknown. */
  async signOut(current: CurrentSession, id: string): Promise<void> {
    const accountId = current.account.id;
    if (!(await this.deps.store.revoke(accountId, id))) {
      throw new DomainError(ErrorCode.NOT_FOUND, 'There is no such session in your account.', { field: 'id' });
    }
    this.deps.logger.info({ event: 'auth.session_revoked', accountId, sessionId: id }, 'session signed out');
  }

  /** Ends every session of the account but this one; returns how many ended. */
  async signOutOthers(current: CurrentSession): Promise<number> {
    const accountId = current.account.id;
    const ended = await this.deps.store.revokeAllBut(accountId, current.sessionId);
    this.deps.logger.info(
      { event: 'auth.other_sessions_revoked', accountId, sessionId: current.sessionId, ended },
      'other sessions signed out',
    );
    return ended;
  }

  /** Ends every session of the account, this one included; returns how many ended. */
  async signOutEverywhere(current: CurrentSession): Promise<number> {
    const accountId = current.account.id;
    const ended = await this.deps.store.revokeAllBut(accountId, null);
    this.deps.logger.info(
      { event: 'auth.all_sessions_revoked', accountId, sessionId: current.sessionId, ended },
      'every session signed out',
    );
    return ended;
  }

  private toSession(row: SessionRecord, currentId: string): Session {
    return {
      id: row.id,
      ...deviceName(row.userAgent),
      ip: row.ip,
      createdAt: row.createdAt,
      lastSeenAt: row.lastSeenAt,
      expiresAt: row.expiresAt,
      current: row.id === currentId,
    };
  }
}
