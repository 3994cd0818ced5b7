import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DateColumn, ID_LENGTH } from '../../db/columns';
import { Account } from '../account';
import { QuickBooksConfigurationRecord } from './quickbooks-configuration.entity';

/** The `state` of one "Connect to QuickBooks" flow: only its HMAC stored, single-use, 10 minutes, bound to account + configuration. */
@Entity('quickbooks_oauth_states')
@Index('IDX_quickbooks_oauth_states_hash', ['stateHash'], { unique: true })
@Index('IDX_quickbooks_oauth_states_account', ['accountId'])
@Index('IDX_quickbooks_oauth_states_configuration', ['configurationId'])
export class QuickBooksOAuthState {
  @PrimaryColumn({ type: 'varchar', length: ID_LENGTH })
  id: string;

  @Column({ type: 'varchar', length: ID_LENGTH })
  accountId: string;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'accountId', foreignKeyConstraintName: 'FK_quickbooks_oauth_states_account' })
  account?: Account;

  @Column({ type: 'varchar', length: ID_LENGTH })
  configurationId: string;

  @ManyToOne(() => QuickBooksConfigurationRecord, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'configurationId', foreignKeyConstraintName: 'FK_quickbooks_oauth_states_configuration' })
  configuration?: QuickBooksConfigurationRecord;

  @Column({ type: 'varchar', length: 64 })
  stateHash: string;

  @DateColumn()
  expiresAt: Date;

  @DateColumn({ nullable: true })
  usedAt: Date | null;

  @DateColumn()
  createdAt: Date;
}
