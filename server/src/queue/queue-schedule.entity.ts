import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DateColumn } from '../db/columns';

/**
 * One schedule of the embedded queue driver: job `name` with `data` every `everyMs`. The process that
 * moves `nextRunAt` on by a compare-and-set on `version` is the one that adds the job.
 */
@Entity('queue_schedules')
@Index('IDX_queue_schedules_next_run', ['nextRunAt'])
export class QueueScheduleRecord {
  @PrimaryColumn({ type: 'varchar', length: 191 })
  scheduleKey: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** The job's data as JSON. */
  @Column({ type: 'text' })
  data: string;

  @Column({
    type: 'bigint',
    transformer: { to: (value: number) => value, from: (value: string | number) => Number(value) },
  })
  everyMs: number;

  @DateColumn()
  nextRunAt: Date;

  @Column({ type: 'integer', default: 0 })
  version: number;

  @DateColumn()
  createdAt: Date;

  @DateColumn()
  updatedAt: Date;
}
