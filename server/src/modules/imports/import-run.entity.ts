import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DateColumn, ID_LENGTH } from '../../db/columns';
import { Account } from '../account';
import { QuickBooksConfigurationRecord } from '../quickbooks';

export type ImportRunStatus = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'PARTIAL' | 'FAILED';
export type ImportTriggerKind = 'USER' | 'AUTOSYNC' | 'RETRY';
/** Marking the run's invoices as exported in ConnectWise (docs/imports.md §3.6). */
export type ExportState = 'OFF' | 'PENDING' | 'DONE' | 'FAILED' | 'NOTHING';

export const ACTIVE_STATUSES: readonly ImportRunStatus[] = ['QUEUED', 'RUNNING'];

/** One import of PSA invoices into one QuickBooks company; its items are the record of truth (docs/imports.md §2). */
@Entity('import_runs')
@Index('IDX_import_runs_configuration_created', ['configurationId', 'createdAt'])
@Index('IDX_import_runs_status', ['status'])
@Index('IDX_import_runs_account', ['accountId'])
export class ImportRunRecord {
  @PrimaryColumn({ type: 'varchar', length: ID_LENGTH })
  id: string;

  @Column({ type: 'varchar', length: ID_LENGTH })
  accountId: string;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'accountId', foreignKeyConstraintName: 'FK_import_runs_account' })
  account?: Account;

  @Column({ type: 'varchar', length: ID_LENGTH })
  configurationId: string;

  @ManyToOne(() => QuickBooksConfigurationRecord, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'configurationId', foreignKeyConstraintName: 'FK_import_runs_configuration' })
  configuration?: QuickBooksConfigurationRecord;

  /** The QBO company the run writes to, fixed when the run is queued. */
  @Column({ type: 'varchar', length: 32 })
  realmId: string;

  @Column({ type: 'varchar', length: 16 })
  status: ImportRunStatus;

  /** What started it: a person, AutoSync, or Retry failed. */
  @Column({ type: 'varchar', length: 16 })
  source: ImportTriggerKind;

  /** The email of the person who started it; null for AutoSync. */
  @Column({ type: 'varchar', length: 320, nullable: true })
  requestedBy: string | null;

  @Column({ type: 'varchar', length: ID_LENGTH, nullable: true })
  retryOfRunId: string | null;

  /** JSON list of the PSA invoice ids asked for; null = every unposted invoice. */
  @Column({ type: 'text', nullable: true })
  requestedInvoiceIds: string | null;

  /** True once the run's items are written (the plan happens once, docs/imports.md §3.3). */
  @Column({ type: 'boolean' })
  planned: boolean;

  @Column({ type: 'integer', default: 0 })
  total: number;

  @Column({ type: 'integer', default: 0 })
  succeeded: number;

  @Column({ type: 'integer', default: 0 })
  failed: number;

  @Column({ type: 'integer', default: 0 })
  skipped: number;

  /** For a person: why the run failed, or a summary. */
  @Column({ type: 'varchar', length: 1000, nullable: true })
  message: string | null;

  /** The "mark invoices as exported" setting when the run was queued. */
  @Column({ type: 'boolean' })
  markExported: boolean;

  @Column({ type: 'varchar', length: 16 })
  exportState: ExportState;

  @Column({ type: 'varchar', length: 50, nullable: true })
  exportBatchIdentifier: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  exportMessage: string | null;

  @DateColumn()
  createdAt: Date;

  @DateColumn({ nullable: true })
  startedAt: Date | null;

  @DateColumn({ nullable: true })
  finishedAt: Date | null;

  /** Renewed while a worker works the run. */
  @DateColumn({ nullable: true })
  heartbeatAt: Date | null;
}
