import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DateColumn, ID_LENGTH } from '../../db/columns';
import { Account } from '../account';

/** How much of a User-Agent header a session keeps (enough to tell the browser and the system). */
export const USER_AGENT_LENGTH = 512;
/** An IPv6 address with a zone fits; anything longer is cut. */
export const IP_LENGTH = 64;

/**
 * One signed-in browser or API client (docs/security.md, "Sessions"). Its id is the `sid` of the session JWT:
 * a request is signed in while the JWT is valid, its `ver` is the account's tokenVersion, and this row is
 * neither revoked nor expired (one indexed read with the account, session-store.ts).
 */
@Entity('sessions')
@Index('IDX_sessions_account', ['accountId'])
export class SessionRecord {
  @PrimaryColumn({ type: 'varchar', length: ID_LENGTH })
  id: string;

  @Column({ type: 'varchar', length: ID_LENGTH })
  accountId: string;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'accountId', foreignKeyConstraintName: 'FK_sessions_account' })
  account?: Account;

  /** The account's tokenVersion when the session began: a password reset or change ends it by bumping that. */
  @Column({ type: 'integer' })
  tokenVersion: number;

  @DateColumn()
  createdAt: Date;

  /** Written at most once every few minutes (SESSION_SEEN_RESOLUTION_MS), never on every request. */
  @DateColumn()
  lastSeenAt: Date;

  /** The JWT's `exp`. */
  @DateColumn()
  expiresAt: Date;

  @DateColumn({ nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'varchar', length: USER_AGENT_LENGTH, nullable: true })
  userAgent: string | null;

  /** The client's address as Express resolved it (the app's trust-proxy setting). */
  @Column({ type: 'varchar', length: IP_LENGTH })
  ip: string;
}
