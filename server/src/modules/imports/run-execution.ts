import type {
  ConnectWiseClient,
  PsaExportCustomer,
  PsaExportTransaction,
  PsaUnpostedInvoice,
} from '../../integrations/connectwise';
import {
  isMobiusDocumentFor,
  toQboCustomer,
  toQboSalesDocument,
  toQboServiceItem,
} from '../../integrations/intuit/psa-mappers';
import { qboCustomerDisplayName, qboItemName } from '../../integrations/intuit/qbo-names';
import { qboBatchRequestId, qboRequestId } from '../../integrations/intuit/request-ids';
import { MAX_BATCH_ITEMS, QboError } from '../../integrations/intuit/qbo-client';
import type { QboFault, QboRef, QboSalesDocumentInput } from '../../integrations/intuit/types';
import type { Logger } from '../../lib/logger';
import { connectWiseProblem } from './vendor-problems';
import type { ImportItemRecord, QboDocumentEntity } from './import-item.entity';
import type { ImportRunRecord, ImportRunStatus } from './import-run.entity';
import { RunAbandoned, RunStopped } from './import-errors';
import { checkMappings, type CheckedMappings, type EffectiveSettings } from './import-settings.service';
import type { ConnectWiseAccess } from './import.ports';
import type { ImportStore, ItemOutcome, PlannedItem } from './import.store';
import type { QboCalls } from './qbo-calls';
import { deferred } from '../../lib/deferred';

/** The work of one run, start to finish or to a resumable stop (docs/imports.md §3). */

/** Chunks prepared ahead of the one being sent. */
const LOOKAHEAD = 8;
/** Batch requests sent but not yet committed. */
const SENDS_IN_FLIGHT = 2;
const FALLBACK_ITEM_KEY = '';
const FALLBACK_ITEM_SOURCE = { identifier: 'ConnectWise PSA', description: 'Lines imported from ConnectWise PSA' };

type Failure = { message: string; hint: string | null; faultCode: string | null };
type Resolved = { ref: QboRef } | { failure: Failure };

interface Entry {
  item: ImportItemRecord;
  document: QboSalesDocumentInput;
  requestId: string;
  glEntryIds: number[] | null;
}

interface Prepared {
  /** Final now: refusals of our own, QBO records adopted by the DocNumber check. */
  outcomes: ItemOutcome[];
  entries: Entry[];
  /** The batch requestid recorded by an attempt this one resumes. */
  resumedBatchRequestId: string | null;
}

export interface ExecutionDeps {
  store: ImportStore;
  connectWise: ConnectWiseAccess;
  qbo: QboCalls;
  logger: Logger;
  settings: EffectiveSettings;
  signal: AbortSignal;
  chunkSize?: number;
}

export function faultMessage(faults: readonly QboFault[], fallback: string): string {
  const fault = faults[0];
  if (!fault) return fallback;
  const text = fault.detail && fault.detail !== fault.message ? `${fault.message}: ${fault.detail}` : fault.message;
  return `QuickBooks Online: ${text}`;
}

export function hintFor(code: string | undefined): string | null {
  switch (code) {
    case '6240':
      return 'QuickBooks Online already has a customer, vendor or employee with this name. Turn on “Append the PSA account number to customer names” in the mappings (or rename the other record in QuickBooks), then Retry failed.';
    case '6140':
      return 'QuickBooks Online already has a document with this number. Renumber or delete the other one in QuickBooks, then Retry failed.';
    case '2500':
      return 'A customer or item Mobius had matched is no longer in QuickBooks Online. Retry failed matches or creates it again.';
    default:
      return null;
  }
}

export class RunExecution {
  private run: ImportRunRecord;
  private client: ConnectWiseClient | undefined;
  private mappings: CheckedMappings | undefined;
  /** Customers and items QBO refused in this run: later invoices of theirs fail without asking again. */
  private readonly refused = new Map<string, Failure>();

  constructor(
    private readonly deps: ExecutionDeps,
    run: ImportRunRecord,
  ) {
    this.run = run;
  }

  async execute(): Promise<void> {
    try {
      if (!this.run.planned) await this.plan();
      this.mappings = await this.checkMappings();
      await this.work();
      await this.markExported();
      await this.finish();
    } catch (error) {
      if (!(error instanceof RunStopped)) throw error;
      await this.stop(error);
    }
  }

  // ---- plan --------------------------------------------------------------------------------------

