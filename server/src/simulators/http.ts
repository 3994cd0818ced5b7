import type { Express } from 'express';
import type { AddressInfo } from 'node:net';
import http from 'node:http';

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Deadlines of incoming requests (the app's come from config.ts; docs/request-hardening.md). */
export interface ServerTimeouts {
  requestTimeoutMs: number;
  headersTimeoutMs: number;
  keepAliveTimeoutMs: number;
}

/**
 * Node's own request deadlines. Node enforces requestTimeout and headersTimeout on a timer that runs every
 * connectionsCheckingInterval (30 s by default), so that interval follows the headers deadline.
 */
export function serverOptions(timeouts: ServerTimeouts): http.ServerOptions {
  return {
    requestTimeout: timeouts.requestTimeoutMs,
    headersTimeout: timeouts.headersTimeoutMs,
    keepAliveTimeout: timeouts.keepAliveTimeoutMs,
    connectionsCheckingInterval: Math.max(50, Math.min(5_000, Math.floor(timeouts.headersTimeoutMs / 4))),
  };
}

/**
 * Listens on loopback by default (port 0 = a free port) and closes cleanly, keep-alive sockets included. Without
 * `timeouts`, Node's defaults apply (the simulators).
 */
export function listenOnLoopback(
  app: Express | http.RequestListener,
  port = 0,
  host = '127.0.0.1',
  timeouts?: ServerTimeouts,
): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = timeouts ? http.createServer(serverOptions(timeouts), app) : http.createServer(app);
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address() as AddressInfo;
      resolve({
        url: `http://${host}:${address.port}`,
        port: address.port,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
