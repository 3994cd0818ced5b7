import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Account } from '../account';
import { DateColumn, ID_LENGTH } from '../../db/columns';

export type EmailTokenPurpose = 'verify' | 'reset';

/** A single-use link token; only its HMAC digest is stored. */
@Entity('email_tokens')
@Index('IDX_email_tokens_account', ['accountId'])
@Index('IDX_email_tokens_hash', ['tokenHash'], { unique: true })
export class EmailToken {
  @PrimaryColumn({ type: 'varchar', length: ID_LENGTH })
  id: string;

  @Column({ type: 'varchar', length: ID_LENGTH })
  accountId: string;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'accountId', foreignKeyConstraintName: 'FK_email_tokens_account' })
  account?: Account;

  @Column({ type: 'varchar', length: 16 })
  purpose: EmailTokenPurpose;

  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  /** The MOBIUS_HASH_KEYS key that made tokenHash (null: the legacy key); docs/secrets.md. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  hashKeyId: string | null;

  /** The address the link was sent to: a token is void once the account's email differs. */
  @Column({ type: 'varchar', length: 254 })
  email: string;

  /**
   * The profile typed at the sign-up that sent this verification link, applied when the link is used
   * unless contested (docs/accounts.md §2). Null on reset links.
   */
  @Column({ type: 'varchar', length: 100, nullable: true })
  name: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  companyName: string | null;

  /** Another sign-up of the address offered a different profile while this link was live. */
  @Column({ type: 'boolean', default: false })
  profileContested: boolean;

  @DateColumn()
  expiresAt: Date;

  @DateColumn({ nullable: true })
  usedAt: Date | null;

  @DateColumn()
  createdAt: Date;
}
