import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { DateColumn, ID_LENGTH } from '../../db/columns';
import { QuickBooksConfigurationRecord } from '../quickbooks';

/** A configuration's mappings and AutoSync (docs/imports.md §1); a missing row means the defaults. */
@Entity('import_settings')
export class ImportSettingsRecord {
  @PrimaryColumn({ type: 'varchar', length: ID_LENGTH })
  configurationId: string;

  @OneToOne(() => QuickBooksConfigurationRecord, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'configurationId', foreignKeyConstraintName: 'FK_import_settings_configuration' })
  configuration?: QuickBooksConfigurationRecord;

  @Column({ type: 'varchar', length: ID_LENGTH })
  accountId: string;

  /** QBO Account id of the income account for created items; null = "Services", else the first Income account. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  incomeAccountId: string | null;

  @Column({ type: 'varchar', length: 32 })
  taxableTaxCode: string;

  @Column({ type: 'varchar', length: 32 })
  nonTaxableTaxCode: string;

  @Column({ type: 'boolean' })
  appendAccountNumber: boolean;

  @Column({ type: 'boolean' })
  markExported: boolean;

  /** 0 = off, else 30, 60 or 120. */
  @Column({ type: 'integer' })
  autoSyncMinutes: number;

  @DateColumn({ nullable: true })
  lastAutoSyncAt: Date | null;

  @DateColumn()
  updatedAt: Date;
}
