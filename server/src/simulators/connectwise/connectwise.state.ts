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

function toState(seed: SimTenantSeed): TenantState {
  return { ...structuredClone(seed), batches: [], nextBatchId: 301, revokedKeys: new Set() };
}

/** ConnectWise's validation answer: "<resource> object is invalid" with the field errors listed (observed shape). */
export const invalid = (message: string, field?: string, resource = 'accountingBatch'): ErrorBody =>
  field
    ? {
        code: 'InvalidObject',
        message: `${resource} object is invalid`,
        errors: [{ code: 'InvalidField', message, resource, field }],
      }
    : { code: 'InvalidObject', message, errors: null };

export class ConnectWiseSimulatorState {
  tenants: TenantState[] = [];

  constructor(
    private readonly seed: () => SimTenantSeed[],
    private readonly now: () => Date = () => new Date(),
  ) {
    this.reset();
  }

  /** Fresh copies of the seed: posting mutates invoices, and a seed may hand out the same objects twice. */
  reset(): void {
    this.tenants = this.seed().map((tenant) => toState(tenant));
  }

  /** Adds a tenant (replacing one with the same Company ID) until the next reset. */
  addTenant(seed: SimTenantSeed): TenantState {
    const tenant = toState(seed);
    this.tenants = [
      ...this.tenants.filter((other) => other.companyId.toLowerCase() !== seed.companyId.toLowerCase()),
      tenant,
    ];
    return tenant;
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
    if (flag(request.exportInvoicesFlag) === false) return { ok: true, value: [] };
    const [locationId] =
      idList(request.locationId === undefined || request.locationId === null ? [] : [request.locationId]) ?? [];
    const value = this.unposted(tenant).filter(
      (invoice) =>
        (included.length === 0 || included.includes(invoice.id)) &&
        !excluded.includes(invoice.id) &&
        (thruDate === undefined || invoice.invoiceDate <= thruDate) &&
        (locationId === undefined || invoice.locationId === locationId),
    );
    return { ok: true, value };
  }

  /**
   * CreateAccountingBatchRequest, all or nothing: processedRecordIds are GL entry RecIDs of unposted invoices, and a
   * batch posts whole invoices only, so it must hold every entry of each invoice it touches (our choice where
   * ConnectWise documents nothing; docs/vendors/connectwise-psa.md §7).
   */
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
    const ids = [...new Set(idList(request.processedRecordIds) ?? [])];
    if (ids.length === 0) {
      return { ok: false, status: 400, body: invalid('processedRecordIds is required.', 'processedRecordIds') };
    }
    const owners = new Map<number, SimInvoice>();
    for (const invoice of this.unposted(tenant)) {
      for (const entry of invoice.glEntries) owners.set(entry.id, invoice);
    }
    const strangers = ids.filter((id) => !owners.has(id));
    if (strangers.length > 0) {
      const message = `processedRecordIds ${strangers.join(', ')} are not GL entries of unposted invoices.`;
      return { ok: false, status: 400, body: invalid(message, 'processedRecordIds') };
    }
    const chosen = new Set(ids);
    const invoices = [...new Set(ids.map((id) => owners.get(id) as SimInvoice))];
    for (const invoice of invoices) {
      const missing = invoice.glEntries.filter((entry) => !chosen.has(entry.id)).map((entry) => entry.id);
      if (missing.length > 0) {
        const message =
          `processedRecordIds hold only part of invoice ${invoice.invoiceNumber} (id ${invoice.id}): ` +
          `GL entries ${missing.join(', ')} are missing. A batch posts whole invoices.`;
        return { ok: false, status: 400, body: invalid(message, 'processedRecordIds') };
      }
    }
    invoices.sort((a, b) => a.id - b.id);
    const batch: SimBatch = {
      id: tenant.nextBatchId++,
      batchIdentifier: identifier,
      glEntryIds: ids,
      invoiceIds: invoices.map((invoice) => invoice.id),
      exportInvoicesFlag: flag(request.exportInvoicesFlag) !== false,
      exportExpensesFlag: flag(request.exportExpensesFlag) === true,
      exportProductsFlag: flag(request.exportProductsFlag) === true,
      createdAt: `${this.now().toISOString().slice(0, 19)}Z`,
    };
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

/** A list of ids as Newtonsoft reads it: numbers or integer strings (the body reader has refused anything else). */
function idList(value: unknown): number[] | undefined {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return undefined;
  const ids: unknown[] = value.map((id: unknown) =>
    typeof id === 'string' && /^\s*[+-]?\d+\s*$/.test(id) ? Number(id) : id,
  );
  return ids.every((id) => Number.isSafeInteger(id)) ? (ids as number[]) : undefined;
}

/** true/false as Newtonsoft reads a bool: JSON booleans, "true"/"false" in any case, or numbers. */
function flag(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string' && /^\s*(true|false)\s*$/i.test(value)) return value.trim().toLowerCase() === 'true';
  return undefined;
}
