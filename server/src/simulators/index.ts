import type { Logger } from 'pino';
import type { RunningServer } from './http';
import { startSendGridSimulator } from './sendgrid';

/** Starts the development simulators on their loopback ports (SPEC §4). */
export interface RunningSimulators {
  urls: Record<string, string>;
  close(): Promise<void>;
}

export async function startDevelopmentSimulators(
  ports: { sendgrid: number; connectwise: number; intuit: number },
  logger: Logger,
): Promise<RunningSimulators> {
  const servers: RunningServer[] = [];
  const urls: Record<string, string> = {};
  const sendgrid = await startSendGridSimulator({ port: ports.sendgrid });
  servers.push(sendgrid);
  urls.sendgrid = sendgrid.url;
  logger.debug({ urls }, 'simulators started');
  return {
    urls,
    close: async () => {
      await Promise.all(servers.map((s) => s.close()));
    },
  };
}
