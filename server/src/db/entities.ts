import { features } from '../modules';
import { QueueJobRecord } from '../queue/queue-job.entity';
import { QueueScheduleRecord } from '../queue/queue-schedule.entity';

/** Every feature's tables, and the embedded job queue's (their schema comes from db/migrations). */
export const entities = [...features.flatMap((feature) => feature.entities), QueueJobRecord, QueueScheduleRecord];
