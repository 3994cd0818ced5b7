import type { PsaUnpostedInvoice } from '../../integrations/connectwise';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../lib/logger';
import { connectWiseProblem } from './vendor-problems';
import type { ImportItemRecord, QboDocumentEntity } from './import-item.entity';
import type { ImportRunRecord, ImportTriggerKind } from './import-run.entity';
import { importInProgress, noInvoicesChosen, nothingToRetry, runNotFound, runStillActive } from './import-errors';
import type { ImportSettingsService } from './import-settings.service';
import type { ImportStore } from './import.store';
import { JOB_RUN, runJobId, type ConnectWiseAccess, type ImportJobs, type QuickBooksAccess } from './import.ports';
import {
  ImportExportState,
  ImportStatus,
  ImportTrigger,
  type ImportResult,
  type ImportRun,
  type ImportSummary,
  type PsaInvoice,
} from './import.types';

export interface ImportServiceDeps {
  store: ImportStore;
  settings: ImportSettingsService;
  quickBooks: QuickBooksAccess;
  connectWise: ConnectWiseAccess;
  jobs: ImportJobs;
  clock: Clock;
  logger: Logger;
  /** Link that opens a QBO document (docs/psa-to-qbo-mapping.md). */
  documentUrl(realmId: string, entity: QboDocumentEntity, id: string): string;
  /** How long the account's unposted list is reused for the dashboard's "waiting" counts. */
  waitingCacheMs?: number;
}

export interface Requester {
  accountId: string;
  email: string | null;
}

const DEFAULT_WAITING_CACHE_MS = 30_000;

/** Starting runs, reading them, and the preview of unposted invoices (docs/imports.md §1, §3.1). */
export class ImportService {
  private readonly unpostedCache = new Map<string, { at: number; ids: Promise<number[]> }>();

  constructor(private readonly deps: ImportServiceDeps) {}

  // ---- preview ---------------------------------------------------------------------------------

  /** Every unposted PSA invoice (all pages), marked with whether it is already in this QBO company. */
  async unpostedInvoices(accountId: string, configurationId: string): Promise<PsaInvoice[]> {
    const configuration = await this.deps.quickBooks.requireConnected(accountId, configurationId);
    await this.deps.connectWise.assertConnected(accountId);
    const invoices = await this.listUnposted(accountId);
    const imported = await this.deps.store.importedDocuments(
      accountId,
      configuration.realmId,
      invoices.map((invoice) => invoice.id),
    );
    return invoices
      .map((invoice) => {
        const document = imported.get(invoice.id);
        return {
          id: String(invoice.id),
          invoiceNumber: invoice.invoiceNumber,
          companyName: invoice.company.name,
          companyId: String(invoice.company.id),
          date: invoice.invoiceDate ?? '',
          dueDate: invoice.dueDate,
          type: invoice.invoiceType,
          total: invoice.totalCents / 100,
          totalCents: invoice.totalCents,
          currency: invoice.currencyCode,
          imported: document !== undefined,
          qboUrl: document ? this.deps.documentUrl(configuration.realmId, document.qboEntity, document.qboId) : null,
        };
      })
      .sort((a, b) => b.date.localeCompare(a.date) || a.invoiceNumber.localeCompare(b.invoiceNumber));
  }

  // ---- runs ------------------------------------------------------------------------------------

  async startImport(
    requester: Requester,
    configurationId: string,
    invoiceIds: readonly string[] | null | undefined,
  ): Promise<ImportRun> {
    let ids: number[] | null = null;
    if (invoiceIds !== null && invoiceIds !== undefined) {
      ids = [...new Set(invoiceIds.map(Number))];
      if (ids.length === 0) throw noInvoicesChosen();
    }
    const run = await this.queueRun(requester.accountId, configurationId, {
      source: 'USER',
      requestedBy: requester.email,
      invoiceIds: ids,
      retryOfRunId: null,
    });
    return this.view(run);
  }

  /** A new run of just the failed invoices of a finished run ("Retry failed"). */
  async retryFailed(requester: Requester, runId: string): Promise<ImportRun> {
    const previous = await this.requireRun(requester.accountId, runId);
    if (previous.status === 'QUEUED' || previous.status === 'RUNNING') throw runStillActive();
    const failed = await this.deps.store.failedPsaInvoiceIds(previous.id);
    if (failed.length === 0) throw nothingToRetry();
    const run = await this.queueRun(requester.accountId, previous.configurationId, {
      source: 'RETRY',
      requestedBy: requester.email,
      invoiceIds: failed,
      retryOfRunId: previous.id,
    });
    return this.view(run);
  }

  /** Queues a run unless one of the configuration is already queued or running (AutoSync uses it too). */
  async queueRun(
    accountId: string,
    configurationId: string,
    options: {
      source: ImportTriggerKind;
      requestedBy: string | null;
      invoiceIds: number[] | null;
      retryOfRunId: string | null;
    },
  ): Promise<ImportRunRecord> {
    const configuration = await this.deps.quickBooks.requireConnected(accountId, configurationId);
    await this.deps.connectWise.assertConnected(accountId);
    const active = await this.deps.store.activeRunOf(configuration.id);
    if (active) throw importInProgress(active.id);
    const settings = await this.deps.settings.effective(configuration.id, accountId);
    const run = await this.deps.store.createRun({
      accountId,
      configurationId: configuration.id,
      realmId: configuration.realmId,
      source: options.source,
      requestedBy: options.requestedBy,
      retryOfRunId: options.retryOfRunId,
      requestedInvoiceIds: options.invoiceIds,
      markExported: settings.markExported,
    });
    await this.deps.jobs.add(JOB_RUN, { runId: run.id }, { jobId: runJobId(run.id) });
    this.deps.logger.info(
      {
        event: 'import.queued',
        accountId,
        configurationId: configuration.id,
        runId: run.id,
        source: options.source,
        invoices: options.invoiceIds?.length ?? 'all',
      },
      'import queued',
    );
    return run;
  }

