import type {
  QboAccount,
  QboBatchItemRequest,
  QboBatchItemResponse,
  QboCompanyInfo,
  QboCondition,
  QboCreditMemo,
  QboCreditMemoInput,
  QboCustomer,
  QboCustomerInput,
  QboEntityMap,
  QboEntityName,
  QboFault,
  QboInvoice,
  QboInvoiceInput,
  QboInvoiceUpdate,
  QboItem,
  QboItemInput,
  QboPage,
  QboSalesDocumentEntity,
  QboSalesDocumentInput,
  QboScalar,
  QboTaxCode,
  QboWhere,
} from './types';

/**
 * QuickBooks Online Accounting API v3 client for one company (realm).
 *
 * Built on fetch rather than OAuthClient.makeApiCall: makeApiCall needs a stateful OAuthClient
 * holding the token, reads its base URL from process-wide statics, drops response headers on
 * errors (no Retry-After, no intuit_tid on 5xx) and cannot read QBO's lower-case 401/403 faults.
 * fetch gives us status, headers and body for every answer, plus AbortSignal timeouts.
 */

export const QBO_MINOR_VERSION = 75;
export const MAX_BATCH_ITEMS = 30;
export const MAX_QUERY_RESULTS = 1000;
const MAX_REQUEST_ID_LENGTH = 50;
const MAX_BATCH_REQUEST_ID_LENGTH = 36;
/** Intuit's advice after a 429 when no Retry-After comes with it. */
const DEFAULT_THROTTLE_WAIT_SECONDS = 60;
const DEFAULT_TIMEOUT_MS = 30_000;
const QUERY_ALL_PAGE_LIMIT = 200;
const MAX_GET_QUERY_LENGTH = 1500;
/** QBO documents no IN-list limit; lookups stay at 100 values and 4,000 characters a statement, well within. */
export const MAX_IN_VALUES = 100;
export const MAX_IN_STATEMENT_LENGTH = 4000;
/** With a batch requestid QBO allows bIds of at most 10 characters. */
const MAX_BATCH_ID_LENGTH_WITH_REQUEST_ID = 10;

export type QboErrorKind = 'UNAUTHORIZED' | 'FORBIDDEN' | 'VALIDATION' | 'THROTTLED' | 'TRANSIENT' | 'BAD_RESPONSE';

export class QboError extends Error {
  readonly kind: QboErrorKind;
  readonly status?: number;
  /** QBO's own errors (code, Message, Detail), e.g. 6240 duplicate name, 5010 stale object. */
  readonly faults: QboFault[];
  readonly faultType?: string;
  readonly intuitTid?: string;
  /** THROTTLED: wait this long before trying this company again. */
  readonly retryAfterSeconds?: number;
  readonly timedOut: boolean;
  /** A write that failed this way may still have been applied; retry only with the same requestid. */
  readonly mayHaveApplied: boolean;

  constructor(
    kind: QboErrorKind,
    message: string,
    details: {
      status?: number;
      faults?: QboFault[];
      faultType?: string;
      intuitTid?: string;
      retryAfterSeconds?: number;
      timedOut?: boolean;
      mayHaveApplied?: boolean;
    } = {},
  ) {
    super(message);
    this.name = 'QboError';
    this.kind = kind;
    this.status = details.status;
    this.faults = details.faults ?? [];
    this.faultType = details.faultType;
    this.intuitTid = details.intuitTid;
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.timedOut = details.timedOut ?? false;
    this.mayHaveApplied = details.mayHaveApplied ?? false;
  }

  /** The first QBO error code, e.g. '6240'. */
  get code(): string | undefined {
    return this.faults[0]?.code;
  }

  get retryable(): boolean {
    return this.kind === 'THROTTLED' || this.kind === 'TRANSIENT';
  }
}

export interface QboResponseEvent {
  method: string;
  /** Path below the realm, without the query string (no data, no tokens). */
  resource: string;
  status: number | undefined;
  intuitTid?: string;
  durationMs: number;
}

