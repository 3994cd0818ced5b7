import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DateColumn, ID_LENGTH } from '../db/columns';

export type QueueJobStatus = 'waiting' | 'active' | 'failed';

/**
 * One job of the embedded queue driver. `waiting` rows run once `runAt` has passed; `active` rows are
 * leased (`leaseOwner` until `leaseUntil`, renewed by a heartbeat); a finished job is deleted, a failed
 * one kept for a while. Every write bumps `version`, the compare-and-set guard of claims.
 */
@Entity('queue_jobs')
@Index('IDX_queue_jobs_due', ['status', 'runAt'])
@Index('IDX_queue_jobs_dedup', ['dedupKey'], { unique: true })
export class QueueJobRecord {
  @PrimaryColumn({ type: 'varchar', length: ID_LENGTH })
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** The caller's jobId: unique while the job waits or runs, cleared when it fails so it can be added again. */
  @Column({ type: 'varchar', length: 191, nullable: true })
  dedupKey: string | null;

  /** The job's data as JSON. */
  @Column({ type: 'text' })
  data: string;

  @Column({ type: 'varchar', length: 16 })
  status: QueueJobStatus;

  @DateColumn()
  runAt: Date;

  /** Failed attempts so far. */
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /** Times the job was taken over from a worker that died or lost it. */
  @Column({ type: 'integer', default: 0 })
  stalls: number;

  @Column({ type: 'integer', default: 0 })
  version: number;

  @Column({ type: 'varchar', length: 64, nullable: true })
  leaseOwner: string | null;

  @DateColumn({ nullable: true })
  leaseUntil: Date | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  lastError: string | null;

  @DateColumn()
  createdAt: Date;

  @DateColumn()
  updatedAt: Date;
}