  private async plan(): Promise<void> {
    const requested: number[] | null = this.run.requestedInvoiceIds
      ? (JSON.parse(this.run.requestedInvoiceIds) as number[])
      : null;
    const unposted = await this.cw((client) => client.listUnpostedInvoices());
    const byId = new Map(unposted.map((invoice) => [invoice.id, invoice]));
    const wanted = requested ?? [...unposted].sort(byCompanyThenDate).map((invoice) => invoice.id);
    const imported = await this.deps.store.importedDocuments(this.run.accountId, this.run.realmId, wanted);
    const planned: PlannedItem[] = [];
    for (const id of wanted) {
      const invoice = byId.get(id);
      const document = imported.get(id);
      if (document) {
        if (this.run.source === 'AUTOSYNC') continue;
        planned.push({
          ...(invoice ? describe(invoice) : await this.describeGone(id)),
          status: 'SKIPPED',
          qboEntity: document.qboEntity,
          qboId: document.qboId,
          message: 'Already imported into this QuickBooks Online company.',
        });
      } else if (!invoice) {
        planned.push({
          ...(await this.describeGone(id)),
          status: 'FAILED',
          message:
            'Not an unposted invoice in ConnectWise PSA any more (it was exported or deleted there), so it was not imported.',
        });
      } else {
        planned.push({ ...describe(invoice), status: 'PENDING' });
      }
    }
    await this.deps.store.writePlan(this.run.id, planned);
    this.run = await this.reload();
  }

  /** What an earlier run knew of an invoice that ConnectWise no longer lists. */
  private async describeGone(psaInvoiceId: number): Promise<Omit<PlannedItem, 'status'>> {
    const known = await this.deps.store.lastKnownItem(this.run.accountId, psaInvoiceId);
    return {
      psaInvoiceId,
      invoiceNumber: known?.invoiceNumber ?? `#${psaInvoiceId}`,
      companyName: known?.companyName ?? 'Unknown company',
      invoiceType: known?.invoiceType ?? 'Standard',
      invoiceDate: known?.invoiceDate ?? null,
      totalCents: known?.totalCents ?? 0,
      currency: known?.currency ?? null,
    };
  }

  private async checkMappings(): Promise<CheckedMappings> {
    const accounts = await this.deps.qbo.request((client) => client.listAccounts({ AccountType: 'Income' }));
    const taxCodes = await this.deps.qbo.request((client) => client.listTaxCodes());
    const checked = checkMappings(this.deps.settings, accounts, taxCodes);
    if (!checked.ok) {
      throw new RunStopped(
        `The mappings need attention before importing: ${checked.message}`,
        'Not imported: the mappings need attention (see the run’s message).',
      );
    }
    return checked.mappings;
  }

  // ---- work --------------------------------------------------------------------------------------

  private async work(): Promise<void> {
    const items = await this.deps.store.unfinishedItems(this.run.id);
    const chunks: Array<{ items: ImportItemRecord[]; resumed: string | null }> = [];
    const resumed = new Map<string, ImportItemRecord[]>();
    for (const item of items.filter((i) => i.status === 'ATTEMPTING')) {
      const key = item.batchRequestId ?? `single:${item.id}`;
      resumed.set(key, [...(resumed.get(key) ?? []), item]);
    }
    for (const [key, group] of resumed) chunks.push({ items: group, resumed: key.startsWith('single:') ? null : key });
    const pending = items.filter((i) => i.status === 'PENDING');
    const size = Math.min(this.deps.chunkSize ?? MAX_BATCH_ITEMS, MAX_BATCH_ITEMS);
    for (let i = 0; i < pending.length; i += size) chunks.push({ items: pending.slice(i, i + size), resumed: null });

    // Chunks are prepared (export, names, DocNumber check) ahead of the one being sent, so the batch
    // budget, QuickBooks' scarcest, is never left idle while customers and items are created.
    const prepared = chunks.map(() => deferred<Prepared>());
    const sent = chunks.map(() => deferred<void>());
    let stopped = false;
    const producer = (async () => {
      for (let index = 0; index < chunks.length && !stopped; index += 1) {
        if (index >= LOOKAHEAD) await sent[index - LOOKAHEAD]?.promise;
        if (stopped) return;
        const chunk = chunks[index];
        try {
          prepared[index]?.resolve(await this.prepare(chunk.items, chunk.resumed));
        } catch (error) {
          prepared[index]?.reject(error);
          return;
        }
      }
    })();
    // Two batches may be in flight: one is committed while the next waits for its slot, so database work
    // never stretches the interval between batch requests beyond what the pacer allows.
    const inFlight = new Set<Promise<void>>();
    try {
      for (let index = 0; index < chunks.length; index += 1) {
        const ready = await prepared[index].promise;
        while (inFlight.size >= SENDS_IN_FLIGHT) await Promise.race(inFlight);
        const done = sent[index];
        const task = this.send(ready).then(() => done.resolve());
        inFlight.add(task);
        void task.then(
          () => inFlight.delete(task),
          () => undefined,
        );
      }
      await Promise.all(inFlight);
    } catch (error) {
      stopped = true;
      await Promise.allSettled(inFlight);
      for (const done of sent) done.resolve();
      await producer;
      throw error;
    }
    await producer;
  }

