import 'reflect-metadata';
import { createApp } from './app';
import { ConfigError, loadConfig, simulatorPorts } from './config';
import { openDatabase } from './db/data-source';
import { createLogger } from './lib/logger';
import { listenOnLoopback } from './simulators/http';
import { startDevelopmentSimulators } from './simulators';

/** Bootstrap only: config → simulators (dev) → database → createApp() → listen. */
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
  const simulators = config.simulators.enabled
    ? await startDevelopmentSimulators(simulatorPorts(config.simulators.basePort), logger)
    : undefined;
  const dataSource = await openDatabase(config.databaseUrl);
  const app = await createApp({ config, dataSource, logger });
  const server = await listenOnLoopback(app.express, config.port, config.host);

  console.log(`\n  Mobius is running at ${config.appUrl}`);
  console.log(`  GraphQL API: ${config.appUrl}/graphql   Playground: ${config.appUrl}/playground`);
  if (simulators) {
    console.log(
      `  Demo mailbox (emails Mobius sent): http://localhost:${simulatorPorts(config.simulators.basePort).sendgrid}/`,
    );
    console.log(
      '  Simulators of SendGrid, ConnectWise PSA and Intuit/QuickBooks run on this machine; nothing leaves it.',
    );
  }
  console.log(`  Database: ${config.databaseUrl.startsWith('mysql') ? 'MySQL' : config.databaseUrl}\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // Never hang on shutdown: whatever is still pending after 10 s is abandoned.
    setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, 10_000).unref();
    const step = async (name: string, work: () => Promise<void> | undefined) => {
      logger.debug({ step: name }, 'shutdown step');
      await work();
    };
    await step('http', () => server.close());
    await step('app', () => app.close());
    await step('simulators', () => simulators?.close());
    await step('database', () => dataSource.destroy());
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error('Mobius failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