export interface QboClientOptions {
  /** Host root such as `https://sandbox-quickbooks.api.intuit.com`, with or without a trailing slash. */
  baseUrl: string;
  realmId: string;
  /** The current access token, or a function that returns a valid one (a token manager). */
  accessToken: string | (() => string | Promise<string>);
  timeoutMs?: number;
  minorVersion?: number;
  fetch?: typeof fetch;
  /** Called after every HTTP answer, so callers can log intuit_tid. */
  onResponse?: (event: QboResponseEvent) => void;
}

export interface WriteOptions {
  /** QBO's idempotency key: a replay with the same value returns the original answer. */
  requestId?: string;
}

export interface LookupOptions {
  /** QBO queries return active rows only unless asked; inactive ones still hold their names. */
  includeInactive?: boolean;
}

/** One document of a batch create; bIds are at most 10 characters when the batch has a requestid. */
export type QboSalesDocumentCreate = { bId: string } & QboSalesDocumentInput;

export type QboSalesDocumentCreated =
  | { bId: string; ok: true; entity: 'Invoice'; document: QboInvoice }
  | { bId: string; ok: true; entity: 'CreditMemo'; document: QboCreditMemo }
  | { bId: string; ok: false; entity: QboSalesDocumentEntity; error: QboError };

type JsonRecord = Record<string, unknown>;

/** Escapes a string for a single-quoted QBO query literal. */
export function escapeQboString(value: string): string {
  return value.replace(/'/g, "\\'");
}

const FIELD_NAME = /^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)*$/;
const ORDER_BY = /^[A-Za-z][A-Za-z0-9.]*(\s+(asc|desc))?(\s*,\s*[A-Za-z][A-Za-z0-9.]*(\s+(asc|desc))?)*$/i;
const OPERATORS: ReadonlySet<string> = new Set(['=', '<', '>', '<=', '>=', 'LIKE']);
const ENTITY_NAMES: ReadonlySet<string> = new Set<QboEntityName>([
  'Customer',
  'Vendor',
  'Item',
  'Invoice',
  'CreditMemo',
  'Account',
  'TaxCode',
  'CompanyInfo',
]);

function literal(value: QboScalar): string {
  if (typeof value === 'string') return `'${escapeQboString(value)}'`;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('Query numbers must be finite.');
    return String(value);
  }
  return value ? 'true' : 'false';
}

function condition(field: string, value: QboCondition): string {
  if (!FIELD_NAME.test(field)) throw new TypeError(`Invalid QBO field name: ${field}`);
  if (Array.isArray(value)) {
    if (value.length === 0) throw new TypeError(`IN (…) needs at least one value for ${field}.`);
    return `${field} IN (${value.map(literal).join(', ')})`;
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const { operator, value: operand } = value as { operator: string; value: QboScalar };
    if (!OPERATORS.has(operator.toUpperCase())) throw new TypeError(`Unsupported QBO operator: ${operator}`);
    return `${field} ${operator} ${literal(operand)}`;
  }
  return `${field} = ${literal(value as QboScalar)}`;
}

/** Builds `select * from Entity where … [orderby …] startposition n maxresults n` with safe quoting. */
export function buildQuery(entity: QboEntityName, where: QboWhere = {}, page: QboPage = {}, count = false): string {
  if (!ENTITY_NAMES.has(entity)) throw new TypeError(`Unknown QBO entity: ${String(entity)}`);
  const parts = [`select ${count ? 'count(*)' : '*'} from ${entity}`];
  const conditions = Object.entries(where).map(([field, value]) => condition(field, value));
  if (conditions.length > 0) parts.push(`where ${conditions.join(' and ')}`);
  if (count) return parts.join(' ');
  if (page.orderBy !== undefined) {
    if (!ORDER_BY.test(page.orderBy)) throw new TypeError('Invalid orderBy.');
    parts.push(`orderby ${page.orderBy}`);
  }
  if (page.startPosition !== undefined) parts.push(`startposition ${Math.max(1, Math.floor(page.startPosition))}`);
  if (page.maxResults !== undefined) {
    parts.push(`maxresults ${Math.min(MAX_QUERY_RESULTS, Math.max(1, Math.floor(page.maxResults)))}`);
  }
  return parts.join(' ');
}