  private async prepare(items: ImportItemRecord[], resumedBatchRequestId: string | null): Promise<Prepared> {
    this.throwIfAborted();
    const mappings = this.mappings as CheckedMappings;
    const outcomes: ItemOutcome[] = [];
    const glExport = await this.cw((client) =>
      client.exportInvoices({ includedInvoiceIds: items.map((item) => item.psaInvoiceId) }),
    );
    const transactions = new Map(glExport.transactions.map((txn) => [txn.id, txn]));
    const customers = new Map(glExport.customers.map((customer) => [customer.companyId, customer]));

    const present: Array<{ item: ImportItemRecord; txn: PsaExportTransaction }> = [];
    const checkOnly: ImportItemRecord[] = [];
    for (const item of items) {
      const txn = transactions.get(item.psaInvoiceId);
      if (txn) present.push({ item, txn });
      else if (item.status === 'ATTEMPTING') checkOnly.push(item);
      else {
        outcomes.push(
          failed(item, {
            message:
              'ConnectWise PSA no longer lists this invoice as unposted (it was exported or deleted meanwhile), so it was not imported.',
            hint: null,
            faultCode: null,
          }),
        );
      }
    }

    const customerRefs = await this.resolveCustomers(
      present.map((p) => p.txn),
      customers,
    );
    const itemRefs = await this.resolveItems(
      present.map((p) => p.txn),
      mappings,
    );

    const entries: Entry[] = [];
    const earlierRefusals = await this.deps.store.definitiveFailures(
      this.run,
      present.map((p) => p.item.psaInvoiceId),
    );
    for (const { item, txn } of present) {
      const customer = customerRefs.get(txn.company.id) as Resolved;
      if ('failure' in customer) {
        outcomes.push(failed(item, customer.failure));
        continue;
      }
      const lineKeys = txn.lines.map((line) => line.itemIdentifier ?? FALLBACK_ITEM_KEY);
      const itemFailure = lineKeys.map((key) => itemRefs.get(key)).find((r) => r && 'failure' in r);
      if (itemFailure && 'failure' in itemFailure) {
        outcomes.push(failed(item, itemFailure.failure));
        continue;
      }
      const refs = new Map<string, QboRef>();
      for (const key of lineKeys) {
        const resolved = itemRefs.get(key);
        if (resolved && 'ref' in resolved && key !== FALLBACK_ITEM_KEY) refs.set(key, resolved.ref);
      }
      const fallback = itemRefs.get(FALLBACK_ITEM_KEY);
      const built = toQboSalesDocument(
        txn,
        {
          customer: customer.ref,
          items: refs,
          ...(fallback && 'ref' in fallback ? { fallbackItem: fallback.ref } : {}),
        },
        { taxableTaxCode: mappings.taxableTaxCode, nonTaxableTaxCode: mappings.nonTaxableTaxCode },
      );
      if (!built.ok) {
        outcomes.push(failed(item, { message: built.message, hint: null, faultCode: null }));
        continue;
      }
      entries.push({
        item,
        document:
          built.entity === 'Invoice'
            ? { entity: 'Invoice', body: built.body }
            : { entity: 'CreditMemo', body: built.body },
        requestId: qboRequestId({
          realmId: this.run.realmId,
          kind: built.entity,
          psaKey: item.psaInvoiceId,
          payload: built.body,
          failedAttempts: earlierRefusals.get(item.psaInvoiceId) ?? 0,
        }),
        glEntryIds: txn.glEntryIds ?? null,
      });
    }

    // Exactly once: whatever QuickBooks already holds under these numbers is adopted or refused, never re-created.
    const byNumber = await this.existingDocuments(
      [...entries.filter((e) => e.document.entity === 'Invoice').map((e) => e.item), ...checkOnly],
      [...entries.filter((e) => e.document.entity === 'CreditMemo').map((e) => e.item), ...checkOnly],
    );
    const toSend: Entry[] = [];
    for (const entry of entries) {
      const existing = byNumber.get(entry.item.invoiceNumber);
      if (!existing) toSend.push(entry);
      else outcomes.push(this.settleExisting(entry.item, existing, entry.glEntryIds));
    }
    for (const item of checkOnly) {
      const existing = byNumber.get(item.invoiceNumber);
      outcomes.push(
        existing
          ? this.settleExisting(item, existing, null)
          : failed(item, {
              message:
                'ConnectWise PSA no longer lists this invoice as unposted and QuickBooks Online does not have it, so it was not imported.',
              hint: null,
              faultCode: null,
            }),
      );
    }
    return { outcomes, entries: toSend, resumedBatchRequestId };
  }

