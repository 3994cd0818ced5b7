import { randomUUID } from 'node:crypto';
import { In, type DataSource, type EntityManager, type FindOptionsWhere, type Repository } from 'typeorm';
import { inTransaction } from '../../db/transaction';
import type { Clock } from '../../lib/clock';
import { EntityMappingRecord, type MappingKind } from './entity-mapping.entity';
import { ImportItemRecord, type ImportItemStatus, type QboDocumentEntity } from './import-item.entity';
import {
  ACTIVE_STATUSES,
  ImportRunRecord,
  type ExportState,
  type ImportRunStatus,
  type ImportTriggerKind,
} from './import-run.entity';
import { ImportedDocumentRecord } from './imported-document.entity';

/** Every read and write of import runs, items and mappings; multi-row changes are one transaction each. */

export interface NewRun {
  accountId: string;
  configurationId: string;
  realmId: string;
  source: ImportTriggerKind;
  requestedBy: string | null;
  retryOfRunId: string | null;
  requestedInvoiceIds: number[] | null;
  markExported: boolean;
}

export interface PlannedItem {
  psaInvoiceId: number;
  invoiceNumber: string;
  companyName: string;
  invoiceType: string;
  invoiceDate: string | null;
  totalCents: number;
  currency: string | null;
  status: Extract<ImportItemStatus, 'PENDING' | 'SKIPPED' | 'FAILED'>;
  qboEntity?: QboDocumentEntity | null;
  qboId?: string | null;
  message?: string | null;
}

export interface Attempt {
  itemId: string;
  requestId: string;
  batchRequestId: string | null;
  glEntryIds: number[] | null;
}

export type ItemOutcome =
  | {
      itemId: string;
      status: 'SUCCEEDED';
      qboEntity: QboDocumentEntity;
      qboId: string;
      message?: string | null;
      /** Known only now for a document adopted by the DocNumber check. */
      glEntryIds?: number[] | null;
    }
  | {
      itemId: string;
      status: 'FAILED';
      message: string;
      hint?: string | null;
      /** QBO's code for a refusal; UNKNOWN when QBO's answer could not be learnt; null for our own checks. */
      faultCode?: string | null;
    };

export interface ImportedRef {
  qboEntity: QboDocumentEntity;
  qboId: string;
}

const IN_CHUNK = 500;

function chunks<T>(values: readonly T[], size = IN_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}

export class ImportStore {
  private readonly runs: Repository<ImportRunRecord>;
  private readonly items: Repository<ImportItemRecord>;
  private readonly documents: Repository<ImportedDocumentRecord>;
  private readonly mappings: Repository<EntityMappingRecord>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {
    this.runs = dataSource.getRepository(ImportRunRecord);
    this.items = dataSource.getRepository(ImportItemRecord);
    this.documents = dataSource.getRepository(ImportedDocumentRecord);
    this.mappings = dataSource.getRepository(EntityMappingRecord);
  }

  // ---- runs ----------------------------------------------------------------------------------------

  async createRun(input: NewRun): Promise<ImportRunRecord> {
    const run: ImportRunRecord = {
      id: randomUUID(),
      accountId: input.accountId,
      configurationId: input.configurationId,
      realmId: input.realmId,
      status: 'QUEUED',
      source: input.source,
      requestedBy: input.requestedBy,
      retryOfRunId: input.retryOfRunId,
      requestedInvoiceIds: input.requestedInvoiceIds ? JSON.stringify(input.requestedInvoiceIds) : null,
      planned: false,
      total: input.requestedInvoiceIds?.length ?? 0,
      succeeded: 0,
      failed: 0,
      skipped: 0,
      message: null,
      markExported: input.markExported,
      exportState: input.markExported ? 'PENDING' : 'OFF',
      exportBatchIdentifier: null,
      exportMessage: null,
      createdAt: this.clock.now(),
      startedAt: null,
      finishedAt: null,
      heartbeatAt: null,
    };
    await this.runs.insert(run);
    return run;
  }

