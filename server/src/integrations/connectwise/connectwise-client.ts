import { formatSite, normalizeSite, siteOrigin, type NormalizedSite } from './connectwise-site';
import { createGuardedAgent, guardedAgent, guardedFetch, type HostLookup } from './destination-guard';
import { exchange, type FetchLike, type HttpPolicy, type HttpResult, type Sleep } from './connectwise-http';
import { failureFor, invalidKeys, rateLimited, serverError } from './connectwise-failures';
import { ConnectWiseError, badResponse, type ConnectWiseField } from './errors';
import { parseLinkHeader } from './link-header';
import {
  mapAccountingBatch,
  mapCompany,
  mapCompanyInfo,
  mapGlExport,
  mapSystemInfo,
  mapUnpostedInvoice,
} from './mappers';
import type {
  ConnectWiseCompanyInfo,
  ConnectWiseSystemInfo,
  ConnectWiseValidation,
  CwCreateAccountingBatchRequest,
  CwExportAccountingBatchRequest,
  PsaAccountingBatch,
  PsaCompany,
  PsaGlExport,
  PsaUnpostedInvoice,
} from './types';

export const CONNECTWISE_API_VERSION = '2022.1';
export const DEFAULT_TIMEOUT_MS = 10_000;
/** Retries after the first attempt: three tries in all. */
export const DEFAULT_MAX_RETRIES = 2;
export const MAX_PAGE_SIZE = 1000;
const MAX_PAGES = 1000;
const MAX_COMPANY_INFO_BYTES = 64 * 1024;
const MAX_API_BODY_BYTES = 64 * 1024 * 1024;

export interface ConnectWiseClientOptions {
  /** As typed by the person: "na.myconnectwise.net", "https://eu.myconnectwise.net/"... */
  site: string;
  companyId: string;
  publicKey: string;
  privateKey: string;
  /** Mobius's clientId GUID from developer.connectwise.com (CONNECTWISE_CLIENT_ID). */
  clientId: string;
  /**
   * Development/tests only: accept http://, ports and loopback sites, and let the destination guard pass loopback
   * addresses (every other private address stays refused).
   */
  allowHttp?: boolean;
  timeoutMs?: number;
  maxRetries?: number;
  retryBaseDelayMs?: number;
  maxRetryDelayMs?: number;
  /** Longest Retry-After we wait out before giving up with RATE_LIMITED (default 30 s). */
  maxRetryAfterMs?: number;
  /** Resolves names for the destination guard at connect time (tests pin DNS answers with it). */
  lookup?: HostLookup;
  /** Replaces the guarded transport entirely (unit tests of the HTTP policy only). */
  fetchImpl?: FetchLike;
  sleep?: Sleep;
  apiVersion?: string;
}

export interface ListOptions {
  /** ConnectWise conditions syntax, e.g. `company/id = 5`. */
  conditions?: string;
  orderBy?: string;
  /** 1..1000, default 1000. */
  pageSize?: number;
}

export interface ExportInvoicesInput {
  includedInvoiceIds: number[];
  thruDate?: Date | string;
  batchIdentifier?: string;
}

export interface CreateAccountingBatchInput {
  batchIdentifier: string;
  /**
   * GL entry RecIDs: the `glEntryIds` of the exported transactions to mark, every entry of each. Never invoice ids
   * (a different id space that overlaps them; ConnectWise refuses or marks the wrong invoices).
   */
  processedRecordIds: number[];
}

interface ApiTarget {
  info: ConnectWiseCompanyInfo;
  baseUrl: string;
}

type Query = Record<string, string | number | undefined>;

const COMPANY_ID = /^[A-Za-z0-9_.-]{1,64}$/;
const PRINTABLE = /^[\x21-\x7e]{1,256}$/;
const BATCH_IDENTIFIER = /^[A-Za-z0-9 _.:-]{1,50}$/;

function invalidInput(field: ConnectWiseField, message: string): never {
  throw new ConnectWiseError('INVALID_INPUT', message, { field });
}