  private settleExisting(
    item: ImportItemRecord,
    existing: { entity: QboDocumentEntity; doc: { Id: string; PrivateNote?: string } },
    glEntryIds: number[] | null,
  ): ItemOutcome {
    if (isMobiusDocumentFor(existing.doc, item.psaInvoiceId)) {
      return {
        glEntryIds,
        itemId: item.id,
        status: 'SUCCEEDED',
        qboEntity: existing.entity,
        qboId: existing.doc.Id,
        message: 'Already in QuickBooks Online from an earlier attempt; recorded, not created again.',
      };
    }
    return failed(item, {
      message: `QuickBooks Online already has ${existing.entity === 'CreditMemo' ? 'a credit memo' : 'an invoice'} numbered ${item.invoiceNumber} that Mobius did not create for this ConnectWise invoice, so it was not imported again.`,
      hint: 'If it is the same invoice, nothing needs doing. Otherwise renumber or delete the other document in QuickBooks, then Retry failed.',
      faultCode: null,
    });
  }

  /** QBO documents already numbered like these items; credit memos are asked for only when some may be one. */
  private async existingDocuments(invoiceItems: ImportItemRecord[], creditItems: ImportItemRecord[]) {
    const found = new Map<string, { entity: QboDocumentEntity; doc: { Id: string; PrivateNote?: string } }>();
    const numbers = (items: ImportItemRecord[]) => [...new Set(items.map((item) => item.invoiceNumber))];
    const invoices =
      invoiceItems.length > 0
        ? await this.deps.qbo.request((client) => client.findInvoicesByDocNumbers(numbers(invoiceItems)))
        : [];
    const creditMemos =
      creditItems.length > 0
        ? await this.deps.qbo.request((client) => client.findCreditMemosByDocNumbers(numbers(creditItems)))
        : [];
    for (const doc of creditMemos) if (doc.DocNumber) found.set(doc.DocNumber, { entity: 'CreditMemo', doc });
    for (const doc of invoices) if (doc.DocNumber) found.set(doc.DocNumber, { entity: 'Invoice', doc });
    return found;
  }

  private async send(prepared: Prepared): Promise<void> {
    this.throwIfAborted();
    await this.deps.store.commitOutcomes(this.run, prepared.outcomes);
    if (prepared.entries.length === 0) return;
    const entries = prepared.entries;
    const batchRequestId = prepared.resumedBatchRequestId ?? qboBatchRequestId(entries.map((entry) => entry.requestId));
    await this.deps.store.recordAttempts(
      entries.map((entry) => ({
        itemId: entry.item.id,
        requestId: entry.requestId,
        batchRequestId,
        glEntryIds: entry.glEntryIds,
      })),
    );
    let outcomes: ItemOutcome[];
    try {
      const created = await this.deps.qbo.batch((client) =>
        client.createSalesDocuments(
          entries.map((entry) => ({ bId: String(entry.item.position), ...entry.document })),
          { requestId: batchRequestId },
        ),
      );
      outcomes = created.map((answer, index) => {
        const entry = entries[index];
        if (answer.ok) {
          return { itemId: entry.item.id, status: 'SUCCEEDED', qboEntity: answer.entity, qboId: answer.document.Id };
        }
        const definitive = answer.error.kind === 'VALIDATION';
        return failed(entry.item, {
          message: definitive
            ? faultMessage(answer.error.faults, answer.error.message)
            : 'QuickBooks Online did not confirm this invoice.',
          hint: definitive
            ? hintFor(answer.error.code)
            : 'Retry failed: Mobius checks QuickBooks for each invoice before creating it, so nothing is duplicated.',
          faultCode: definitive ? (answer.error.code ?? 'QBO') : 'UNKNOWN',
        });
      });
    } catch (error) {
      if (!(error instanceof QboError) || error.kind !== 'VALIDATION') throw error;
      // QBO refused the whole batch request: every invoice in it carries QBO's message.
      outcomes = entries.map((entry) =>
        failed(entry.item, {
          message: faultMessage(error.faults, error.message),
          hint: hintFor(error.code),
          faultCode: error.code ?? 'QBO',
        }),
      );
    }
    await this.deps.store.commitOutcomes(this.run, outcomes);
  }

