import { ConnectionState } from '../../graphql/connection-status';
import { QboError, type QboClient } from '../../integrations/intuit/qbo-client';
import { CheckGate } from '../../lib/check-gate';
import { ManualClock } from '../../lib/clock';
import { DomainError, ErrorCode } from '../../lib/errors';
import { QuickBooksErrorCode } from './quickbooks-errors';
import { createLogger } from '../../lib/logger';
import type { QuickBooksConfigurationRecord } from './quickbooks-configuration.entity';
import { newConfiguration } from './quickbooks-configuration.store';
import { configurationNotFound } from './quickbooks-errors';
import { QuickBooksConnectionService, type ConnectionServiceDeps } from './quickbooks-connection.service';
import type { AccessTokenOptions } from './quickbooks-token-manager';

const DAY = 24 * 60 * 60 * 1000;
const clock = new ManualClock(new Date('2026-03-02T09:00:00.000Z'));
const ACCOUNT = 'account-1';

function record(overrides: Partial<QuickBooksConfigurationRecord> = {}): QuickBooksConfigurationRecord {
  return {
    ...newConfiguration({ accountId: ACCOUNT, name: 'Default', nameKey: 'default', isDefault: true, now: clock.now() }),
    state: 'CONNECTED',
    realmId: '9130357000000001',
    companyName: 'Demo Company',
    refreshTokenSealed: 'sealed',
    reconnectBy: new Date(clock.now().getTime() + 60 * DAY),
    tokenVersion: 3,
    ...overrides,
  };
}

/** A service over in-memory fakes: one configuration, a token source that counts its calls, fake QBO clients. */
function serviceWith(configuration: QuickBooksConfigurationRecord) {
  const tokenCalls: AccessTokenOptions[] = [];
  const unused = () => Promise.reject(new Error('not used by this test'));
  const deps: ConnectionServiceDeps = {
    store: {
      byId: async (id) => (id === configuration.id ? configuration : null),
      require: async (accountId, id) => {
        if (accountId !== configuration.accountId || id !== configuration.id) throw configurationNotFound();
        return configuration;
      },
      viewsOf: async () => [configuration],
      holdingRealm: unused,
      disconnect: unused,
      recordCheckFailure: unused,
      recordCheckSuccess: unused,
    },
    tokens: {
      accessToken: async (_id, options = {}) => {
        tokenCalls.push(options);
        const version = configuration.tokenVersion + tokenCalls.length - 1;
        return { accessToken: `access-v${version}`, realmId: configuration.realmId as string, tokenVersion: version };
      },
      markLost: unused,
      readRefreshToken: () => null,
      revokeQuietly: unused,
    },
    connectWise: {
      getStatus: async () => ({ state: ConnectionState.CONNECTED, message: null, checkedAt: null, reconnectBy: null }),
      checkedLongerAgoThan: async () => false,
      recheckIfOlderThan: unused,
    },
    qboClients: (realmId, accessToken) => ({ realmId, accessToken }) as unknown as QboClient,
    throttles: { hit: async () => ({ blocked: false, retryAfterMs: 0 }) },
    checks: new CheckGate({ claims: { claim: async () => async () => undefined, isClaimed: async () => false } }),
    clock,
    logger: createLogger({ level: 'silent' }),
  };
  return { service: new QuickBooksConnectionService(deps), tokenCalls };
}

const tokenOf = (client: QboClient) => (client as unknown as { accessToken: string }).accessToken;

describe('QuickBooksConnectionService', () => {
  it('retries once with a forced refresh when QuickBooks refuses the access token (401)', async () => {
    const configuration = record();
    const { service, tokenCalls } = serviceWith(configuration);
    const seen: string[] = [];
    const answer = await service.withClient(ACCOUNT, configuration.id, async (client) => {
      seen.push(tokenOf(client));
      if (seen.length === 1) throw new QboError('UNAUTHORIZED', 'refused', { status: 401 });
      return 'done';
    });
    expect(answer).toBe('done');
    expect(seen).toEqual(['access-v3', 'access-v4']);
    expect(tokenCalls).toEqual([{}, { rejectedVersion: 3 }]);
  });

  it('passes other QuickBooks errors through without refreshing', async () => {
    const configuration = record();
    const { service, tokenCalls } = serviceWith(configuration);
    const refused = new QboError('VALIDATION', 'Duplicate Name Exists', { status: 400 });
    await expect(service.withClient(ACCOUNT, configuration.id, () => Promise.reject(refused))).rejects.toBe(refused);
    expect(tokenCalls).toHaveLength(1);
  });

  it('describes a connected configuration to other features', async () => {
    const configuration = record();
    const { service } = serviceWith(configuration);
    await expect(service.requireConnected(ACCOUNT, configuration.id)).resolves.toEqual({
      configurationId: configuration.id,
      accountId: ACCOUNT,
      name: 'Default',
      realmId: '9130357000000001',
      companyName: 'Demo Company',
    });
  });

  it.each([
    ['not connected yet', { state: 'NOT_CONNECTED' as const, refreshTokenSealed: null }, undefined],
    ['lost', { state: 'LOST' as const, lastErrorCode: 'INVALID_GRANT' }, 'INVALID_GRANT'],
    ['past its reconnect deadline', { reconnectBy: new Date(clock.now().getTime() - 1) }, 'RECONNECT_DEADLINE'],
  ])('refuses a configuration that is %s with QUICKBOOKS_NOT_CONNECTED', async (_label, overrides, reason) => {
    const configuration = record(overrides);
    const { service, tokenCalls } = serviceWith(configuration);
    const error = await service.requireConnected(ACCOUNT, configuration.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(QuickBooksErrorCode.QUICKBOOKS_NOT_CONNECTED);
    expect((error as DomainError).extensions?.reason).toBe(reason);
    expect(tokenCalls).toHaveLength(0);
  });

  it("reads another account's configuration as missing (NOT_FOUND)", async () => {
    const configuration = record();
    const { service } = serviceWith(configuration);
    await expect(service.requireConnected('account-2', configuration.id)).rejects.toMatchObject({
      code: ErrorCode.NOT_FOUND,
    });
  });
});
