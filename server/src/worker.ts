import 'reflect-metadata';
import { createApp } from './app';
import { loadConfigOrExit } from './config';
import { openDatabase } from './db/data-source';
import { createLogger } from './lib/logger';
import { stopOnSignals } from './lib/shutdown';

/**
 * Worker-only process (`npm run worker`): config → database → the app's services and job queue, working
 * jobs with no HTTP listener (docs/decisions/0001-job-queue-with-two-drivers.md).
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger({ level: config.logLevel });
  const dataSource = await openDatabase(config.databaseUrl);
  const app = await createApp({ config, dataSource, logger, runJobs: true });
  stopOnSignals(logger, [
    ['app', () => app.close()],
    ['database', () => dataSource.destroy()],
  ]);
  logger.info(
    { event: 'worker.ready', driver: app.queue.driver, concurrency: Math.max(1, config.queue.concurrency) },
    'worker ready',
  );
}

main().catch((error: unknown) => {
  console.error('The Mobius worker failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
