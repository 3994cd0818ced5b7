import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateColumn } from '../../db/columns';

/** A live connection check in flight, one row per connection, across processes (docs/request-hardening.md). */
@Entity('connection_check_leases')
export class CheckLeaseRecord {
  /** e.g. `connectwise:<connection id>`, `quickbooks:<configuration id>`. */
  @PrimaryColumn({ type: 'varchar', length: 100 })
  key: string;

  /** `host|pid|boot|nonce` of the process checking (lib/lease-owner.ts). */
  @Column({ type: 'varchar', length: 64 })
  owner: string;

  @DateColumn()
  leaseUntil: Date;
}
