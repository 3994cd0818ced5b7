import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DateColumn, ID_LENGTH } from '../../db/columns';

export type MappingKind = 'CUSTOMER' | 'ITEM';

/** A PSA company or item and the QBO customer or item it maps to, per QBO company (docs/imports.md §2). */
@Entity('entity_mappings')
@Index('IDX_entity_mappings_key', ['accountId', 'realmId', 'kind', 'psaKey'], { unique: true })
export class EntityMappingRecord {
  @PrimaryColumn({ type: 'varchar', length: ID_LENGTH })
  id: string;

  @Column({ type: 'varchar', length: ID_LENGTH })
  accountId: string;

  @Column({ type: 'varchar', length: 32 })
  realmId: string;

  @Column({ type: 'varchar', length: 16 })
  kind: MappingKind;

  /** CUSTOMER: the PSA company id; ITEM: the PSA item identifier. */
  @Column({ type: 'varchar', length: 100 })
  psaKey: string;

  @Column({ type: 'varchar', length: 32 })
  qboId: string;

  @Column({ type: 'varchar', length: 500 })
  qboName: string;

  @DateColumn()
  createdAt: Date;
}
