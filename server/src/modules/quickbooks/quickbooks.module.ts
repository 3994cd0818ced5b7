import { createHash } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import type { DataSource } from 'typeorm';
import type { Config } from '../../config';
import type { ConnectionStatus } from '../../graphql/connection-status';
import { configureIntuitEndpoints, createIntuitOAuth } from '../../integrations/intuit/oauth';
import type { BackgroundTasks } from '../../lib/background';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../lib/logger';
import { Account } from '../account/account.entity';
import type { MailService } from '../mail/mail.service';
import type { QuickBooksAccess } from './quickbooks-access';
import { QuickBooksAuthorizationService } from './quickbooks-authorization.service';
import { CALLBACK_PATH, createQuickBooksCallbackHandler } from './quickbooks-callback';
import { QuickBooksConnectionChecker } from './quickbooks-checker';
import { QuickBooksConfigurationStore } from './quickbooks-configuration.store';
import { QuickBooksConfigurationsService } from './quickbooks-configurations.service';
import { QuickBooksConnectionService } from './quickbooks-connection.service';
import { QuickBooksNotificationsService } from './quickbooks-notifications.service';
import { qboClientFactory } from './quickbooks-qbo-clients';
import { QuickBooksTokenManager } from './quickbooks-token-manager';
import { QuickBooksResolver } from './quickbooks.resolver';

/** Intuit token calls (retries included) must finish well inside the 25 s refresh lease. */
const TOKEN_TIMEOUT_MS = 12_000;

/** The ConnectWise side, as this module needs it (ConnectWiseService provides it). */
export interface ConnectWiseGate {
  assertConnected(accountId: string): Promise<void>;
  getStatus(accountId: string): Promise<ConnectionStatus>;
}

export interface QuickBooksModule {
  store: QuickBooksConfigurationStore;
  configurations: QuickBooksConfigurationsService;
  authorization: QuickBooksAuthorizationService;
  connection: QuickBooksConnectionService;
  notifications: QuickBooksNotificationsService;
  tokens: QuickBooksTokenManager;
  checker: QuickBooksConnectionChecker;
  access: QuickBooksAccess;
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
  const { config, dataSource, clock, logger, connectWise } = deps;
  const redirectUri = `${config.appUrl}${CALLBACK_PATH}`;
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
    redirectUri,
    clock,
    timeoutMs: TOKEN_TIMEOUT_MS,
  });
  const store = new QuickBooksConfigurationStore(dataSource);
  const qboClients = qboClientFactory({ baseUrl: config.intuit.qboApiBaseUrl, logger });
  const notifications = new QuickBooksNotificationsService({
    store,
    findAccount: (id) => dataSource.getRepository(Account).findOneBy({ id }),
    mail: deps.mail,
    background: deps.background,
    appUrl: config.appUrl,
  });
  const tokens = new QuickBooksTokenManager({
    store,
    clock,
    keyRing: { keys: config.encryptionKeys },
    oauth,
    logger,
    reconnectAfterDays: config.intuit.reconnectAfterDays,
    tokenTimeoutMs: TOKEN_TIMEOUT_MS,
    onLost: (configurationId, code) => notifications.notifyLost(configurationId, code),
  });
  const configurations = new QuickBooksConfigurationsService({
    store,
    connectWise,
    disconnect: (record) => connection.disconnectRecord(record),
    clock,
    logger,
  });
  const connection = new QuickBooksConnectionService({ store, tokens, connectWise, qboClients, clock, logger });
  const authorization = new QuickBooksAuthorizationService({
    dataSource,
    store,
    tokens,
    oauth,
    connectWise,
    qboClients,
    clock,
    logger,
    redirectUri,
    stateHmacKey: createHash('sha256').update('mobius-quickbooks-state|').update(config.tokenHmacKey).digest(),
  });
  const checker = new QuickBooksConnectionChecker({ store, clock, connection, tokens, notifications, logger });
  const access: QuickBooksAccess = {
    requireConnected: (accountId, configurationId) => connection.requireConnected(accountId, configurationId),
    withClient: (accountId, configurationId, work) => connection.withClient(accountId, configurationId, work),
    list: (accountId) => configurations.list(accountId),
  };
  return {
    store,
    configurations,
    authorization,
    connection,
    notifications,
    tokens,
    checker,
    access,
    resolver: new QuickBooksResolver({ configurations, authorization, connection }),
    callback: createQuickBooksCallbackHandler({
      authorization,
      notifications,
      sessionAccountId: deps.sessionAccountId,
      appUrl: config.appUrl,
      logger,
    }),
  };
}