  getRun(id: string): Promise<ImportRunRecord | null> {
    return this.runs.findOneBy({ id });
  }

  getRunOf(accountId: string, id: string): Promise<ImportRunRecord | null> {
    return this.runs.findOneBy({ id, accountId });
  }

  activeRunOf(configurationId: string): Promise<ImportRunRecord | null> {
    return this.runs.findOne({
      where: { configurationId, status: In([...ACTIVE_STATUSES]) },
      order: { createdAt: 'DESC' },
    });
  }

  listRuns(configurationId: string, limit: number): Promise<ImportRunRecord[]> {
    return this.runs.find({ where: { configurationId }, order: { createdAt: 'DESC' }, take: limit });
  }

  async latestRuns(configurationIds: string[]): Promise<Map<string, ImportRunRecord>> {
    const latest = new Map<string, ImportRunRecord>();
    for (const id of configurationIds) {
      const [run] = await this.listRuns(id, 1);
      if (run) latest.set(id, run);
    }
    return latest;
  }

  /** Runs that should be worked but may have lost their job (a flushed queue, a job that gave up). */
  staleActiveRuns(olderThan: Date): Promise<ImportRunRecord[]> {
    return this.runs
      .createQueryBuilder('r')
      .where('r.status IN (:...active)', { active: [...ACTIVE_STATUSES] })
      .andWhere('((r.heartbeatAt IS NULL AND r.createdAt < :olderThan) OR r.heartbeatAt < :olderThan)', {
        olderThan,
      })
      .orderBy('r.createdAt', 'ASC')
      .take(100)
      .getMany();
  }

  async markRunning(runId: string): Promise<void> {
    const now = this.clock.now();
    await this.runs
      .createQueryBuilder()
      .update(ImportRunRecord)
      .set({ status: 'RUNNING', heartbeatAt: now })
      .where('id = :runId AND status IN (:...active)', { runId, active: [...ACTIVE_STATUSES] })
      .execute();
    await this.runs
      .createQueryBuilder()
      .update(ImportRunRecord)
      .set({ startedAt: now })
      .where('id = :runId AND startedAt IS NULL', { runId })
      .execute();
  }

  async heartbeat(runId: string): Promise<void> {
    await this.runs.update({ id: runId }, { heartbeatAt: this.clock.now() });
  }

  async finishRun(runId: string, status: ImportRunStatus, message: string | null): Promise<void> {
    await this.runs.update({ id: runId }, { status, message, finishedAt: this.clock.now() });
  }

  async setExport(
    runId: string,
    state: ExportState,
    fields: { identifier?: string | null; message?: string | null } = {},
  ): Promise<void> {
    await this.runs.update(
      { id: runId },
      {
        exportState: state,
        ...(fields.identifier !== undefined ? { exportBatchIdentifier: fields.identifier } : {}),
        ...(fields.message !== undefined ? { exportMessage: fields.message } : {}),
      },
    );
  }

  // ---- items ---------------------------------------------------------------------------------------

  /** Writes the run's items once (docs/imports.md §3.3); a second call finds the run planned and does nothing. */
  async writePlan(runId: string, planned: PlannedItem[]): Promise<void> {
    const now = this.clock.now();
    await inTransaction(this.dataSource, async (manager) => {
      const run = await manager.findOneBy(ImportRunRecord, { id: runId });
      if (!run || run.planned) return;
      const rows: ImportItemRecord[] = planned.map((item, position) => ({
        id: randomUUID(),
        runId,
        position,
        psaInvoiceId: item.psaInvoiceId,
        invoiceNumber: item.invoiceNumber.slice(0, 50),
        companyName: item.companyName.slice(0, 200),
        invoiceType: item.invoiceType.slice(0, 20),
        invoiceDate: item.invoiceDate,
        totalCents: item.totalCents,
        currency: item.currency ? item.currency.slice(0, 3) : null,
        status: item.status,
        qboEntity: item.qboEntity ?? null,
        qboId: item.qboId ?? null,
        message: item.message ? item.message.slice(0, 1000) : null,
        hint: null,
        faultCode: null,
        requestId: null,
        batchRequestId: null,
        glEntryIds: null,
        attemptedAt: null,
        finishedAt: item.status === 'PENDING' ? null : now,
      }));
      for (const part of chunks(rows, 200)) await manager.insert(ImportItemRecord, part);
      await manager.update(ImportRunRecord, { id: runId }, { planned: true, total: rows.length });
      await this.recount(manager, runId);
    });
  }

