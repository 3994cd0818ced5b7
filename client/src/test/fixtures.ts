import {
  ConfigurationsOverviewDocument,
  RevalidateConnectionsDocument,
  ImportMappingsDocument,
  ImportSummariesDocument,
  type ConfigurationsOverviewQuery,
  type ConnectWiseConnectionFieldsFragment,
  type ImportRunFieldsFragment,
  type ImportSettingsFieldsFragment,
  type ImportSummariesQuery,
  type PsaInvoiceFieldsFragment,
  type QuickBooksConfigurationFieldsFragment,
  type RevalidateConnectionsQuery,
} from '../generated/graphql';
import { mocked, type Answer, type Result } from './mocks';

/**
 * API answers as the server sends them (with __typename), for MockedProvider. Each is typed by the generated
 * operation types, so a fixture the schema has moved away from fails `npm run typecheck`.
 */

export type ConnectionStatusAnswer = Answer<QuickBooksConfigurationFieldsFragment['connectionStatus']>;
export type QuickBooksConfigurationAnswer = Answer<QuickBooksConfigurationFieldsFragment>;
export type ConnectWiseConnectionAnswer = Answer<ConnectWiseConnectionFieldsFragment>;
export type ImportRunAnswer = Answer<ImportRunFieldsFragment>;
export type PsaInvoiceAnswer = Answer<PsaInvoiceFieldsFragment>;
export type ImportSummaryAnswer = Answer<ImportSummariesQuery['importSummaries'][number]>;
export type ImportSettingsAnswer = Answer<ImportSettingsFieldsFragment>;

type State = ConnectionStatusAnswer['state'];

export function status(
  state: State,
  message: string | null = null,
  extra: Partial<ConnectionStatusAnswer> = {},
): ConnectionStatusAnswer {
  return {
    __typename: 'ConnectionStatus',
    state,
    message,
    checkedAt: state === 'NOT_CONNECTED' ? null : '2026-01-05T10:00:00.000Z',
    reconnectBy: null,
    ...extra,
  };
}

export function connectWiseConnection(
  state: State = 'CONNECTED',
  message: string | null = null,
): ConnectWiseConnectionAnswer {
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

export function quickBooksConfiguration(
  overrides: Partial<QuickBooksConfigurationAnswer> = {},
): QuickBooksConfigurationAnswer {
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

export function connectedQuickBooks(
  overrides: Partial<QuickBooksConfigurationAnswer> = {},
): QuickBooksConfigurationAnswer {
  return quickBooksConfiguration({
    realmId: '9130357000000001',
    companyName: 'Sandbox Company US 1',
    connectedAt: '2026-01-05T10:00:00.000Z',
    lastSuccessAt: '2026-01-05T10:00:00.000Z',
    connectionStatus: status('CONNECTED'),
    ...overrides,
  });
}

export function lostQuickBooks(
  name = 'Default',
  overrides: Partial<QuickBooksConfigurationAnswer> = {},
): QuickBooksConfigurationAnswer {
  return connectedQuickBooks({
    name,
    statusReason: 'Intuit no longer accepts the authorization. Connect to QuickBooks again.',
    connectionStatus: status('LOST', `Your ${name} connection to QuickBooks Online has been lost. Please reconnect.`),
    ...overrides,
  });
}

export function revalidateAnswer(quickBooks: QuickBooksConfigurationAnswer[]): Result<RevalidateConnectionsQuery> {
  return { data: { connectionStatus: { __typename: 'AccountConnectionStatus', quickBooks } } };
}

/** What opening the dashboard or a configuration page asks: `connectionStatus(maxAgeSeconds: 300)`. */
export function revalidateMock(quickBooks: QuickBooksConfigurationAnswer[]) {
  return mocked({
    request: { query: RevalidateConnectionsDocument, variables: { maxAgeSeconds: 300 } },
    result: revalidateAnswer(quickBooks),
  });
}

export function overviewAnswer(
  connectWise: ConnectWiseConnectionAnswer | null,
  quickBooks: QuickBooksConfigurationAnswer[] = [quickBooksConfiguration()],
): Result<ConfigurationsOverviewQuery> {
  return {
    data: {
      me: { __typename: 'Account', id: '1', connectWise },
      connectionStatus: { __typename: 'AccountConnectionStatus', quickBooks },
    },
  };
}

export function overviewMock(
  connectWise: ConnectWiseConnectionAnswer | null,
  quickBooks: QuickBooksConfigurationAnswer[] = [quickBooksConfiguration()],
) {
  return mocked({
    request: { query: ConfigurationsOverviewDocument },
    result: overviewAnswer(connectWise, quickBooks),
  });
}

export function importRun(overrides: Partial<ImportRunAnswer> = {}): ImportRunAnswer {
  return {
    __typename: 'ImportRun',
    id: 'run1',
    configurationId: 'qb1',
    status: 'SUCCEEDED',
    trigger: 'USER',
    requestedBy: 'bookkeeper@example.com',
    retryOfRunId: null,
    total: 3,
    done: 3,
    succeeded: 3,
    failed: 0,
    skipped: 0,
    createdAt: '2026-01-06T09:00:00.000Z',
    startedAt: '2026-01-06T09:00:01.000Z',
    finishedAt: '2026-01-06T09:00:09.000Z',
    message: null,
    markExported: false,
    exportState: 'OFF',
    exportMessage: null,
    ...overrides,
  };
}

export function psaInvoice(overrides: Partial<PsaInvoiceAnswer> = {}): PsaInvoiceAnswer {
  return {
    __typename: 'PsaInvoice',
    id: '101',
    invoiceNumber: 'INV-101',
    companyId: 'c1',
    companyName: 'Acme Dental Group',
    date: '2025-10-31',
    dueDate: '2025-11-30',
    type: 'Standard',
    totalCents: 10000,
    currency: 'USD',
    imported: false,
    qboUrl: null,
    ...overrides,
  };
}

export function importSummary(overrides: Partial<ImportSummaryAnswer> = {}): ImportSummaryAnswer {
  return {
    __typename: 'ImportSummary',
    configurationId: 'qb1',
    waiting: 0,
    waitingMessage: null,
    lastRun: null,
    ...overrides,
  };
}

export function importSummariesMock(summaries: ImportSummaryAnswer[]) {
  return mocked({ request: { query: ImportSummariesDocument }, result: { data: { importSummaries: summaries } } });
}

export function importSettings(overrides: Partial<ImportSettingsAnswer> = {}): ImportSettingsAnswer {
  return {
    __typename: 'ImportSettings',
    configurationId: 'qb1',
    incomeAccountId: null,
    taxableTaxCode: 'TAX',
    nonTaxableTaxCode: 'NON',
    appendAccountNumber: false,
    markExported: false,
    autoSyncMinutes: 0,
    lastAutoSyncAt: null,
    nextAutoSyncAt: null,
    ...overrides,
  };
}

const option = (id: string, name: string) => ({ __typename: 'QuickBooksOption', id, name });

export function importMappingsMock(settings = importSettings()) {
  return mocked({
    request: { query: ImportMappingsDocument, variables: { configurationId: settings.configurationId } },
    result: {
      data: {
        importSettings: settings,
        importMappingOptions: {
          __typename: 'ImportMappingOptions',
          incomeAccounts: [option('79', 'Services'), option('80', 'Sales of Product Income')],
          taxCodes: [option('TAX', 'TAX'), option('NON', 'NON')],
        },
      },
    },
  });
}
