import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DateColumn, ID_LENGTH } from '../../db/columns';
import { ImportRunRecord } from './import-run.entity';

/**
 * PENDING → ATTEMPTING (requestid recorded, about to be sent) → SUCCEEDED | FAILED; SKIPPED when the
 * invoice was already imported into this QBO company (docs/imports.md §3.5).
 */
export type ImportItemStatus = 'PENDING' | 'ATTEMPTING' | 'SUCCEEDED' | 'FAILED' | 'SKIPPED';
export type QboDocumentEntity = 'Invoice' | 'CreditMemo';

/** One PSA invoice of a run. */
@Entity('import_items')
@Index('IDX_import_items_run_invoice', ['runId', 'psaInvoiceId'], { unique: true })
@Index('IDX_import_items_run_status_position', ['runId', 'status', 'position'])
@Index('IDX_import_items_invoice', ['psaInvoiceId'])
export class ImportItemRecord {
  @PrimaryColumn({ type: 'varchar', length: ID_LENGTH })
  id: string;

  @Column({ type: 'varchar', length: ID_LENGTH })
  runId: string;

  @ManyToOne(() => ImportRunRecord, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'runId', foreignKeyConstraintName: 'FK_import_items_run' })
  run?: ImportRunRecord;

  /** The order the run works its items in. */
  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'integer' })
  psaInvoiceId: number;

  @Column({ type: 'varchar', length: 50 })
  invoiceNumber: string;

  @Column({ type: 'varchar', length: 200 })
  companyName: string;

  @Column({ type: 'varchar', length: 20 })
  invoiceType: string;

  /** YYYY-MM-DD as the PSA gives it. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  invoiceDate: string | null;

  @Column({ type: 'integer' })
  totalCents: number;

  /** ISO currency code of the invoice, as the PSA gives it. */
  @Column({ type: 'varchar', length: 3, nullable: true })
  currency: string | null;

  @Column({ type: 'varchar', length: 16 })
  status: ImportItemStatus;

  @Column({ type: 'varchar', length: 16, nullable: true })
  qboEntity: QboDocumentEntity | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  qboId: string | null;

  /** QuickBooks' own message when it refused, or ours. */
  @Column({ type: 'varchar', length: 1000, nullable: true })
  message: string | null;

  /** What the person can do about a failure. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  hint: string | null;

  /** QBO's error code (e.g. 6240) for a definitive refusal; UNKNOWN when the outcome could not be learnt. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  faultCode: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  requestId: string | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  batchRequestId: string | null;

  /** The GL entry RecIDs of this invoice (from the GL export), comma-separated, for marking it exported. */
  @Column({ type: 'text', nullable: true })
  glEntryIds: string | null;

  @DateColumn({ nullable: true })
  attemptedAt: Date | null;

  @DateColumn({ nullable: true })
  finishedAt: Date | null;
}
