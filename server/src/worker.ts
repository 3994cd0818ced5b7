import 'reflect-metadata';
import { createApp } from './app';
import { ConfigError, loadConfig } from './config';
import { openDatabase } from './db/data-source';
import { createLogger } from './lib/logger';
import { stopOnSignals } from './lib/shutdown';

/**
 * Worker-only process (`npm run worker`): config → database → the app's services and job queue, working
 * jobs with no HTTP listener (docs/decisions/0001-job-queue-with-two-drivers.md).
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
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
