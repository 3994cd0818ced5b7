import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateColumn, ID_LENGTH } from '../../db/columns';

/** One row per QBO company being imported into: at most one run works a company at a time (docs/imports.md §3.2). */
@Entity('import_locks')
export class ImportLockRecord {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  realmId: string;

  @Column({ type: 'varchar', length: ID_LENGTH })
  runId: string;

  /** `host|pid|boot|nonce` of the worker holding it. */
  @Column({ type: 'varchar', length: 64 })
  owner: string;

  @DateColumn()
  leaseUntil: Date;
}
