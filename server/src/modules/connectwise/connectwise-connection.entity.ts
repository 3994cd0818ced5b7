import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DateColumn, ID_LENGTH } from '../../db/columns';
import { Account } from '../account';

export type ConnectWiseState = 'CONNECTED' | 'LOST';

/**
 * The one ConnectWise PSA connection of an account; keys are AES-256-GCM sealed, bound to this row. `version`
 * changes with every save of the credentials: a re-check's status write compares and sets on it
 * (docs/connection-writes.md).
 */
@Entity('connectwise_connections')
@Index('IDX_connectwise_connections_account', ['accountId'], { unique: true })
export class ConnectWiseConnectionRecord {
  @PrimaryColumn({ type: 'varchar', length: ID_LENGTH })
  id: string;

  @Column({ type: 'varchar', length: ID_LENGTH })
  accountId: string;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'accountId', foreignKeyConstraintName: 'FK_connectwise_connections_account' })
  account?: Account;

  /** Normalised form, e.g. "na.myconnectwise.net" (or "http://127.0.0.1:4102" in development). */
  @Column({ type: 'varchar', length: 300 })
  site: string;

  @Column({ type: 'varchar', length: 100 })
  companyId: string;

  @Column({ type: 'text' })
  publicKeySealed: string;

  @Column({ type: 'text' })
  privateKeySealed: string;

  @Column({ type: 'varchar', length: 4 })
  privateKeyHint: string;

  @Column({ type: 'varchar', length: 200 })
  companyName: string;

  @Column({ type: 'varchar', length: 100 })
  codebase: string;

  @Column({ type: 'varchar', length: 16 })
  state: ConnectWiseState;

  /** Bumped by every save of site, company or keys; status writes of checks are conditional on it. */
  @Column({ type: 'integer', default: 0 })
  version: number;

  @Column({ type: 'varchar', length: 500, nullable: true })
  statusMessage: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  lastErrorCode: string | null;

  @DateColumn()
  checkedAt: Date;

  @DateColumn()
  validatedAt: Date;

  @DateColumn()
  createdAt: Date;

  @DateColumn()
  updatedAt: Date;
}
