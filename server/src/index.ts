import 'reflect-metadata';
import { createApp } from './app';
import { loadConfigOrExit, simulatorPorts } from './config';
import { openDatabase } from './db/data-source';
import { createLogger } from './lib/logger';
import { stopOnSignals } from './lib/shutdown';
import { listenOnLoopback } from './simulators/http';
import { startDevelopmentSimulators } from './simulators';

/** Bootstrap only: config → simulators (dev) → database → createApp() → listen. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger({ level: config.logLevel });
  const simulators = config.simulators.enabled
    ? await startDevelopmentSimulators(simulatorPorts(config.simulators.basePort), logger)
    : undefined;
  const dataSource = await openDatabase(config.databaseUrl);
  const app = await createApp({ config, dataSource, logger });
  const server = await listenOnLoopback(app.express, config.port, config.host, config.http);

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

  stopOnSignals(logger, [
    ['http', () => server.close()],
    ['app', () => app.close()],
    ['simulators', () => simulators?.close()],
    ['database', () => dataSource.destroy()],
  ]);
}

main().catch((error: unknown) => {
  console.error('Mobius failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
