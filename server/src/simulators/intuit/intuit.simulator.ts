import { randomBytes } from 'node:crypto';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { listenOnLoopback } from '../http';
import { AUTHORIZE_PATH, createAuthorizeRouter } from './authorize.routes';
import { CONTROL_PATH, createControlRouter } from './control.routes';
import { createDocumentPageRouter } from './document.page';
import { FaultInjector } from './fault-injector';
import {
  createOAuthRouter,
  REVOKE_PATH,
  TOKEN_PATH,
  type TokenIssuedEvent,
  type TokenRequestEvent,
} from './oauth.routes';
import { systemFaultBody } from './qbo-faults';
import { createQboRouter } from './qbo.routes';
import { DEFAULT_SANDBOX_COMPANIES, type SandboxCompanySeed } from './intuit.seed';
import { createControls, seedCompanies, type IntuitSimulatorControls } from './intuit.controls';
import {
  DEFAULT_CLIENT,
  DEFAULT_LIFETIMES,
  DEFAULT_THROTTLE_LIMITS,
  checkThrottleLimits,
  SimulatorState,
  type RegisteredClient,
  type ThrottleLimits,
  type TokenLifetimes,
} from './intuit.state';
import { SlidingWindowThrottle } from './throttle';
import { TokenAuthority } from './token-authority';

/** A faithful local stand-in for Intuit OAuth 2.0 and the QuickBooks Online Accounting API. */

export interface IntuitSimulatorOptions {
  /** Registered apps (default: `mobius-simulator-client` / `mobius-simulator-secret`, localhost callbacks). */
  clients?: RegisteredClient[];
  /** Sandbox companies offered on the consent page (default: two). */
  companies?: SandboxCompanySeed[];
  /** Clock in epoch ms (default Date.now); `controls.advanceTime` adds to it. */
  now?: () => number;
  lifetimes?: Partial<TokenLifetimes>;
  /** Lower QBO's limits from the start (never above QBO's own). */
  throttleLimits?: Partial<ThrottleLimits>;
  /** The strict reading: superseded refresh tokens fail at once instead of after the grace period. */
  strictRotation?: boolean;
  /** Called as a token request arrives, before any fault, delay or work. */
  onTokenRequest?: (event: TokenRequestEvent) => void;
  /** Called right after a successful token answer was handed to the client's socket. */
  onTokenIssued?: (event: TokenIssuedEvent) => void;
}

export interface IntuitSimulator {
  app: Express;
  controls: IntuitSimulatorControls;
  state: SimulatorState;
}

export interface IntuitSimulatorUrls {
  /** Whole endpoint URLs, as INTUIT_AUTHORIZE_URL / INTUIT_TOKEN_URL / INTUIT_REVOKE_URL take them. */
  authorize: string;
  token: string;
  revoke: string;
  /** Host root, as QBO_API_BASE_URL takes it. */
  qboBaseUrl: string;
  control: string;
}

export interface RunningIntuitSimulator extends IntuitSimulator {
  url: string;
  port: number;
  urls: IntuitSimulatorUrls;
  close(): Promise<void>;
}

function generatedIntuitTid(now: number): string {
  return `1-${Math.floor(now / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;
}

export function createIntuitSimulator(options: IntuitSimulatorOptions = {}): IntuitSimulator {
  const initial = {
    lifetimes: { ...DEFAULT_LIFETIMES, ...options.lifetimes },
    throttleLimits: { ...DEFAULT_THROTTLE_LIMITS, ...checkThrottleLimits(options.throttleLimits ?? {}) },
    strictRotation: options.strictRotation ?? false,
  };
  const state = new SimulatorState(options.now ?? Date.now, initial);
  for (const client of options.clients ?? [DEFAULT_CLIENT]) state.clients.set(client.clientId, client);
  const seeds = options.companies ?? DEFAULT_SANDBOX_COMPANIES;
  seedCompanies(state, seeds);

  const tokens = new TokenAuthority(state);
  const faults = new FaultInjector(state.faults);
  const throttle = new SlidingWindowThrottle();
  const controls = createControls({ state, tokens, faults, throttle, seeds, initial });

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use((_req: Request, res: Response, next: NextFunction) => {
    const tid = state.fixedIntuitTid ?? generatedIntuitTid(state.now());
    state.lastIntuitTid = tid;
    res.setHeader('intuit_tid', tid);
    next();
  });
  app.use(createAuthorizeRouter(state, tokens));
  app.use(
    createOAuthRouter(state, tokens, faults, {
      onTokenRequest: options.onTokenRequest,
      onTokenIssued: options.onTokenIssued,
    }),
  );
  app.use('/v3/company/:realmId', createQboRouter({ state, tokens, faults, throttle }));
  app.use(createControlRouter(state, controls, faults));
  app.use(createDocumentPageRouter(state));
  app.get('/', (_req: Request, res: Response) => {
    res.json({
      service: 'Intuit OAuth 2.0 + QuickBooks Online simulator',
      endpoints: {
        authorize: AUTHORIZE_PATH,
        token: TOKEN_PATH,
        revoke: REVOKE_PATH,
        qbo: '/v3/company/{realmId}/…',
        documents: '/app/invoice?txnId=…&companyId=…, /app/creditmemo?txnId=…&companyId=…',
        control: CONTROL_PATH,
      },
    });
  });
  app.use((_req: Request, res: Response) => {
    res.status(404).json({ error: 'not_found' });
  });
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const status =
      typeof (error as { status?: unknown }).status === 'number' ? (error as { status: number }).status : 500;
    if (req.path.startsWith('/v3/')) res.status(status >= 500 ? 500 : status).json(systemFaultBody(state.now()));
    else res.status(status >= 500 ? 500 : status).json({ error: status >= 500 ? 'server_error' : 'invalid_request' });
  });

  return { app, controls, state };
}

/** Starts the simulator on 127.0.0.1 (port 0 = any free port). */
export async function startIntuitSimulator(
  options: IntuitSimulatorOptions & { port?: number } = {},
): Promise<RunningIntuitSimulator> {
  const { port, ...rest } = options;
  const simulator = createIntuitSimulator(rest);
  const server = await listenOnLoopback(simulator.app, port ?? 0);
  return {
    ...simulator,
    url: server.url,
    port: server.port,
    urls: {
      authorize: `${server.url}${AUTHORIZE_PATH}`,
      token: `${server.url}${TOKEN_PATH}`,
      revoke: `${server.url}${REVOKE_PATH}`,
      qboBaseUrl: server.url,
      control: `${server.url}${CONTROL_PATH}`,
    },
    close: async () => {
      simulator.controls.releasePending();
      await server.close();
    },
  };
}
