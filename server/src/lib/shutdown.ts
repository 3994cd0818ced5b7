import { flushProcessLogs, type Logger } from './logger';

export type ShutdownStep = [name: string, work: () => Promise<void> | undefined];

/** How long the last log lines may take to reach stdout before the process exits without them. */
const LOG_FLUSH_MS = 2_000;

/**
 * Stops the process cleanly on SIGTERM/SIGINT: runs the steps in order, gives the log lines a bounded
 * moment to reach stdout (a reader that is gone or stalled cannot hold the exit), and exits 0. A second
 * signal exits at once, and whatever is still pending after `capMs` is abandoned (never hang on shutdown).
 */
export function stopOnSignals(logger: Logger, steps: ShutdownStep[], capMs = 10_000): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, capMs).unref();
    try {
      for (const [name, work] of steps) {
        logger.debug({ step: name }, 'shutdown step');
        await work();
      }
    } catch (error) {
      logger.error({ err: error }, 'shutdown failed');
      await flushProcessLogs(LOG_FLUSH_MS);
      process.exit(1);
    }
    logger.info({ signal }, 'stopped');
    await flushProcessLogs(LOG_FLUSH_MS);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
