import type { Logger } from './lib/logger';
import type { ImportsModule } from './modules/imports/imports.module';
import { QUICKBOOKS_CHECK_JOB, type QuickBooksConnectionChecker } from './modules/quickbooks/quickbooks-checker';
import type { JobHandlers } from './queue';
import { QUEUE_PROBE_JOB, queueProbeHandler } from './queue/probe.job';

export interface JobHandlerDeps {
  logger: Logger;
  imports: ImportsModule;
  quickBooksChecker: QuickBooksConnectionChecker;
}

/** Every job a worker runs, by name (docs/imports.md §4); the web process and `npm run worker` share it. */
export function jobHandlers(deps: JobHandlerDeps): JobHandlers {
  return {
    ...deps.imports.handlers,
    [QUICKBOOKS_CHECK_JOB]: async () => {
      await deps.quickBooksChecker.runOnce();
    },
    [QUEUE_PROBE_JOB]: queueProbeHandler(deps.logger),
  };
}
