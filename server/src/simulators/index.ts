import type { Logger } from 'pino';
import { startConnectWiseSimulator } from './connectwise';
import type { RunningServer } from './http';
import { startIntuitSimulator } from './intuit';
import { startSendGridSimulator } from './sendgrid';

/** Starts the development simulators on their loopback ports (docs/product.md §10). */
export interface RunningSimulators {
  urls: { sendgrid: string; connectwise: string; intuit: string };
  close(): Promise<void>;
}

export async function startDevelopmentSimulators(
  ports: { sendgrid: number; connectwise: number; intuit: number },
  logger: Logger,
): Promise<RunningSimulators> {
  const servers: RunningServer[] = [];
  try {
    const sendgrid = await startSendGridSimulator({ port: ports.sendgrid });
    servers.push(sendgrid);
    const connectwise = await startConnectWiseSimulator({ port: ports.connectwise });
    servers.push(connectwise);
    const intuit = await startIntuitSimulator({ port: ports.intuit });
    servers.push(intuit);
    const urls = { sendgrid: sendgrid.url, connectwise: connectwise.url, intuit: intuit.url };
    logger.debug({ urls }, 'simulators started');
    return {
      urls,
      close: async () => {
        await Promise.all(servers.map((s) => s.close()));
      },
    };
  } catch (error) {
    await Promise.all(servers.map((s) => s.close()));
    const code = (error as { code?: string }).code;
    if (code === 'EADDRINUSE') {
      throw new Error(
        `A simulator port is already in use (${Object.values(ports).join(', ')}). Stop the other process or set SIMULATOR_BASE_PORT.`,
      );
    }
    throw error;
  }
}
