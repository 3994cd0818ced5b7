import 'reflect-metadata';
import { ConfigError, loadConfig } from './config';
import { openDatabase } from './db/data-source';
import { jobHandlers } from './job-handlers';
import { createLogger } from './lib/logger';
import { stopOnSignals } from './lib/shutdown';
import { createJobQueue } from './queue';

/** Worker-only process (`npm run worker`): config → database → queue → work(handlers); no HTTP. */
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
  const queue = createJobQueue({ config: config.queue, dataSource, logger });
  const handlers = jobHandlers({ config, dataSource, logger, queue });
  stopOnSignals(logger, [
    ['queue', () => queue.close()],
    ['database', () => dataSource.destroy()],
  ]);
  await queue.work(handlers, { concurrency: config.queue.concurrency });
  logger.info(
    { event: 'worker.ready', driver: queue.driver, concurrency: config.queue.concurrency, jobs: Object.keys(handlers) },
    'worker ready',
  );
}

main().catch((error: unknown) => {
  console.error('The Mobius worker failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
