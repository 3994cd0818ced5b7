import { ConnectWiseClient, type PsaExportTransaction } from '../../src/integrations/connectwise';
import { DEMO_CREDENTIALS } from '../../src/simulators/connectwise';
import type { RunningIntuitSimulator } from '../../src/simulators/intuit';
import { CONNECTWISE_TEST_ENV, type Session } from './quickbooks';
import { gql, type GraphQLResponse, type TestServer } from './test-server';

/** Helpers for the import tests: the GraphQL operations, waiting for a run, and what QBO and the PSA hold. */

export const RUN_FIELDS =
  'id configurationId status trigger total done succeeded failed skipped message markExported exportState exportMessage requestedBy retryOfRunId createdAt startedAt finishedAt';
export const RESULT_FIELDS =
  'psaInvoiceId invoiceNumber companyName type total totalCents status qboInvoiceId qboDocumentType qboUrl message hint';
export const SETTINGS_FIELDS =
  'configurationId incomeAccountId taxableTaxCode nonTaxableTaxCode appendAccountNumber markExported autoSyncMinutes lastAutoSyncAt nextAutoSyncAt';

export const IMPORT = {
  preview: `query($id: ID!) { unpostedInvoices(configurationId: $id) { id invoiceNumber companyName companyId date dueDate type total totalCents imported qboUrl } }`,
  start: `mutation($id: ID!, $ids: [ID!]) { startImport(configurationId: $id, invoiceIds: $ids) { ${RUN_FIELDS} } }`,
  run: `query($id: ID!) { importRun(id: $id) { ${RUN_FIELDS} results { ${RESULT_FIELDS} } } }`,
  runs: `query($id: ID!, $limit: Int) { importRuns(configurationId: $id, limit: $limit) { ${RUN_FIELDS} } }`,
  retry: `mutation($runId: ID!) { retryFailedImport(runId: $runId) { ${RUN_FIELDS} } }`,
  settings: `query($id: ID!) { importSettings(configurationId: $id) { ${SETTINGS_FIELDS} } }`,
  options: `query($id: ID!) { importMappingOptions(configurationId: $id) { incomeAccounts { id name } taxCodes { id name } } }`,
  save: `mutation($input: ImportSettingsInput!) { saveImportSettings(input: $input) { ${SETTINGS_FIELDS} } }`,
  summaries: `{ importSummaries { configurationId waiting waitingMessage lastRun { ${RUN_FIELDS} } } }`,
};

export interface RunView {
  id: string;
  configurationId: string;
  status: string;
  trigger: string;
  total: number;
  done: number;
  succeeded: number;
  failed: number;
  skipped: number;
  message: string | null;
  markExported: boolean;
  exportState: string;
  exportMessage: string | null;
  requestedBy: string | null;
  retryOfRunId: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  results?: ResultView[];
}

export interface ResultView {
  psaInvoiceId: string;
  invoiceNumber: string;
  companyName: string;
  type: string;
  totalCents: number;
  status: string;
  qboInvoiceId: string | null;
  qboDocumentType: string | null;
  qboUrl: string | null;
  message: string | null;
  hint: string | null;
}

export const DEFAULT_SETTINGS: {
  incomeAccountId: string | null;
  taxableTaxCode: string;
  nonTaxableTaxCode: string;
  appendAccountNumber: boolean;
  markExported: boolean;
  autoSyncMinutes: number;
} = {
  incomeAccountId: null,
  taxableTaxCode: 'TAX',
  nonTaxableTaxCode: 'NON',
  appendAccountNumber: false,
  markExported: false,
  autoSyncMinutes: 0,
};

export function importEnv(intuit: RunningIntuitSimulator): Record<string, string> {
  return { ...CONNECTWISE_TEST_ENV, QBO_APP_BASE_URL: `${intuit.url}/app/` };
}

export async function startImport(
  server: TestServer,
  session: Session,
  configurationId: string,
  ids: string[] | null = null,
): Promise<GraphQLResponse<{ startImport: RunView }>> {
  return gql<{ startImport: RunView }>(server.url, IMPORT.start, { id: configurationId, ids }, session);
}

export async function runOf(server: TestServer, session: Session, runId: string): Promise<RunView> {
  const res = await gql<{ importRun: RunView | null }>(server.url, IMPORT.run, { id: runId }, session);
  if (!res.body.data?.importRun) throw new Error(`importRun failed: ${res.raw}`);
  return res.body.data.importRun;
}

/** Polls importRun (as the dashboard does) until the run has finished. */
export async function waitForRun(
  server: TestServer,
  session: Session,
  runId: string,
  timeoutMs = 120_000,
): Promise<RunView> {
  const started = Date.now();
  for (;;) {
    const run = await runOf(server, session, runId);
    if (run.status !== 'QUEUED' && run.status !== 'RUNNING') return run;
    if (Date.now() - started > timeoutMs) throw new Error(`run ${runId} still ${run.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Starts an import and waits for its end. */
export async function importAndWait(
  server: TestServer,
  session: Session,
  configurationId: string,
  ids: string[] | null = null,
): Promise<RunView> {
  const res = await startImport(server, session, configurationId, ids);
  if (!res.body.data) throw new Error(`startImport failed: ${res.raw}`);
  return waitForRun(server, session, res.body.data.startImport.id);
}

export async function saveSettings(
  server: TestServer,
  session: Session,
  configurationId: string,
  changes: Partial<typeof DEFAULT_SETTINGS>,
): Promise<GraphQLResponse<{ saveImportSettings: typeof DEFAULT_SETTINGS }>> {
  return gql(server.url, IMPORT.save, { input: { configurationId, ...DEFAULT_SETTINGS, ...changes } }, session);
}

/** Every QBO document of a kind in the simulated company, by DocNumber (several when duplicated). */
export function qboDocuments(
  intuit: RunningIntuitSimulator,
  realmId: string,
  entity: 'Invoice' | 'CreditMemo' = 'Invoice',
): Map<string, Array<Record<string, unknown>>> {
  const byNumber = new Map<string, Array<Record<string, unknown>>>();
  for (const doc of intuit.controls.company(realmId).list(entity)) {
    const key = String(doc.DocNumber ?? '');
    byNumber.set(key, [...(byNumber.get(key) ?? []), doc]);
  }
  return byNumber;
}

export function demoConnectWiseClient(site: string): ConnectWiseClient {
  return new ConnectWiseClient({
    site,
    ...DEMO_CREDENTIALS,
    clientId: CONNECTWISE_TEST_ENV.CONNECTWISE_CLIENT_ID,
    allowHttp: true,
  });
}

/** The PSA's own view of these invoices (the GL export), to compare QBO against. */
export async function psaTransactions(site: string, ids: number[]): Promise<Map<number, PsaExportTransaction>> {
  const glExport = await demoConnectWiseClient(site).exportInvoices({ includedInvoiceIds: ids });
  return new Map(glExport.transactions.map((txn) => [txn.id, txn]));
}

/** Sum of a QBO document's sales lines, in cents. */
export function qboLineCents(doc: Record<string, unknown>): number[] {
  const lines = (doc.Line as Array<Record<string, unknown>>) ?? [];
  return lines
    .filter((line) => line.DetailType === 'SalesItemLineDetail')
    .map((line) => Math.round(Number(line.Amount) * 100));
}