  // ---- customers and items ----------------------------------------------------------------------

  private async resolveCustomers(
    transactions: PsaExportTransaction[],
    customers: Map<number, PsaExportCustomer>,
  ): Promise<Map<number, Resolved>> {
    const resolved = new Map<number, Resolved>();
    const companies = new Map<number, { name: string; accountNumber: string | null; customer?: PsaExportCustomer }>();
    for (const txn of transactions) {
      const customer = customers.get(txn.company.id);
      companies.set(txn.company.id, {
        name: customer?.name ?? txn.company.name,
        accountNumber: customer?.accountNumber ?? txn.companyAccountNumber,
        customer,
      });
    }
    const mapped = await this.deps.store.findMappings(
      this.run.accountId,
      this.run.realmId,
      'CUSTOMER',
      [...companies.keys()].map(String),
    );
    const wanted = new Map<string, number>();
    for (const [companyId, company] of companies) {
      const mapping = mapped.get(String(companyId));
      const refusal = this.refused.get(`customer:${companyId}`);
      if (mapping) resolved.set(companyId, { ref: { value: mapping.qboId, name: mapping.qboName } });
      else if (refusal) resolved.set(companyId, { failure: refusal });
      else {
        const displayName = qboCustomerDisplayName(company, {
          appendAccountNumber: this.deps.settings.appendAccountNumber,
        });
        wanted.set(displayName, companyId);
      }
    }
    if (wanted.size === 0) return resolved;
    const existing = await this.deps.qbo.request((client) => client.findCustomersByDisplayNames([...wanted.keys()]));
    const byName = new Map(existing.map((customer) => [customer.DisplayName.toLowerCase(), customer]));
    for (const [displayName, companyId] of wanted) {
      const match = byName.get(displayName.toLowerCase());
      if (match) {
        await this.deps.store.saveMapping(this.run.accountId, this.run.realmId, 'CUSTOMER', String(companyId), {
          qboId: match.Id,
          qboName: match.DisplayName,
        });
        resolved.set(companyId, { ref: { value: match.Id, name: match.DisplayName } });
        continue;
      }
      const company = companies.get(companyId) as {
        name: string;
        accountNumber: string | null;
        customer?: PsaExportCustomer;
      };
      const payload = toQboCustomer(
        company.customer ?? minimalCustomer(companyId, company.name, company.accountNumber),
        displayName,
      );
      const requestId = qboRequestId({
        realmId: this.run.realmId,
        kind: 'Customer',
        psaKey: `${companyId}|${this.run.id}`,
        payload,
        failedAttempts: 0,
      });
      try {
        const created = await this.deps.qbo.request((client) => client.createCustomer(payload, { requestId }));
        await this.deps.store.saveMapping(this.run.accountId, this.run.realmId, 'CUSTOMER', String(companyId), {
          qboId: created.Id,
          qboName: created.DisplayName,
        });
        resolved.set(companyId, { ref: { value: created.Id, name: created.DisplayName } });
      } catch (error) {
        if (!(error instanceof QboError) || error.kind !== 'VALIDATION') throw error;
        const failure: Failure = {
          message: `The customer “${displayName}” could not be created. ${faultMessage(error.faults, error.message)}`,
          hint: hintFor(error.code),
          faultCode: error.code ?? 'QBO',
        };
        this.refused.set(`customer:${companyId}`, failure);
        resolved.set(companyId, { failure });
      }
    }
    return resolved;
  }

