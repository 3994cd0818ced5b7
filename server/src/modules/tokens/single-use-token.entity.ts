import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DateColumn, ID_LENGTH } from '../../db/columns';
import { Account } from '../account';

/**
 * What a single-use token is for. A token is found only under its own purpose: a verification link is no
 * reset link and no QuickBooks `state` (docs/security.md, "Single-use tokens").
 */
export type TokenPurpose = 'EMAIL_VERIFICATION' | 'PASSWORD_RESET' | 'QUICKBOOKS_OAUTH_STATE';

/**
 * One single-use token of an account: an emailed link or the `state` of a "Connect to QuickBooks" flow. Only the
 * HMAC digest of the token is stored; `context` holds what its purpose needs when the token comes back (JSON).
 */
@Entity('single_use_tokens')
@Index('IDX_single_use_tokens_hash', ['tokenHash'], { unique: true })
@Index('IDX_single_use_tokens_account_purpose', ['accountId', 'purpose'])
export class SingleUseTokenRecord {
  @PrimaryColumn({ type: 'varchar', length: ID_LENGTH })
  id: string;

  @Column({ type: 'varchar', length: 32 })
  purpose: TokenPurpose;

  @Column({ type: 'varchar', length: ID_LENGTH })
  accountId: string;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'accountId', foreignKeyConstraintName: 'FK_single_use_tokens_account' })
  account?: Account;

  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  /** The MOBIUS_HASH_KEYS key that made tokenHash (null: the legacy key); docs/secrets.md. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  hashKeyId: string | null;

  /** What the purpose carries, written when the token is issued (e.g. the address a link was sent to). */
  @Column({ type: 'simple-json' })
  context: object;

  @DateColumn()
  expiresAt: Date;

  /** When the token was used, or voided (by a newer token or by its owner); null while it may still be used. */
  @DateColumn({ nullable: true })
  usedAt: Date | null;

  @DateColumn()
  createdAt: Date;
}