  /** Items still to do, in the run's order: ATTEMPTING ones (a resumed attempt) and PENDING ones. */
  unfinishedItems(runId: string): Promise<ImportItemRecord[]> {
    return this.items.find({
      where: { runId, status: In(['PENDING', 'ATTEMPTING']) },
      order: { position: 'ASC' },
    });
  }

  results(runId: string, options: { status?: string | null; limit?: number | null } = {}): Promise<ImportItemRecord[]> {
    const where: FindOptionsWhere<ImportItemRecord> = { runId };
    if (options.status === 'PENDING') where.status = In<ImportItemStatus>(['PENDING', 'ATTEMPTING']);
    else if (options.status) where.status = options.status as ImportItemStatus;
    return this.items.find({ where, order: { position: 'ASC' }, take: options.limit ?? 5000 });
  }

  async failedPsaInvoiceIds(runId: string): Promise<number[]> {
    const rows = await this.items.find({ where: { runId, status: 'FAILED' }, order: { position: 'ASC' } });
    return rows.map((row) => row.psaInvoiceId);
  }

  /** Marks the items as about to be sent, with their requestids, before anything goes to QuickBooks. */
  async recordAttempts(attempts: Attempt[]): Promise<void> {
    if (attempts.length === 0) return;
    const now = this.clock.now();
    await inTransaction(this.dataSource, async (manager) => {
      for (const attempt of attempts) {
        await manager.update(
          ImportItemRecord,
          { id: attempt.itemId },
          {
            status: 'ATTEMPTING',
            requestId: attempt.requestId,
            batchRequestId: attempt.batchRequestId,
            ...(attempt.glEntryIds ? { glEntryIds: attempt.glEntryIds.join(',') } : {}),
            attemptedAt: now,
          },
        );
      }
    });
  }

  /**
   * Earlier definitive refusals by QBO of these PSA invoices in this QBO company: part of the next requestid,
   * so a retry is a new request rather than a replay of the refusal (docs/imports.md "Requestids").
   */
  async definitiveFailures(
    run: Pick<ImportRunRecord, 'accountId' | 'realmId'>,
    psaInvoiceIds: number[],
  ): Promise<Map<number, number>> {
    const counts = new Map<number, number>();
    for (const part of chunks([...new Set(psaInvoiceIds)])) {
      const rows: Array<{ psaInvoiceId: number | string; count: number | string }> = await this.items
        .createQueryBuilder('i')
        .innerJoin(ImportRunRecord, 'r', 'r.id = i.runId')
        .select('i.psaInvoiceId', 'psaInvoiceId')
        .addSelect('COUNT(*)', 'count')
        .where('r.accountId = :accountId AND r.realmId = :realmId', { accountId: run.accountId, realmId: run.realmId })
        .andWhere("i.status = 'FAILED' AND i.faultCode IS NOT NULL AND i.faultCode <> 'UNKNOWN'")
        .andWhere('i.psaInvoiceId IN (:...ids)', { ids: part })
        .groupBy('i.psaInvoiceId')
        .getRawMany();
      for (const row of rows) counts.set(Number(row.psaInvoiceId), Number(row.count));
    }
    return counts;
  }

