import { ConfigurationsOverviewDocument } from '../generated/graphql';

/** API answers as the server sends them (with __typename), for MockedProvider. */

type State = 'NOT_CONNECTED' | 'CONNECTED' | 'EXPIRING' | 'LOST';

export function status(state: State, message: string | null = null, extra: Record<string, unknown> = {}) {
  return {
    __typename: 'ConnectionStatus',
    state,
    message,
    checkedAt: state === 'NOT_CONNECTED' ? null : '2026-01-05T10:00:00.000Z',
    reconnectBy: null,
    ...extra,
  };
}

export function connectWiseConnection(state: State = 'CONNECTED', message: string | null = null) {
  return {
    __typename: 'ConnectWiseConnection',
    id: 'cw1',
    site: 'na.myconnectwise.net',
    companyId: 'acme',
    publicKey: 'PublicKey01',
    privateKeyHint: '6789',
    companyName: 'Acme Managed Services',
    codebase: 'v2025_1/',
    validatedAt: '2026-01-05T10:00:00.000Z',
    status: status(state, message),
  };
}

export function quickBooksConfiguration(overrides: Record<string, unknown> = {}) {
  return {
    __typename: 'QuickBooksConfiguration',
    id: 'qb1',
    name: 'Default',
    isDefault: true,
    realmId: null,
    companyName: null,
    connectedAt: null,
    lastSuccessAt: null,
    statusReason: null,
    connectionStatus: status('NOT_CONNECTED', 'Not connected yet'),
    ...overrides,
  };
}

export function connectedQuickBooks(overrides: Record<string, unknown> = {}) {
  return quickBooksConfiguration({
    realmId: '9130357000000001',
    companyName: 'Sandbox Company US 1',
    connectedAt: '2026-01-05T10:00:00.000Z',
    lastSuccessAt: '2026-01-05T10:00:00.000Z',
    connectionStatus: status('CONNECTED'),
    ...overrides,
  });
}

export function lostQuickBooks(name = 'Default', overrides: Record<string, unknown> = {}) {
  return connectedQuickBooks({
    name,
    statusReason: 'Intuit no longer accepts the authorization. Connect to QuickBooks again.',
    connectionStatus: status('LOST', `Your ${name} connection to QuickBooks Online has been lost. Please reconnect.`),
    ...overrides,
  });
}

export function overviewMock(
  connectWise: ReturnType<typeof connectWiseConnection> | null,
  quickBooks: ReturnType<typeof quickBooksConfiguration>[] = [quickBooksConfiguration()],
) {
  return {
    request: { query: ConfigurationsOverviewDocument },
    result: {
      data: {
        me: { __typename: 'Account', id: '1', connectWise },
        connectionStatus: { __typename: 'AccountConnectionStatus', quickBooks },
      },
    },
  };
}