function checkIds(ids: readonly number[], what: string): void {
  if (!Array.isArray(ids) || ids.some((id) => !Number.isSafeInteger(id) || id <= 0)) {
    throw new RangeError(`${what} must be positive integers`);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function toCwDateTime(value: Date | string): string {
  const date =
    value instanceof Date ? value : new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T23:59:59Z` : value);
  if (Number.isNaN(date.getTime())) throw new RangeError('thruDate is not a valid date');
  return `${date.toISOString().slice(0, 19)}Z`;
}

/**
 * The ConnectWise PSA REST client (docs/vendors/connectwise-psa.md). Keys live only in a private field as the ready-made Authorization
 * header; errors are ConnectWiseErrors whose messages name the field to fix and never carry keys or upstream bodies.
 */
export class ConnectWiseClient {
  readonly site: NormalizedSite;
  readonly companyId: string;
  readonly #authorization: string;
  readonly #clientId: string;
  readonly #allowHttp: boolean;
  readonly #apiVersion: string;
  readonly #policy: HttpPolicy;
  #target?: Promise<ApiTarget>;

  constructor(options: ConnectWiseClientOptions) {
    this.#allowHttp = options.allowHttp === true;
    this.site = normalizeSite(options.site, { allowHttp: this.#allowHttp });

    const companyId = String(options.companyId ?? '').trim();
    const publicKey = String(options.publicKey ?? '').trim();
    const privateKey = String(options.privateKey ?? '').trim();
    const clientId = String(options.clientId ?? '').trim();
    if (!COMPANY_ID.test(companyId)) {
      invalidInput('companyId', 'Enter the Company ID you use to log in to ConnectWise PSA (letters, digits, _ - .).');
    }
    if (!PRINTABLE.test(publicKey) || publicKey.includes(':')) {
      invalidInput('publicKey', 'The Public Key is not valid: copy it again from the API member in ConnectWise PSA.');
    }
    if (!PRINTABLE.test(privateKey)) {
      invalidInput('privateKey', 'The Private Key is not valid: copy it again from the API member in ConnectWise PSA.');
    }
    if (!PRINTABLE.test(clientId)) invalidInput('clientId', 'The ConnectWise clientId is not configured correctly.');

    this.companyId = companyId;
    this.#clientId = clientId;
    this.#authorization = `Basic ${Buffer.from(`${companyId}+${publicKey}:${privateKey}`, 'utf8').toString('base64')}`;
    this.#apiVersion = options.apiVersion ?? CONNECTWISE_API_VERSION;

    // Every connection goes through the destination guard (docs/request-hardening.md).
    const policy = { allowLoopback: this.#allowHttp };
    const agent = options.lookup ? createGuardedAgent({ ...policy, lookup: options.lookup }) : guardedAgent(policy);
    this.#policy = {
      fetchImpl: options.fetchImpl ?? guardedFetch(agent),
      sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxRetries: Math.max(0, Math.floor(options.maxRetries ?? DEFAULT_MAX_RETRIES)),
      retryBaseDelayMs: options.retryBaseDelayMs ?? 500,
      maxRetryDelayMs: options.maxRetryDelayMs ?? 8_000,
      maxRetryAfterMs: options.maxRetryAfterMs ?? 30_000,
    };
  }

  /** The Site in its canonical stored form. */
  get siteLabel(): string {
    return formatSite(this.site);
  }

  /** GET /login/companyinfo/{companyId} (no auth). Unknown company: COMPANY_NOT_FOUND. */
  async getCompanyInfo(): Promise<ConnectWiseCompanyInfo> {
    return (await this.#resolveTarget(true)).info;
  }

  /** e.g. "https://api-na.myconnectwise.net/v2025_1/apis/3.0" (discovered once, then cached). */
  async getApiBaseUrl(): Promise<string> {
    return (await this.#resolveTarget(false)).baseUrl;
  }

  async getSystemInfo(): Promise<ConnectWiseSystemInfo> {
    return mapSystemInfo(await this.#getJson('/system/info'));
  }

  /**
   * Site → company → keys → Finance permission, each failing with its own kind. A 404 from /system/info counts as
   * INVALID_KEYS: companyinfo has just confirmed this host and codebase, /system/info exists on every server, and
   * ConnectWise cloud answers bad credentials that way (docs/vendors/connectwise-psa.md §4).
   */
  async validateCredentials(): Promise<ConnectWiseValidation> {
    const { info, baseUrl } = await this.#resolveTarget(true);
    let system: ConnectWiseSystemInfo;
    try {
      system = await this.getSystemInfo();
    } catch (error) {
      if (error instanceof ConnectWiseError && error.kind === 'NOT_FOUND') throw invalidKeys(404, this.companyId);
      throw error;
    }
    try {
      const page = await this.#getJson('/finance/accounting/unpostedinvoices', { pageSize: 1 });
      if (!Array.isArray(page)) throw badResponse('an unposted invoice list that is not a list');
    } catch (error) {
      if (error instanceof ConnectWiseError && error.kind === 'MISSING_PERMISSIONS') {
        throw new ConnectWiseError(
          'MISSING_PERMISSIONS',
          'These keys work, but their API member cannot read unposted invoices. In ConnectWise PSA, give the ' +
            'member’s security role access to Finance › Accounting Interface, then save again.',
          { status: error.status, field: 'publicKey', upstreamCode: error.upstreamCode },
        );
      }
      throw error;
    }
    return {
      companyName: info.companyName || this.companyId,
      codebase: info.codebase,
      apiBaseUrl: baseUrl,
      serverVersion: system.version,
      isCloud: system.isCloud || info.isCloud,
    };
  }

  async listUnpostedInvoices(options: ListOptions = {}): Promise<PsaUnpostedInvoice[]> {
    return (await this.listAll('/finance/accounting/unpostedinvoices', options)).map(mapUnpostedInvoice);
  }

  async countUnpostedInvoices(options: Pick<ListOptions, 'conditions'> = {}): Promise<number> {
    const body = await this.#getJson('/finance/accounting/unpostedinvoices/count', { conditions: options.conditions });
    const count = (body as { count?: unknown } | null)?.count;
    if (typeof count !== 'number' || !Number.isSafeInteger(count)) throw badResponse('a count that is not a number');
    return count;
  }

  async getUnpostedInvoice(id: number): Promise<PsaUnpostedInvoice> {
    checkIds([id], 'invoice id');
    return mapUnpostedInvoice(await this.#getJson(`/finance/accounting/unpostedinvoices/${id}`));
  }

  /** POST /finance/accounting/export: the GL export of these invoices (customers + transactions with lines). */
  async exportInvoices(input: ExportInvoicesInput): Promise<PsaGlExport> {
    checkIds(input.includedInvoiceIds, 'includedInvoiceIds');
    if (input.includedInvoiceIds.length === 0) return { customers: [], transactions: [] };
    const body: CwExportAccountingBatchRequest = {
      ...(input.batchIdentifier === undefined ? {} : { batchIdentifier: this.#batchIdentifier(input.batchIdentifier) }),
      summarizeInvoices: 'Detailed',
      exportInvoicesFlag: true,
      exportExpensesFlag: false,
      exportProductsFlag: false,
      includedInvoiceIds: [...input.includedInvoiceIds],
      ...(input.thruDate === undefined ? {} : { thruDate: toCwDateTime(input.thruDate) }),
    };
    // The export is a read-only preview, so it is retried like a GET.
    const result = await this.#send('POST', '/finance/accounting/export', { body, idempotent: true });
    return mapGlExport(this.#json(result));
  }

  /**
   * POST /finance/accounting/batches: closes a batch of GL entries (the exported transactions' glEntryIds), marking
   * their invoices exported in ConnectWise. Not repeated after a 5xx or a broken connection (it may have happened);
   * use findAccountingBatch to check.
   */
  async createAccountingBatch(input: CreateAccountingBatchInput): Promise<PsaGlExport> {
    checkIds(input.processedRecordIds, 'processedRecordIds');
    if (input.processedRecordIds.length === 0) throw new RangeError('processedRecordIds must not be empty');
    const body: CwCreateAccountingBatchRequest = {
      batchIdentifier: this.#batchIdentifier(input.batchIdentifier),
      exportInvoicesFlag: true,
      exportExpensesFlag: false,
      exportProductsFlag: false,
      processedRecordIds: [...input.processedRecordIds],
    };
    const result = await this.#send('POST', '/finance/accounting/batches', { body, idempotent: false });
    return mapGlExport(this.#json(result));
  }

  async findAccountingBatch(batchIdentifier: string): Promise<PsaAccountingBatch | null> {
    const identifier = this.#batchIdentifier(batchIdentifier);
    const page = await this.#getJson('/finance/accounting/batches', {
      conditions: `batchIdentifier = "${identifier}"`,
      pageSize: 1,
    });
    if (!Array.isArray(page)) throw badResponse('a batch list that is not a list');
    return page.length === 0 ? null : mapAccountingBatch(page[0]);
  }

  /** DELETE /finance/accounting/batches/{id}: un-posts the batch's records. */
  async deleteAccountingBatch(id: number): Promise<void> {
    checkIds([id], 'batch id');
    await this.#send('DELETE', `/finance/accounting/batches/${id}`, { idempotent: true });
  }

  async listCompanies(options: ListOptions = {}): Promise<PsaCompany[]> {
    return (await this.listAll('/company/companies', options)).map(mapCompany);
  }

  async getCompany(id: number): Promise<PsaCompany> {
    checkIds([id], 'company id');
    return mapCompany(await this.#getJson(`/company/companies/${id}`));
  }

  /**
   * Pages through a list endpoint. Follows the Link header's rel="next" only when it stays on the API's origin
   * and path (so a Link header can never send our credentials elsewhere); otherwise counts pages itself.
   */
  async *pages(path: string, options: ListOptions = {}): AsyncGenerator<unknown[]> {
    const pageSize = options.pageSize ?? MAX_PAGE_SIZE;
    if (!Number.isSafeInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new RangeError(`pageSize must be between 1 and ${MAX_PAGE_SIZE}`);
    }
    const base = new URL((await this.#resolveTarget(false)).baseUrl);
    const query: Query = { conditions: options.conditions, orderBy: options.orderBy, pageSize };
    let page = 1;
    let url = this.#url(base.href, path, { ...query, page });
    const seen = new Set<string>();
    for (let count = 0; ; count += 1) {
      if (count >= MAX_PAGES || seen.has(url)) throw badResponse('a list that does not end');
      seen.add(url);
      const result = await this.#exchange('GET', url, { idempotent: true });
      const items = this.#json(result);
      if (!Array.isArray(items)) throw badResponse('a list that is not a list');
      yield items;

      if (result.headers.has('link')) {
        const next = parseLinkHeader(result.headers.get('link'), url).next;
        if (next === undefined) return;
        page += 1;
        if (isWithinApi(next, base)) {
          url = next;
          continue;
        }
      } else {
        page += 1;
      }
      if (items.length < pageSize) return;
      url = this.#url(base.href, path, { ...query, page });
    }
  }

  async listAll(path: string, options: ListOptions = {}): Promise<unknown[]> {
    const all: unknown[] = [];
    for await (const items of this.pages(path, options)) all.push(...items);
    return all;
  }

  // ------------------------------------------------------------------------------------------ internals

  #batchIdentifier(value: string): string {
    const trimmed = String(value ?? '').trim();
    if (!BATCH_IDENTIFIER.test(trimmed)) throw new RangeError('batchIdentifier must be 1-50 letters, digits, " _.:-"');
    return trimmed;
  }

  #resolveTarget(fresh: boolean): Promise<ApiTarget> {
    if (fresh || !this.#target) {
      const target = this.#discover();
      this.#target = target;
      target.catch(() => {
        if (this.#target === target) this.#target = undefined;
      });
    }
    return this.#target;
  }

  async #discover(): Promise<ApiTarget> {
    const url = `${siteOrigin(this.site)}/login/companyinfo/${encodeURIComponent(this.companyId)}`;
    const result = await exchange(this.#policy, {
      method: 'GET',
      url,
      headers: { Accept: 'application/json', 'Cache-Control': 'no-cache' },
      idempotent: true,
      retryNetwork: false,
      maxBodyBytes: MAX_COMPANY_INFO_BYTES,
    });
    // Throttling and server errors say nothing about the company; only other answers mean "not found".
    if (result.status === 429) throw rateLimited(result);
    if (result.status >= 500) throw serverError(result.status, this.siteLabel);
    const info = result.status === 200 ? mapCompanyInfo(parseJson(result.text), { allowHttp: this.#allowHttp }) : null;
    if (info === null) {
      throw new ConnectWiseError(
        'COMPANY_NOT_FOUND',
        `ConnectWise PSA at ${this.siteLabel} has no company "${this.companyId}". Check the Company ID and the Site.`,
        { status: result.status, field: 'companyId' },
      );
    }
    // mapCompanyInfo keeps SiteUrl for cloud companies only; on premise the typed Site is the API's host.
    const host = info.siteUrl ?? `${this.site.host}${this.site.port === undefined ? '' : `:${this.site.port}`}`;
    return { info, baseUrl: `${this.site.scheme}://${host}/${info.codebase}apis/3.0` };
  }

  #url(baseUrl: string, path: string, query: Query = {}): string {
    if (!/^\/[A-Za-z0-9_/-]*$/.test(path) || path.includes('//')) throw new RangeError('path must be an API path');
    const pairs = Object.entries(query)
      .filter((entry): entry is [string, string | number] => entry[1] !== undefined && entry[1] !== '')
      .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
    return `${baseUrl}${path}${pairs.length === 0 ? '' : `?${pairs.join('&')}`}`;
  }

  async #getJson(path: string, query: Query = {}): Promise<unknown> {
    return this.#json(await this.#send('GET', path, { query, idempotent: true }));
  }

  async #send(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    options: { query?: Query; body?: unknown; idempotent: boolean },
  ): Promise<HttpResult> {
    const { baseUrl } = await this.#resolveTarget(false);
    return this.#exchange(method, this.#url(baseUrl, path, options.query), options);
  }

  async #exchange(
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    options: { body?: unknown; idempotent: boolean },
  ): Promise<HttpResult> {
    const headers: Record<string, string> = {
      Authorization: this.#authorization,
      clientId: this.#clientId,
      Accept: `application/vnd.connectwise.com+json; version=${this.#apiVersion}`,
      'Cache-Control': 'no-cache',
    };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    const result = await exchange(this.#policy, {
      method,
      url,
      headers,
      body: options.body,
      idempotent: options.idempotent,
      retryNetwork: true,
      maxBodyBytes: MAX_API_BODY_BYTES,
    });
    if (result.status >= 200 && result.status < 300) return result;
    throw failureFor(result, { companyId: this.companyId, siteLabel: this.siteLabel });
  }

  #json(result: HttpResult): unknown {
    if (result.text.trim() === '') throw badResponse('an empty body', { status: result.status });
    const body = parseJson(result.text);
    if (body === undefined) throw badResponse('a body that is not JSON', { status: result.status });
    return body;
  }
}

function isWithinApi(candidate: string, base: URL): boolean {
  try {
    const url = new URL(candidate);
    return (
      url.origin === base.origin &&
      url.username === '' &&
      url.password === '' &&
      (url.pathname === base.pathname || url.pathname.startsWith(`${base.pathname}/`))
    );
  } catch {
    return false;
  }
}