  /** The newest item of any run of the account for this PSA invoice (to describe one ConnectWise stopped listing). */
  lastKnownItem(accountId: string, psaInvoiceId: number): Promise<ImportItemRecord | null> {
    return this.items
      .createQueryBuilder('i')
      .innerJoin(ImportRunRecord, 'r', 'r.id = i.runId')
      .where('r.accountId = :accountId AND i.psaInvoiceId = :psaInvoiceId', { accountId, psaInvoiceId })
      .orderBy('r.createdAt', 'DESC')
      .getOne();
  }

  /**
   * Commits QBO's answers: each item's result, and for a created document its PSA→QBO mapping, in one
   * transaction with the run's counters (docs/imports.md §3.5).
   */
  async commitOutcomes(run: Pick<ImportRunRecord, 'id' | 'accountId' | 'realmId'>, outcomes: ItemOutcome[]) {
    if (outcomes.length === 0) return;
    const now = this.clock.now();
    await inTransaction(this.dataSource, async (manager) => {
      await this.lockRun(manager, run.id);
      for (const outcome of outcomes) {
        const item = await manager.findOneBy(ImportItemRecord, { id: outcome.itemId });
        if (!item || item.runId !== run.id) continue;
        if (outcome.status === 'SUCCEEDED') {
          const existing = await manager.findOneBy(ImportedDocumentRecord, {
            accountId: run.accountId,
            realmId: run.realmId,
            psaInvoiceId: item.psaInvoiceId,
          });
          if (!existing) {
            await manager.insert(ImportedDocumentRecord, {
              id: randomUUID(),
              accountId: run.accountId,
              realmId: run.realmId,
              psaInvoiceId: item.psaInvoiceId,
              invoiceNumber: item.invoiceNumber,
              qboEntity: outcome.qboEntity,
              qboId: outcome.qboId,
              runId: run.id,
              requestId: item.requestId,
              importedAt: now,
            });
          }
          await manager.update(
            ImportItemRecord,
            { id: item.id },
            {
              status: 'SUCCEEDED',
              qboEntity: outcome.qboEntity,
              qboId: outcome.qboId,
              message: outcome.message ?? null,
              hint: null,
              faultCode: null,
              ...(outcome.glEntryIds ? { glEntryIds: outcome.glEntryIds.join(',') } : {}),
              finishedAt: now,
            },
          );
        } else {
          await manager.update(
            ImportItemRecord,
            { id: item.id },
            {
              status: 'FAILED',
              message: outcome.message.slice(0, 1000),
              hint: outcome.hint ? outcome.hint.slice(0, 500) : null,
              faultCode: outcome.faultCode ?? null,
              finishedAt: now,
            },
          );
        }
      }
      await this.recount(manager, run.id);
    });
  }

  /** A run that cannot go on: every unfinished item fails with the reason (ATTEMPTING ones: outcome unknown). */
  async failUnfinished(run: Pick<ImportRunRecord, 'id' | 'accountId' | 'realmId'>, message: string): Promise<void> {
    const unfinished = await this.unfinishedItems(run.id);
    await this.commitOutcomes(
      run,
      unfinished.map((item) => ({
        itemId: item.id,
        status: 'FAILED' as const,
        message,
        faultCode: item.status === 'ATTEMPTING' ? 'UNKNOWN' : null,
        hint: 'Retry failed: Mobius checks QuickBooks for each invoice before creating it, so nothing is duplicated.',
      })),
    );
  }

  async succeededGlEntryIds(runId: string): Promise<number[]> {
    const rows = await this.items.find({ where: { runId, status: 'SUCCEEDED' }, order: { position: 'ASC' } });
    const ids: number[] = [];
    for (const row of rows) {
      for (const part of (row.glEntryIds ?? '').split(',')) {
        if (/^\d+$/.test(part)) ids.push(Number(part));
      }
    }
    return [...new Set(ids)];
  }