  async run(accountId: string, runId: string): Promise<ImportRun | null> {
    const run = await this.deps.store.getRunOf(accountId, runId);
    return run ? this.view(run) : null;
  }

  async runs(accountId: string, configurationId: string, limit = 20): Promise<ImportRun[]> {
    const configuration = await this.deps.quickBooks.requireConfiguration(accountId, configurationId);
    return (await this.deps.store.listRuns(configuration.id, limit)).map((run) => this.view(run));
  }

  async results(run: ImportRun, options: { status?: string | null; limit?: number | null }): Promise<ImportResult[]> {
    const record = await this.deps.store.getRun(run.id);
    if (!record) return [];
    const items = await this.deps.store.results(record.id, options);
    return items.map((item) => this.resultView(record.realmId, item));
  }

  /** The dashboard's line per configuration: the last run and how many unposted invoices wait. */
  async summaries(accountId: string): Promise<ImportSummary[]> {
    const configurations = await this.deps.quickBooks.list(accountId);
    const latest = await this.deps.store.latestRuns(configurations.map((c) => c.id));
    const connectedRealms = configurations.filter((c) => c.connected && c.realmId).map((c) => c.realmId as string);
    let unposted: number[] | null = null;
    let problem: string | null = null;
    if (connectedRealms.length > 0) {
      try {
        await this.deps.connectWise.assertConnected(accountId);
        unposted = await this.unpostedIds(accountId);
      } catch (error) {
        problem = connectWiseProblem(error)?.message ?? (error instanceof Error ? error.message : String(error));
      }
    }
    const imported = await this.deps.store.importedIdsByRealm(accountId, connectedRealms);
    return configurations.map((configuration) => {
      const run = latest.get(configuration.id);
      const done = configuration.realmId ? imported.get(configuration.realmId) : undefined;
      const waiting =
        configuration.connected && unposted && done ? unposted.filter((id) => !done.has(id)).length : null;
      return {
        configurationId: configuration.id,
        lastRun: run ? this.view(run) : null,
        waiting,
        waitingMessage:
          waiting !== null
            ? null
            : configuration.connected
              ? problem
              : 'Connect this company to QuickBooks Online to import into it.',
      };
    });
  }

  /** Unposted invoices not yet imported into the configuration's company (AutoSync's question). */
  async waitingFor(accountId: string, configurationId: string): Promise<number> {
    const configuration = await this.deps.quickBooks.requireConnected(accountId, configurationId);
    await this.deps.connectWise.assertConnected(accountId);
    const ids = await this.unpostedIds(accountId, { fresh: true });
    const imported = await this.deps.store.importedDocuments(accountId, configuration.realmId, ids);
    return ids.filter((id) => !imported.has(id)).length;
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private async requireRun(accountId: string, runId: string): Promise<ImportRunRecord> {
    const run = await this.deps.store.getRunOf(accountId, runId);
    if (!run) throw runNotFound();
    return run;
  }

  private async listUnposted(accountId: string): Promise<PsaUnpostedInvoice[]> {
    const client = await this.deps.connectWise.clientFor(accountId);
    try {
      return await client.listUnpostedInvoices();
    } catch (error) {
      throw connectWiseProblem(error) ?? error;
    }
  }

  private unpostedIds(accountId: string, options: { fresh?: boolean } = {}): Promise<number[]> {
    const now = Date.now();
    const cached = this.unpostedCache.get(accountId);
    const maxAge = this.deps.waitingCacheMs ?? DEFAULT_WAITING_CACHE_MS;
    if (cached && !options.fresh && now - cached.at < maxAge) return cached.ids;
    const ids = this.listUnposted(accountId).then((invoices) => invoices.map((invoice) => invoice.id));
    this.unpostedCache.set(accountId, { at: now, ids });
    ids.catch(() => this.unpostedCache.delete(accountId));
    return ids;
  }

  view(run: ImportRunRecord): ImportRun {
    return {
      id: run.id,
      configurationId: run.configurationId,
      status: run.status as ImportStatus,
      trigger: run.source as ImportTrigger,
      requestedBy: run.requestedBy,
      retryOfRunId: run.retryOfRunId,
      planned: run.planned,
      total: run.total,
      done: run.succeeded + run.failed + run.skipped,
      succeeded: run.succeeded,
      failed: run.failed,
      skipped: run.skipped,
      createdAt: run.createdAt,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      message: run.message,
      markExported: run.markExported,
      exportState: run.exportState as ImportExportState,
      exportMessage: run.exportMessage,
    };
  }

  private resultView(realmId: string, item: ImportItemRecord): ImportResult {
    return {
      psaInvoiceId: String(item.psaInvoiceId),
      invoiceNumber: item.invoiceNumber,
      companyName: item.companyName,
      type: item.invoiceType,
      total: item.totalCents / 100,
      totalCents: item.totalCents,
      currency: item.currency,
      status: item.status === 'ATTEMPTING' ? 'PENDING' : item.status,
      qboInvoiceId: item.qboId,
      qboDocumentType: item.qboEntity,
      qboUrl: item.qboEntity && item.qboId ? this.deps.documentUrl(realmId, item.qboEntity, item.qboId) : null,
      message: item.message,
      hint: item.hint,
    };
  }
}