  private async resolveItems(transactions: PsaExportTransaction[], mappings: CheckedMappings) {
    const resolved = new Map<string, Resolved>();
    const sources = new Map<string, { identifier: string; description: string | null }>();
    for (const txn of transactions) {
      for (const line of txn.lines) {
        const key = line.itemIdentifier ?? FALLBACK_ITEM_KEY;
        if (!sources.has(key)) {
          sources.set(
            key,
            key === FALLBACK_ITEM_KEY
              ? FALLBACK_ITEM_SOURCE
              : { identifier: key, description: line.description ?? null },
          );
        }
      }
    }
    const mapped = await this.deps.store.findMappings(this.run.accountId, this.run.realmId, 'ITEM', [
      ...sources.keys(),
    ]);
    const wanted = new Map<string, string>();
    for (const [key, source] of sources) {
      const mapping = mapped.get(key);
      const refusal = this.refused.get(`item:${key}`);
      if (mapping) resolved.set(key, { ref: { value: mapping.qboId, name: mapping.qboName } });
      else if (refusal) resolved.set(key, { failure: refusal });
      else wanted.set(qboItemName(source.identifier), key);
    }
    if (wanted.size === 0) return resolved;
    const existing = await this.deps.qbo.request((client) => client.findItemsByNames([...wanted.keys()]));
    const byName = new Map(existing.map((item) => [item.Name.toLowerCase(), item]));
    for (const [name, key] of wanted) {
      const match = byName.get(name.toLowerCase());
      if (match) {
        await this.deps.store.saveMapping(this.run.accountId, this.run.realmId, 'ITEM', key, {
          qboId: match.Id,
          qboName: match.Name,
        });
        resolved.set(key, { ref: { value: match.Id, name: match.Name } });
        continue;
      }
      const source = sources.get(key) as { identifier: string; description: string | null };
      const payload = toQboServiceItem(source, mappings.incomeAccount);
      const requestId = qboRequestId({
        realmId: this.run.realmId,
        kind: 'Item',
        psaKey: `${key}|${this.run.id}`,
        payload,
        failedAttempts: 0,
      });
      try {
        const created = await this.deps.qbo.request((client) => client.createItem(payload, { requestId }));
        await this.deps.store.saveMapping(this.run.accountId, this.run.realmId, 'ITEM', key, {
          qboId: created.Id,
          qboName: created.Name,
        });
        resolved.set(key, { ref: { value: created.Id, name: created.Name } });
      } catch (error) {
        if (!(error instanceof QboError) || error.kind !== 'VALIDATION') throw error;
        const failure: Failure = {
          message: `The item “${name}” could not be created. ${faultMessage(error.faults, error.message)}`,
          hint: hintFor(error.code),
          faultCode: error.code ?? 'QBO',
        };
        this.refused.set(`item:${key}`, failure);
        resolved.set(key, { failure });
      }
    }
    return resolved;
  }

  // ---- mark exported, finish, stop ---------------------------------------------------------------

  /** One accounting batch of the succeeded invoices' GL entry ids, identified by the run (docs/imports.md §3.6). */
  private async markExported(): Promise<void> {
    if (!this.run.markExported) return;
    const glEntryIds = await this.deps.store.succeededGlEntryIds(this.run.id);
    if (glEntryIds.length === 0) {
      await this.deps.store.setExport(this.run.id, 'NOTHING', { message: null });
      return;
    }
    const identifier = exportBatchIdentifier(this.run.id);
    try {
      const client = await this.connectWiseClient();
      const existing = await client.findAccountingBatch(identifier);
      if (!existing)
        await client.createAccountingBatch({ batchIdentifier: identifier, processedRecordIds: glEntryIds });
      await this.deps.store.setExport(this.run.id, 'DONE', {
        identifier,
        message: `Marked as exported in ConnectWise PSA (accounting batch “${identifier}”).`,
      });
    } catch (error) {
      const problem = connectWiseProblem(error);
      if (!problem) throw error;
      this.deps.logger.warn(
        { event: 'import.mark_exported_failed', runId: this.run.id, kind: problem.code },
        'marking invoices as exported failed',
      );
      await this.deps.store.setExport(this.run.id, 'FAILED', {
        identifier,
        message: `The invoices are in QuickBooks Online, but marking them as exported in ConnectWise PSA failed: ${problem.message}`,
      });
    }
  }

