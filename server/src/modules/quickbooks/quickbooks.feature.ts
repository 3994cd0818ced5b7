import { Throttles } from '../../lib/throttles';
import { configureIntuitEndpoints, createIntuitOAuth } from '../../integrations/intuit/oauth';
import { Account } from '../account';
import { authFeature } from '../auth';
import { connectionChecksFeature } from '../connection-checks';
import { connectWiseFeature } from '../connectwise';
import { bindResolver, defineFeature } from '../feature';
import { mailFeature } from '../mail';
import { tokensFeature } from '../tokens';
import type { QuickBooksAccess } from './quickbooks-access';
import { QuickBooksAuthorizationService } from './quickbooks-authorization.service';
import {
  CALLBACK_PATH,
  createQuickBooksCallbackHandler,
  createQuickBooksDisconnectHandler,
  DISCONNECT_PATH,
} from './quickbooks-callback';
import { QUICKBOOKS_CHECK_JOB, QUICKBOOKS_CHECK_KEY, QuickBooksConnectionChecker } from './quickbooks-checker';
import { QuickBooksConfigurationRecord } from './quickbooks-configuration.entity';
import { QuickBooksConfigurationStore } from './quickbooks-configuration.store';
import { QuickBooksConfigurationsService } from './quickbooks-configurations.service';
import { QuickBooksConnectionService } from './quickbooks-connection.service';
import { QuickBooksNotificationsService } from './quickbooks-notifications.service';
import { qboClientFactory } from './quickbooks-qbo-clients';
import { QUICKBOOKS_THROTTLE_RULES } from './quickbooks-throttles';
import { QuickBooksTokenManager, tokenContext } from './quickbooks-token-manager';
import { QuickBooksResolver } from './quickbooks.resolver';

export interface QuickBooksServices {
  store: QuickBooksConfigurationStore;
  configurations: QuickBooksConfigurationsService;
  authorization: QuickBooksAuthorizationService;
  connection: QuickBooksConnectionService;
  notifications: QuickBooksNotificationsService;
  tokens: QuickBooksTokenManager;
  checker: QuickBooksConnectionChecker;
  /** For other features: the account's companies as they may use them. */
  access: QuickBooksAccess;
}

/** QuickBooks Online configurations, the Intuit OAuth flow, tokens and the background connection checker. */
export const quickBooksFeature = defineFeature<QuickBooksServices>({
  name: 'quickbooks',
  entities: [QuickBooksConfigurationRecord],
  resolvers: [QuickBooksResolver],
  sealedColumns: [
    {
      entity: QuickBooksConfigurationRecord,
      table: 'quickbooks_configurations',
      columns: ['accessTokenSealed', 'refreshTokenSealed'],
      context: (row, column) => tokenContext(row, column === 'accessTokenSealed' ? 'accessToken' : 'refreshToken'),
    },
  ],
  create: (host) => {
    const { config, dataSource, clock, logger } = host;
    const connectWise = host.use(connectWiseFeature);
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
      // Intuit token calls (retries included) finish well inside the refresh lease.
      timeoutMs: config.intuit.tokens.callTimeoutMs,
    });
    const store = new QuickBooksConfigurationStore(dataSource);
    const qboClients = qboClientFactory({ baseUrl: config.intuit.qboApiBaseUrl, logger });
    const notifications = new QuickBooksNotificationsService({
      store,
      findAccount: (id) => dataSource.getRepository(Account).findOneBy({ id }),
      mail: host.use(mailFeature).mail,
      logger,
      appUrl: config.appUrl,
    });
    const tokens = new QuickBooksTokenManager({
      store,
      clock,
      keyRing: { keys: config.encryptionKeys },
      oauth,
      logger,
      reconnectAfterDays: config.intuit.reconnectAfterDays,
      tokenTimeoutMs: config.intuit.tokens.callTimeoutMs,
      leaseMs: config.intuit.tokens.refreshLeaseMs,
      refreshSkewMs: config.intuit.tokens.refreshSkewMs,
      onLost: (configurationId, code) => notifications.notifyLost(configurationId, code),
    });
    const connection = new QuickBooksConnectionService({
      store,
      tokens,
      connectWise: connectWise.status,
      qboClients,
      throttles: new Throttles(dataSource, QUICKBOOKS_THROTTLE_RULES),
      checks: host.use(connectionChecksFeature).gate,
      clock,
      logger,
    });
    const configurations = new QuickBooksConfigurationsService({
      store,
      connectWise: connectWise.access,
      disconnect: (record) => connection.disconnectRecord(record),
      clock,
      logger,
    });
    const authorization = new QuickBooksAuthorizationService({
      states: host.use(tokensFeature).singleUse,
      store,
      tokens,
      oauth,
      connectWise: connectWise.access,
      qboClients,
      clock,
      logger,
      redirectUri,
    });
    const checker = new QuickBooksConnectionChecker({
      store,
      clock,
      connection,
      tokens,
      notifications,
      logger,
      validateEveryMs: config.intuit.checker.validateEveryMs,
      keepAliveWithinMs: config.intuit.checker.keepAliveWithinMs,
    });
    const access: QuickBooksAccess = {
      requireConnected: (accountId, configurationId) => connection.requireConnected(accountId, configurationId),
      withClient: (accountId, configurationId, work) => connection.withClient(accountId, configurationId, work),
      list: (accountId) => configurations.list(accountId),
    };
    const callback = createQuickBooksCallbackHandler({
      authorization,
      notifications,
      sessionAccountId: host.use(authFeature).sessionAccountId,
      appUrl: config.appUrl,
      logger,
    });
    return {
      services: { store, configurations, authorization, connection, notifications, tokens, checker, access },
      resolvers: [
        bindResolver(QuickBooksResolver, new QuickBooksResolver({ configurations, authorization, connection })),
      ],
      routes: [
        { method: 'get', path: CALLBACK_PATH, handler: callback },
        {
          method: 'get',
          path: DISCONNECT_PATH,
          handler: createQuickBooksDisconnectHandler({
            connection,
            notifications,
            sessionAccountId: host.use(authFeature).sessionAccountId,
            appUrl: config.appUrl,
            logger,
          }),
        },
      ],
      onAccountVerified: (accountId, manager) => configurations.createDefault(accountId, manager),
      jobs: {
        [QUICKBOOKS_CHECK_JOB]: async () => {
          await checker.runOnce();
        },
      },
      // One timer pattern: the checker is a schedule of the job queue, once a minute (docs/imports.md §4).
      start: () =>
        host.jobs.upsertSchedule(QUICKBOOKS_CHECK_KEY, config.intuit.checker.runEveryMs, QUICKBOOKS_CHECK_JOB, {}),
      // A refresh in flight commits before the database closes: under Intuit's strict reading its new
      // refresh token is the only one (docs/token-manager.md §3).
      stop: async () => {
        await checker.stop();
        await tokens.drain();
      },
    };
  },
});