  /**
   * Two batches of a run commit their outcomes at once (docs/imports.md §3). On MySQL each transaction's reads
   * come from a snapshot taken at its first plain read, so two concurrent recounts would each miss the other's
   * items and the later one would write stale counters. Locking the run row first, before any plain read,
   * makes them take turns and each recount see the other's committed items. SQLite transactions already run
   * one at a time (db/transaction.ts).
   */
  private async lockRun(manager: EntityManager, runId: string): Promise<void> {
    const type = manager.connection.options.type;
    if (type !== 'mysql' && type !== 'mariadb') return;
    await manager
      .createQueryBuilder(ImportRunRecord, 'r')
      .select('r.id')
      .where('r.id = :runId', { runId })
      .setLock('pessimistic_write')
      .getOne();
  }

  private async recount(manager: EntityManager, runId: string): Promise<void> {
    const rows: Array<{ status: ImportItemStatus; count: string | number }> = await manager
      .createQueryBuilder(ImportItemRecord, 'i')
      .select('i.status', 'status')
      .addSelect('COUNT(*)', 'count')
      .where('i.runId = :runId', { runId })
      .groupBy('i.status')
      .getRawMany();
    const count = (status: ImportItemStatus) => Number(rows.find((row) => row.status === status)?.count ?? 0);
    await manager.update(
      ImportRunRecord,
      { id: runId },
      { succeeded: count('SUCCEEDED'), failed: count('FAILED'), skipped: count('SKIPPED') },
    );
  }

  // ---- what is imported, and the name mappings -----------------------------------------------------

  async importedDocuments(accountId: string, realmId: string, psaInvoiceIds: number[]) {
    const found = new Map<number, ImportedRef>();
    for (const part of chunks([...new Set(psaInvoiceIds)])) {
      const rows = await this.documents.find({ where: { accountId, realmId, psaInvoiceId: In(part) } });
      for (const row of rows) found.set(row.psaInvoiceId, { qboEntity: row.qboEntity, qboId: row.qboId });
    }
    return found;
  }

  /** Every imported PSA invoice id of the account, per QBO company (for the dashboard's "waiting"). */
  async importedIdsByRealm(accountId: string, realmIds: string[]): Promise<Map<string, Set<number>>> {
    const byRealm = new Map<string, Set<number>>(realmIds.map((realm) => [realm, new Set<number>()]));
    if (realmIds.length === 0) return byRealm;
    const rows = await this.documents
      .createQueryBuilder('d')
      .select(['d.realmId', 'd.psaInvoiceId'])
      .where('d.accountId = :accountId AND d.realmId IN (:...realmIds)', { accountId, realmIds })
      .getMany();
    for (const row of rows) byRealm.get(row.realmId)?.add(row.psaInvoiceId);
    return byRealm;
  }

  async findMappings(accountId: string, realmId: string, kind: MappingKind, psaKeys: string[]) {
    const found = new Map<string, { qboId: string; qboName: string }>();
    for (const part of chunks([...new Set(psaKeys)])) {
      const rows = await this.mappings.find({ where: { accountId, realmId, kind, psaKey: In(part) } });
      for (const row of rows) found.set(row.psaKey, { qboId: row.qboId, qboName: row.qboName });
    }
    return found;
  }

  /** Keeps the first mapping written for a key (a concurrent writer found the same QBO record). */
  async saveMapping(
    accountId: string,
    realmId: string,
    kind: MappingKind,
    psaKey: string,
    qbo: { qboId: string; qboName: string },
  ): Promise<void> {
    try {
      await this.mappings.insert({
        id: randomUUID(),
        accountId,
        realmId,
        kind,
        psaKey,
        qboId: qbo.qboId,
        qboName: qbo.qboName.slice(0, 500),
        createdAt: this.clock.now(),
      });
    } catch (error) {
      if (!(await this.mappings.existsBy({ accountId, realmId, kind, psaKey }))) throw error;
    }
  }

  async forgetMapping(accountId: string, realmId: string, kind: MappingKind, qboId: string): Promise<void> {
    await this.mappings.delete({ accountId, realmId, kind, qboId });
  }
}
