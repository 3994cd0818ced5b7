import type { ErrorBody, SimBatch, SimInvoice, SimMember, SimTenantSeed } from './connectwise.types';

/** Mutable accounting state of the simulated PSA companies: tenants, members, unposted invoices, batches. */

export interface TenantState extends SimTenantSeed {
  batches: SimBatch[];
  nextBatchId: number;
  /** Public keys revoked with controls.revokeKeys(publicKey). */
  revokedKeys: Set<string>;
}

export type Json = Record<string, unknown>;

export interface InvoiceTotals {
  subTotalCents: number;
  taxableCents: number;
  levels: Array<{ level: number; xref: string; rateBp: number; taxableCents: number; taxCents: number }>;
  salesTaxCents: number;
  totalCents: number;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; status: number; body: ErrorBody };

export const invalid = (message: string, field?: string, resource = 'accountingBatch'): ErrorBody => ({
  code: 'InvalidObject',
  message,
  errors: field ? [{ code: 'InvalidField', message, resource, field }] : null,
});

export class ConnectWiseSimulatorState {
  tenants: TenantState[] = [];

  constructor(
    private readonly seed: () => SimTenantSeed[],
    private readonly now: () => Date = () => new Date(),
  ) {
    this.reset();
  }

  reset(): void {
    this.tenants = this.seed().map((tenant) => ({ ...tenant, batches: [], nextBatchId: 301, revokedKeys: new Set() }));
  }

  tenant(companyId: string): TenantState | undefined {
    const wanted = companyId.toLowerCase();
    return this.tenants.find((tenant) => tenant.companyId.toLowerCase() === wanted);
  }

  member(tenant: TenantState, publicKey: string, privateKey: string): SimMember | undefined {
    return tenant.members.find(
      (member) =>
        member.publicKey === publicKey && member.privateKey === privateKey && !tenant.revokedKeys.has(publicKey),
    );
  }

  unposted(tenant: TenantState): SimInvoice[] {
    return tenant.invoices.filter((invoice) => invoice.postedBatchId === null);
  }

  exportSelection(tenant: TenantState, body: unknown): Outcome<SimInvoice[]> {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return { ok: false, status: 400, body: invalid('The request body must be an ExportAccountingBatchRequest.') };
    }
    const request = body as Json;
    const included = idList(request.includedInvoiceIds);
    const excluded = idList(request.excludedInvoiceIds);
    if (included === undefined) {
      return {
        ok: false,
        status: 400,
        body: invalid('includedInvoiceIds must be a list of ids.', 'includedInvoiceIds'),
      };
    }
    if (excluded === undefined) {
      return {
        ok: false,
        status: 400,
        body: invalid('excludedInvoiceIds must be a list of ids.', 'excludedInvoiceIds'),
      };
    }
    let thruDate: string | undefined;
    if (request.thruDate !== undefined && request.thruDate !== null) {
      const time = typeof request.thruDate === 'string' ? Date.parse(request.thruDate) : NaN;
      if (Number.isNaN(time)) return { ok: false, status: 400, body: invalid('thruDate is not a date.', 'thruDate') };
      thruDate = new Date(time).toISOString().slice(0, 10);
    }
    if (request.exportInvoicesFlag === false) return { ok: true, value: [] };
    const value = this.unposted(tenant).filter(
      (invoice) =>
        (included.length === 0 || included.includes(invoice.id)) &&
        !excluded.includes(invoice.id) &&
        (thruDate === undefined || invoice.invoiceDate <= thruDate) &&
        (typeof request.locationId !== 'number' || invoice.locationId === request.locationId),
    );
    return { ok: true, value };
  }

  /** CreateAccountingBatchRequest: all-or-nothing; every id must be an unposted invoice of this company. */
  createBatch(tenant: TenantState, body: unknown): Outcome<{ batch: SimBatch; invoices: SimInvoice[] }> {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return { ok: false, status: 400, body: invalid('The request body must be a CreateAccountingBatchRequest.') };
    }
    const request = body as Json;
    const identifier = typeof request.batchIdentifier === 'string' ? request.batchIdentifier.trim() : '';
    if (identifier === '' || identifier.length > 50) {
      return {
        ok: false,
        status: 400,
        body: invalid('batchIdentifier is required (max 50 characters).', 'batchIdentifier'),
      };
    }
    if (tenant.batches.some((batch) => batch.batchIdentifier.toLowerCase() === identifier.toLowerCase())) {
      return {
        ok: false,
        status: 400,
        body: invalid(`A batch named '${identifier}' already exists.`, 'batchIdentifier'),
      };
    }
    const ids = idList(request.processedRecordIds);
    if (ids === undefined || ids.length === 0) {
      return { ok: false, status: 400, body: invalid('processedRecordIds is required.', 'processedRecordIds') };
    }
    const unposted = new Map(this.unposted(tenant).map((invoice) => [invoice.id, invoice]));
    const missing = ids.filter((id) => !unposted.has(id));
    if (missing.length > 0) {
      const message = `Records ${missing.join(', ')} are not unposted invoices and cannot be batched.`;
      return { ok: false, status: 400, body: invalid(message, 'processedRecordIds') };
    }
    const batch: SimBatch = {
      id: tenant.nextBatchId++,
      batchIdentifier: identifier,
      invoiceIds: [...new Set(ids)],
      exportInvoicesFlag: request.exportInvoicesFlag !== false,
      exportExpensesFlag: request.exportExpensesFlag === true,
      exportProductsFlag: request.exportProductsFlag === true,
      createdAt: `${this.now().toISOString().slice(0, 19)}Z`,
    };
    const invoices = batch.invoiceIds.map((id) => unposted.get(id) as SimInvoice);
    for (const invoice of invoices) invoice.postedBatchId = batch.id;
    tenant.batches.push(batch);
    return { ok: true, value: { batch, invoices } };
  }

  /** Deleting a batch un-posts its records, so they are unposted invoices again. */
  deleteBatch(tenant: TenantState, id: number): boolean {
    const index = tenant.batches.findIndex((batch) => batch.id === id);
    if (index === -1) return false;
    const [batch] = tenant.batches.splice(index, 1);
    for (const invoice of tenant.invoices) if (invoice.postedBatchId === batch.id) invoice.postedBatchId = null;
    return true;
  }

  batchInvoices(tenant: TenantState, batch: SimBatch): SimInvoice[] {
    return tenant.invoices.filter((invoice) => batch.invoiceIds.includes(invoice.id));
  }
}

function idList(value: unknown): number[] | undefined {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return undefined;
  return value.every((id) => Number.isSafeInteger(id)) ? (value as number[]) : undefined;
}