/**
 * Splits values for `field IN (…)` into statements of at most MAX_IN_VALUES values and MAX_IN_STATEMENT_LENGTH
 * characters (a single value longer than that still gets its own statement). Duplicates are dropped.
 */
export function chunkInValues(
  entity: QboEntityName,
  field: string,
  values: readonly string[],
  where: QboWhere = {},
): string[][] {
  const chunks: string[][] = [];
  let chunk: string[] = [];
  // The longest paging clause queryAll adds, so every page of a chunk stays within the length.
  const page: QboPage = { startPosition: QUERY_ALL_PAGE_LIMIT * MAX_QUERY_RESULTS, maxResults: MAX_QUERY_RESULTS };
  for (const value of new Set(values)) {
    const candidate = [...chunk, value];
    const length = buildQuery(entity, { [field]: candidate, ...where }, page).length;
    if (chunk.length > 0 && (candidate.length > MAX_IN_VALUES || length > MAX_IN_STATEMENT_LENGTH)) {
      chunks.push(chunk);
      chunk = [value];
    } else {
      chunk = candidate;
    }
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

function normalizeBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    throw new TypeError('The QBO API base URL must be an absolute http(s) URL.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new TypeError('The QBO API base URL must be http(s).');
  return url.toString().replace(/\/+$/, '');
}

function checkRequestId(requestId: string | undefined, limit: number): void {
  if (requestId === undefined) return;
  if (requestId.length === 0 || requestId.length > limit) {
    throw new RangeError(`A QBO requestid must be 1 to ${limit} characters.`);
  }
}

function parseFaults(body: unknown): { faults: QboFault[]; faultType?: string } {
  if (typeof body !== 'object' || body === null) return { faults: [] };
  const record = body as JsonRecord;
  const upper = record.Fault as { Error?: unknown; type?: unknown } | undefined;
  if (upper && Array.isArray(upper.Error)) {
    return {
      faults: upper.Error.map((e: JsonRecord) => ({
        code: String(e.code ?? ''),
        message: String(e.Message ?? ''),
        ...(e.Detail !== undefined && e.Detail !== null ? { detail: String(e.Detail) } : {}),
        ...(typeof e.element === 'string' && e.element !== '' ? { element: e.element } : {}),
      })),
      faultType: typeof upper.type === 'string' ? upper.type : undefined,
    };
  }
  // 401/403 come back lower-cased (docs/vendors/quickbooks-online.md §7); their detail can quote the token, so drop it.
  const lower = record.fault as { error?: unknown; type?: unknown } | undefined;
  if (lower && Array.isArray(lower.error)) {
    return {
      faults: lower.error.map((e: JsonRecord) => ({ code: String(e.code ?? ''), message: String(e.message ?? '') })),
      faultType: typeof lower.type === 'string' ? lower.type : undefined,
    };
  }
  return { faults: [] };
}

function retryAfterSeconds(header: string | null): number {
  if (header) {
    const seconds = Number(header);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds;
    const date = Date.parse(header);
    if (!Number.isNaN(date)) return Math.max(0, Math.ceil((date - Date.now()) / 1000));
  }
  return DEFAULT_THROTTLE_WAIT_SECONDS;
}

function describeFault(fault: QboFault | undefined): string {
  if (!fault) return 'QuickBooks Online refused the request.';
  return fault.detail ? `${fault.message}: ${fault.detail}` : fault.message;
}

/** A per-item Fault of a 200 batch answer, as the QboError a single request would have thrown. */
function batchItemError(fault: { type: string; faults: QboFault[] }): QboError {
  const system = fault.type.toLowerCase().includes('system');
  return new QboError(system ? 'TRANSIENT' : 'VALIDATION', describeFault(fault.faults[0]), {
    status: 200,
    faults: fault.faults,
    faultType: fault.type,
    mayHaveApplied: system,
  });
}

interface RequestSpec {
  method: 'GET' | 'POST';
  resource: string;
  params?: Record<string, string>;
  body?: unknown;
  contentType?: string;
}

export class QboClient {
  private readonly baseUrl: string;
  private readonly realmId: string;
  private readonly timeoutMs: number;
  private readonly minorVersion: number;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: QboClientOptions) {
    this.baseUrl = normalizeBaseUrl(options.baseUrl);
    if (!/^\d{1,32}$/.test(options.realmId)) throw new TypeError('A QBO realm id is a string of digits.');
    this.realmId = options.realmId;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.minorVersion = options.minorVersion ?? QBO_MINOR_VERSION;
    this.fetchImpl = options.fetch ?? fetch;
  }

  async getCompanyInfo(): Promise<QboCompanyInfo> {
    const body = await this.request({ method: 'GET', resource: `companyinfo/${this.realmId}` });
    return this.entity<QboCompanyInfo>(body, 'CompanyInfo');
  }

  /** One page of `select * from <entity> where …`. */
  async query<E extends QboEntityName>(entity: E, where?: QboWhere, page?: QboPage): Promise<QboEntityMap[E][]> {
    const body = await this.runQuery(buildQuery(entity, where, page));
    const rows = body[entity];
    return Array.isArray(rows) ? (rows as QboEntityMap[E][]) : [];
  }

  /** Every matching row, 1000 at a time. */
  async queryAll<E extends QboEntityName>(entity: E, where?: QboWhere): Promise<QboEntityMap[E][]> {
    const all: QboEntityMap[E][] = [];
    for (let page = 0; page < QUERY_ALL_PAGE_LIMIT; page += 1) {
      const rows = await this.query(entity, where, {
        startPosition: page * MAX_QUERY_RESULTS + 1,
        maxResults: MAX_QUERY_RESULTS,
      });
      all.push(...rows);
      if (rows.length < MAX_QUERY_RESULTS) return all;
    }
    return all;
  }

  async count(entity: QboEntityName, where?: QboWhere): Promise<number> {
    const body = await this.runQuery(buildQuery(entity, where, {}, true));
    return typeof body.totalCount === 'number' ? body.totalCount : 0;
  }

  async findCustomerByDisplayName(displayName: string): Promise<QboCustomer | undefined> {
    const [customer] = await this.query('Customer', { DisplayName: displayName }, { maxResults: 1 });
    return customer;
  }

  /** Customers whose DisplayName is one of `displayNames` (IN queries, chunked). */
  async findCustomersByDisplayNames(
    displayNames: readonly string[],
    options: LookupOptions = {},
  ): Promise<QboCustomer[]> {
    return this.findIn(
      'Customer',
      'DisplayName',
      displayNames,
      options.includeInactive ? { Active: [true, false] } : {},
    );
  }

  async getCustomer(id: string): Promise<QboCustomer> {
    return this.entity<QboCustomer>(
      await this.request({ method: 'GET', resource: `customer/${encodeURIComponent(id)}` }),
      'Customer',
    );
  }

  async createCustomer(customer: QboCustomerInput, options: WriteOptions = {}): Promise<QboCustomer> {
    return this.entity<QboCustomer>(await this.write('customer', customer, options), 'Customer');
  }

  async findItemByName(name: string): Promise<QboItem | undefined> {
    const [item] = await this.query('Item', { Name: name }, { maxResults: 1 });
    return item;
  }

  /** Items whose Name is one of `names` (IN queries, chunked). */
  async findItemsByNames(names: readonly string[], options: LookupOptions = {}): Promise<QboItem[]> {
    return this.findIn('Item', 'Name', names, options.includeInactive ? { Active: [true, false] } : {});
  }

  async getItem(id: string): Promise<QboItem> {
    return this.entity<QboItem>(
      await this.request({ method: 'GET', resource: `item/${encodeURIComponent(id)}` }),
      'Item',
    );
  }

  async createItem(item: QboItemInput, options: WriteOptions = {}): Promise<QboItem> {
    return this.entity<QboItem>(await this.write('item', item, options), 'Item');
  }

  /** Pass a requestId derived from the PSA invoice so a retried create never makes a second invoice. */
  async createInvoice(invoice: QboInvoiceInput, options: WriteOptions = {}): Promise<QboInvoice> {
    return this.entity<QboInvoice>(await this.write('invoice', invoice, options), 'Invoice');
  }

  /** Needs the current SyncToken; a stale one fails with VALIDATION code 5010. */
  async updateInvoice(update: QboInvoiceUpdate, options: WriteOptions = {}): Promise<QboInvoice> {
    return this.entity<QboInvoice>(await this.write('invoice', update, options), 'Invoice');
  }

  async getInvoice(id: string): Promise<QboInvoice> {
    return this.entity<QboInvoice>(
      await this.request({ method: 'GET', resource: `invoice/${encodeURIComponent(id)}` }),
      'Invoice',
    );
  }

  async findInvoiceByDocNumber(docNumber: string): Promise<QboInvoice | undefined> {
    const [invoice] = await this.query('Invoice', { DocNumber: docNumber }, { maxResults: 1 });
    return invoice;
  }

  /** Every invoice whose DocNumber is one of `docNumbers` (QBO may hold several per number). */
  async findInvoicesByDocNumbers(docNumbers: readonly string[]): Promise<QboInvoice[]> {
    return this.findIn('Invoice', 'DocNumber', docNumbers);
  }

  /** Pass a requestId derived from the PSA credit memo so a retried create never makes a second one. */
  async createCreditMemo(creditMemo: QboCreditMemoInput, options: WriteOptions = {}): Promise<QboCreditMemo> {
    return this.entity<QboCreditMemo>(await this.write('creditmemo', creditMemo, options), 'CreditMemo');
  }

  async getCreditMemo(id: string): Promise<QboCreditMemo> {
    return this.entity<QboCreditMemo>(
      await this.request({ method: 'GET', resource: `creditmemo/${encodeURIComponent(id)}` }),
      'CreditMemo',
    );
  }

  /** Every credit memo whose DocNumber is one of `docNumbers`. */
  async findCreditMemosByDocNumbers(docNumbers: readonly string[]): Promise<QboCreditMemo[]> {
    return this.findIn('CreditMemo', 'DocNumber', docNumbers);
  }

  async listAccounts(where?: QboWhere): Promise<QboAccount[]> {
    return this.queryAll('Account', where);
  }

  async listTaxCodes(): Promise<QboTaxCode[]> {
    return this.queryAll('TaxCode');
  }

  /** Up to 30 operations, run in order; each item answers its own entity or Fault. */
  async batch(items: QboBatchItemRequest[], options: WriteOptions = {}): Promise<QboBatchItemResponse[]> {
    if (items.length === 0 || items.length > MAX_BATCH_ITEMS) {
      throw new RangeError(`A QBO batch holds 1 to ${MAX_BATCH_ITEMS} items.`);
    }
    checkRequestId(options.requestId, MAX_BATCH_REQUEST_ID_LENGTH);
    const bIds = new Set(items.map((item) => item.bId));
    if (bIds.size !== items.length || [...bIds].some((bId) => bId === '')) {
      throw new RangeError('Every item of a QBO batch needs its own non-empty bId.');
    }
    if (options.requestId !== undefined && [...bIds].some((bId) => bId.length > MAX_BATCH_ID_LENGTH_WITH_REQUEST_ID)) {
      throw new RangeError(
        `With a requestid, QBO batch bIds are at most ${MAX_BATCH_ID_LENGTH_WITH_REQUEST_ID} characters.`,
      );
    }
    const body = await this.request({
      method: 'POST',
      resource: 'batch',
      body: { BatchItemRequest: items },
      params: options.requestId ? { requestid: options.requestId } : undefined,
    });
    const responses = body.BatchItemResponse;
    if (!Array.isArray(responses))
      throw new QboError('BAD_RESPONSE', 'QuickBooks Online answered a batch without BatchItemResponse.', {
        status: 200,
      });
    return responses.map((raw: JsonRecord) => {
      if (raw.Fault === undefined) return raw as unknown as QboBatchItemResponse;
      const { faults, faultType } = parseFaults(raw);
      const { Fault: _fault, ...rest } = raw;
      return { ...(rest as unknown as QboBatchItemResponse), Fault: { type: faultType ?? 'ValidationFault', faults } };
    });
  }

  /**
   * Creates invoices and credit memos in one batch request, answering each item in request order. A batch
   * requestid (qboBatchRequestId) makes a resent batch a replay; an item QBO refused carries its QboError.
   */
  async createSalesDocuments(
    documents: readonly QboSalesDocumentCreate[],
    options: WriteOptions = {},
  ): Promise<QboSalesDocumentCreated[]> {
    const requests = documents.map((document): QboBatchItemRequest => {
      if (document.entity === 'Invoice') return { bId: document.bId, operation: 'create', Invoice: document.body };
      return { bId: document.bId, operation: 'create', CreditMemo: document.body };
    });
    const responses = new Map((await this.batch(requests, options)).map((response) => [response.bId, response]));
    return documents.map(({ bId, entity }): QboSalesDocumentCreated => {
      const response = responses.get(bId);
      if (response?.Fault) return { bId, ok: false, entity, error: batchItemError(response.Fault) };
      if (entity === 'Invoice' && response?.Invoice) return { bId, ok: true, entity, document: response.Invoice };
      if (entity === 'CreditMemo' && response?.CreditMemo) {
        return { bId, ok: true, entity, document: response.CreditMemo };
      }
      const error = new QboError('BAD_RESPONSE', `QuickBooks Online answered batch item ${bId} without a ${entity}.`, {
        status: 200,
        mayHaveApplied: true,
      });
      return { bId, ok: false, entity, error };
    });
  }

  /** `field IN (…)` over every chunk of `values`, all pages. */
  private async findIn<E extends QboEntityName>(
    entity: E,
    field: string,
    values: readonly string[],
    where: QboWhere = {},
  ): Promise<QboEntityMap[E][]> {
    const found: QboEntityMap[E][] = [];
    for (const chunk of chunkInValues(entity, field, values, where)) {
      found.push(...(await this.queryAll(entity, { [field]: chunk, ...where })));
    }
    return found;
  }

  private async write(resource: string, entity: unknown, options: WriteOptions): Promise<JsonRecord> {
    checkRequestId(options.requestId, MAX_REQUEST_ID_LENGTH);
    return this.request({
      method: 'POST',
      resource,
      body: entity,
      params: options.requestId ? { requestid: options.requestId } : undefined,
    });
  }

  private async runQuery(statement: string): Promise<JsonRecord> {
    // Long statements (big IN lists) go in a POST body, as QBO allows, to stay clear of URL length limits.
    const body = await this.request(
      statement.length > MAX_GET_QUERY_LENGTH
        ? { method: 'POST', resource: 'query', body: statement, contentType: 'application/text' }
        : { method: 'GET', resource: 'query', params: { query: statement } },
    );
    const response = body.QueryResponse;
    if (typeof response !== 'object' || response === null) {
      throw new QboError('BAD_RESPONSE', 'QuickBooks Online answered a query without QueryResponse.', { status: 200 });
    }
    return response as JsonRecord;
  }

  private entity<T>(body: JsonRecord, key: string): T {
    const value = body[key];
    if (typeof value !== 'object' || value === null) {
      throw new QboError('BAD_RESPONSE', `QuickBooks Online answered without a ${key}.`, { status: 200 });
    }
    return value as T;
  }

  private async accessToken(): Promise<string> {
    const token =
      typeof this.options.accessToken === 'function' ? await this.options.accessToken() : this.options.accessToken;
    if (!token) throw new QboError('UNAUTHORIZED', 'There is no QuickBooks access token to use.');
    return token;
  }

  private async request(spec: RequestSpec): Promise<JsonRecord> {
    const token = await this.accessToken();
    const params = new URLSearchParams({ ...(spec.params ?? {}), minorversion: String(this.minorVersion) });
    const url = `${this.baseUrl}/v3/company/${this.realmId}/${spec.resource}?${params.toString()}`;
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
    let payload: string | undefined;
    if (spec.body !== undefined) {
      headers['Content-Type'] = spec.contentType ?? 'application/json';
      payload = typeof spec.body === 'string' ? spec.body : JSON.stringify(spec.body);
    }
    const isWrite = spec.method === 'POST' && spec.resource !== 'query';
    const resource = spec.resource.replace(/\/.*$/, '');
    const started = Date.now();

    let response: globalThis.Response;
    try {
      response = await this.fetchImpl(url, {
        method: spec.method,
        headers,
        body: payload,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      // Duck-typed: the DOMException comes from undici's realm, not necessarily ours.
      const name = typeof error === 'object' && error !== null ? (error as { name?: unknown }).name : undefined;
      const timedOut = name === 'TimeoutError' || name === 'AbortError';
      this.options.onResponse?.({ method: spec.method, resource, status: undefined, durationMs: Date.now() - started });
      throw new QboError(
        'TRANSIENT',
        timedOut
          ? `QuickBooks Online did not answer within ${this.timeoutMs} ms.`
          : 'QuickBooks Online could not be reached.',
        { timedOut, mayHaveApplied: isWrite },
      );
    }

    const intuitTid = response.headers.get('intuit_tid') ?? undefined;
    const text = await response.text().catch(() => '');
    this.options.onResponse?.({
      method: spec.method,
      resource,
      status: response.status,
      intuitTid,
      durationMs: Date.now() - started,
    });
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      body = undefined;
    }
    const { status } = response;
    const { faults, faultType } = parseFaults(body);
    const details = { status, faults, faultType, intuitTid };

    if (status >= 200 && status < 300) {
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw new QboError(
          'BAD_RESPONSE',
          'QuickBooks Online answered with something that is not a JSON object.',
          details,
        );
      }
      if (faults.length > 0 && resource !== 'batch')
        throw new QboError('VALIDATION', describeFault(faults[0]), details);
      return body as JsonRecord;
    }
    if (status === 401) {
      throw new QboError('UNAUTHORIZED', 'QuickBooks Online refused the access token (expired or revoked).', details);
    }
    if (status === 403) {
      throw new QboError(
        'FORBIDDEN',
        'The QuickBooks connection may not access this company (wrong realm or scope).',
        details,
      );
    }
    if (status === 429) {
      throw new QboError('THROTTLED', 'QuickBooks Online throttled this company; try again later.', {
        ...details,
        retryAfterSeconds: retryAfterSeconds(response.headers.get('retry-after')),
      });
    }
    if (status === 408 || status >= 500) {
      throw new QboError('TRANSIENT', `QuickBooks Online is temporarily unavailable (HTTP ${status}).`, {
        ...details,
        mayHaveApplied: isWrite,
      });
    }
    if (status === 400 && faults.length > 0) throw new QboError('VALIDATION', describeFault(faults[0]), details);
    throw new QboError('BAD_RESPONSE', `QuickBooks Online answered HTTP ${status}.`, details);
  }
}
