import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DateColumn, ID_LENGTH } from '../../db/columns';
import type { QboDocumentEntity } from './import-item.entity';

/**
 * The PSA invoice → QBO document mapping: one row per PSA invoice imported into a QBO company, written
 * in the same transaction as the item's result (docs/imports.md §3.5). Keyed by realm, not configuration.
 */
@Entity('imported_documents')
@Index('IDX_imported_documents_invoice', ['accountId', 'realmId', 'psaInvoiceId'], { unique: true })
export class ImportedDocumentRecord {
  @PrimaryColumn({ type: 'varchar', length: ID_LENGTH })
  id: string;

  @Column({ type: 'varchar', length: ID_LENGTH })
  accountId: string;

  @Column({ type: 'varchar', length: 32 })
  realmId: string;

  @Column({ type: 'integer' })
  psaInvoiceId: number;

  @Column({ type: 'varchar', length: 50 })
  invoiceNumber: string;

  @Column({ type: 'varchar', length: 16 })
  qboEntity: QboDocumentEntity;

  @Column({ type: 'varchar', length: 32 })
  qboId: string;

  /** The run that created (or adopted) it; kept as a plain id so deleting history keeps the mapping. */
  @Column({ type: 'varchar', length: ID_LENGTH, nullable: true })
  runId: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  requestId: string | null;

  @DateColumn()
  importedAt: Date;
}
