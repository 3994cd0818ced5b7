export { createJobQueue, type CreateJobQueueOptions } from './create-job-queue';
export type { JobContext, JobHandler, JobHandlers, JobOptions, JobQueue, JobResult, WorkOptions } from './job-queue';
export { JobInterruptedError } from './job-runner';
export type { QueueSettings } from './queue-settings';
