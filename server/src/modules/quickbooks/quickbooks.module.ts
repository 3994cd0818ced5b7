import { createHash } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import type { DataSource } from 'typeorm';
import type { Config } from '../../config';
import { configureIntuitEndpoints, createIntuitOAuth } from '../../integrations/intuit/oauth';
import type { BackgroundTasks } from '../../lib/background';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../lib/logger';
import type { MailService } from '../mail/mail.service';
import { createQuickBooksCallbackHandler } from './quickbooks-callback';
import { QuickBooksConnectionChecker } from './quickbooks-checker';
import type { ReasonCode } from './quickbooks-status';
import { QuickBooksTokenManager } from './quickbooks-token-manager';
import { QuickBooksResolver } from './quickbooks.resolver';
import { QuickBooksService, type ConnectWiseGate } from './quickbooks.service';

/** Intuit token calls (retries included) must finish well inside the 25 s refresh lease. */
const TOKEN_TIMEOUT_MS = 12_000;

export interface QuickBooksModule {
  service: QuickBooksService;
  tokens: QuickBooksTokenManager;
  checker: QuickBooksConnectionChecker;
  resolver: QuickBooksResolver;
  callback: RequestHandler;
}

/** Wires the QuickBooks Online module from configuration (createApp calls this once). */
export function createQuickBooksModule(deps: {
  config: Readonly<Config>;
  dataSource: DataSource;
  clock: Clock;
  logger: Logger;
  mail: MailService;
  background: BackgroundTasks;
  connectWise: ConnectWiseGate;
  sessionAccountId(req: Request): Promise<string | null>;
}): QuickBooksModule {
  const { config, dataSource, clock, logger } = deps;
  // intuit-oauth keeps its endpoints in process-wide statics: one process talks to one Intuit.
  configureIntuitEndpoints({
    authorizeUrl: config.intuit.authorizeUrl,
    tokenUrl: config.intuit.tokenUrl,
    revokeUrl: config.intuit.revokeUrl,
  });
  const oauth = createIntuitOAuth({
    clientId: config.intuit.clientId,
    clientSecret: config.intuit.clientSecret,
    environment: config.intuit.environment,
    redirectUri: `${config.appUrl}/oauth/quickbooks/callback`,
    clock,
    timeoutMs: TOKEN_TIMEOUT_MS,
  });
  // The service that emails about lost connections is built after the token manager that detects them.
  const onLost: Array<(configurationId: string, code: ReasonCode) => void> = [];
  const tokens = new QuickBooksTokenManager({
    dataSource,
    clock,
    keyRing: { keys: config.encryptionKeys },
    oauth,
    logger,
    reconnectAfterDays: config.intuit.reconnectAfterDays,
    tokenTimeoutMs: TOKEN_TIMEOUT_MS,
    onLost: (configurationId, code) => onLost.forEach((listener) => listener(configurationId, code)),
  });
  const service = new QuickBooksService({
    dataSource,
    clock,
    oauth,
    tokens,
    connectWise: deps.connectWise,
    mail: deps.mail,
    background: deps.background,
    logger,
    appUrl: config.appUrl,
    qboBaseUrl: config.intuit.qboApiBaseUrl,
    stateHmacKey: createHash('sha256').update('mobius-quickbooks-state|').update(config.tokenHmacKey).digest(),
  });
  onLost.push((configurationId, code) => service.notifyLost(configurationId, code));
  const checker = new QuickBooksConnectionChecker({ dataSource, clock, service, tokens, mail: deps.mail, logger });
  return {
    service,
    tokens,
    checker,
    resolver: new QuickBooksResolver(service),
    callback: createQuickBooksCallbackHandler({
      service,
      sessionAccountId: deps.sessionAccountId,
      appUrl: config.appUrl,
      logger,
    }),
  };
}