  private async finish(): Promise<void> {
    const run = await this.reload();
    const { succeeded, failed: failures, skipped } = run;
    let status: ImportRunStatus = 'SUCCEEDED';
    if (failures > 0) status = succeeded + skipped > 0 ? 'PARTIAL' : 'FAILED';
    const parts = [`${succeeded} imported`];
    if (failures > 0) parts.push(`${failures} failed`);
    if (skipped > 0) parts.push(`${skipped} already imported`);
    const message = run.total === 0 ? 'There was nothing to import.' : `${parts.join(', ')}.`;
    await this.deps.store.finishRun(run.id, status, message);
    this.deps.logger.info(
      { event: 'import.finished', runId: run.id, status, succeeded, failed: failures, skipped },
      'import finished',
    );
  }

  private async stop(error: RunStopped): Promise<void> {
    await this.deps.store.failUnfinished(this.run, error.itemMessage);
    if (this.run.planned) {
      try {
        await this.markExported();
      } catch (markError) {
        if (markError instanceof RunAbandoned) throw markError;
        this.deps.logger.warn({ event: 'import.mark_exported_failed', runId: this.run.id, err: markError }, 'mark');
      }
    }
    await this.deps.store.finishRun(this.run.id, 'FAILED', error.message);
    this.deps.logger.warn({ event: 'import.stopped', runId: this.run.id, reason: error.message }, 'import stopped');
  }

  // ---- helpers -----------------------------------------------------------------------------------

  private async reload(): Promise<ImportRunRecord> {
    const run = await this.deps.store.getRun(this.run.id);
    if (!run) throw new RunAbandoned('the run was deleted');
    this.run = run;
    return run;
  }

  /**
   * The client of the connection the run started with; before each later ConnectWise PSA step the connection must
   * still be connected (one indexed read), so a disconnect stops a running import at its next step.
   */
  private async connectWiseClient(): Promise<ConnectWiseClient> {
    if (this.client) await this.deps.connectWise.assertConnected(this.run.accountId);
    this.client ??= await this.deps.connectWise.clientFor(this.run.accountId);
    return this.client;
  }

  private async cw<T>(work: (client: ConnectWiseClient) => Promise<T>): Promise<T> {
    this.throwIfAborted();
    try {
      return await work(await this.connectWiseClient());
    } catch (error) {
      const problem = connectWiseProblem(error);
      if (problem) {
        throw new RunStopped(
          problem.message,
          'Not imported: ConnectWise PSA could not be read (see the run’s message).',
        );
      }
      throw error;
    }
  }

  private throwIfAborted(): void {
    if (this.deps.signal.aborted) throw new RunAbandoned('stopping');
  }
}

function failed(item: ImportItemRecord, failure: Failure): ItemOutcome {
  return { itemId: item.id, status: 'FAILED', ...failure };
}

function describe(invoice: PsaUnpostedInvoice): Omit<PlannedItem, 'status'> {
  return {
    psaInvoiceId: invoice.id,
    invoiceNumber: invoice.invoiceNumber,
    companyName: invoice.company.name,
    invoiceType: invoice.invoiceType,
    invoiceDate: invoice.invoiceDate,
    totalCents: invoice.totalCents,
    currency: invoice.currencyCode,
  };
}

/**
 * A client's invoices side by side: a chunk then names few customers, so creating the customers of a new
 * client base is spread over the run instead of holding up its first batches (docs/imports.md "Throttling").
 */
function byCompanyThenDate(a: PsaUnpostedInvoice, b: PsaUnpostedInvoice): number {
  return (
    a.company.name.localeCompare(b.company.name) ||
    a.company.id - b.company.id ||
    (a.invoiceDate ?? '').localeCompare(b.invoiceDate ?? '') ||
    a.invoiceNumber.localeCompare(b.invoiceNumber)
  );
}

function minimalCustomer(companyId: number, name: string, accountNumber: string | null): PsaExportCustomer {
  return {
    companyId,
    identifier: null,
    name,
    accountNumber,
    contactName: null,
    siteName: null,
    billingTerms: null,
    dueDays: null,
    taxable: false,
    taxCode: null,
    currencyCode: null,
    taxLevels: [],
  };
}

/** ≤ 50 characters of letters, digits and dashes, the same for every attempt of the run. */
export function exportBatchIdentifier(runId: string): string {
  return `Mobius-${runId.replace(/-/g, '')}`.slice(0, 50);
}
