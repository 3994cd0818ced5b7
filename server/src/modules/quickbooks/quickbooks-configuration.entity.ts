import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DateColumn, ID_LENGTH } from '../../db/columns';
import { Account } from '../account';

/** What Mobius last concluded about the connection; EXPIRING is derived from reconnectBy at read time. */
export type QuickBooksStoredState = 'NOT_CONNECTED' | 'CONNECTED' | 'LOST';

/**
 * One QuickBooks Online company of an account ("Default", "Add New Company" …). The Intuit tokens are
 * AES-256-GCM sealed and bound to this row, column and account; `tokenVersion` is the compare-and-set
 * guard of every token write and `refreshLease*` the cross-process single-flight refresh lease.
 */
@Entity('quickbooks_configurations')
@Index('IDX_quickbooks_configurations_account_name', ['accountId', 'nameKey'], { unique: true })
@Index('IDX_quickbooks_configurations_account_realm', ['accountId', 'realmId'], { unique: true })
@Index('IDX_quickbooks_configurations_state', ['state'])
export class QuickBooksConfigurationRecord {
  @PrimaryColumn({ type: 'varchar', length: ID_LENGTH })
  id: string;

  @Column({ type: 'varchar', length: ID_LENGTH })
  accountId: string;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'accountId', foreignKeyConstraintName: 'FK_quickbooks_configurations_account' })
  account?: Account;

  @Column({ type: 'varchar', length: 50 })
  name: string;

  /** The name folded for the per-account, case-insensitive uniqueness check (same on SQLite and MySQL). */
  @Column({ type: 'varchar', length: 50 })
  nameKey: string;

  @Column({ type: 'boolean' })
  isDefault: boolean;

  /** The QBO company id (realmId) from Intuit's redirect; null until connected and after Disconnect. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  realmId: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  companyName: string | null;

  @Column({ type: 'text', nullable: true })
  accessTokenSealed: string | null;

  @Column({ type: 'text', nullable: true })
  refreshTokenSealed: string | null;

  @DateColumn({ nullable: true })
  accessTokenExpiresAt: Date | null;

  @DateColumn({ nullable: true })
  refreshTokenExpiresAt: Date | null;

  /** Intuit's 5-year cap on the grant, when Intuit reports it. */
  @DateColumn({ nullable: true })
  refreshTokenHardExpiresAt: Date | null;

  @DateColumn({ nullable: true })
  connectedAt: Date | null;

  /** Bumped by every token write (connect, refresh, disconnect, lost): writers compare-and-set on it. */
  @Column({ type: 'integer', default: 0 })
  tokenVersion: number;

  @DateColumn({ nullable: true })
  refreshLeaseUntil: Date | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  refreshLeaseOwner: string | null;

  @Column({ type: 'varchar', length: 16 })
  state: QuickBooksStoredState;

  /** A person-readable reason for the current state (never Intuit's own text). */
  @Column({ type: 'varchar', length: 500, nullable: true })
  statusMessage: string | null;

  /** From a fixed set, e.g. INVALID_GRANT, RECONNECT_DEADLINE, INTUIT_UNAVAILABLE, DECRYPTION_FAILED. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  lastErrorCode: string | null;

  @DateColumn({ nullable: true })
  checkedAt: Date | null;

  @DateColumn({ nullable: true })
  lastSuccessAt: Date | null;

  /** The earlier of Intuit's hard expiry and connectedAt + QBO_RECONNECT_AFTER_DAYS (not the rolling ~100-day window). */
  @DateColumn({ nullable: true })
  reconnectBy: Date | null;

  @DateColumn({ nullable: true })
  reminder14SentAt: Date | null;

  @DateColumn({ nullable: true })
  reminder3SentAt: Date | null;

  @DateColumn()
  createdAt: Date;

  @DateColumn()
  updatedAt: Date;
}
