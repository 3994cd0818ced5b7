import { toCents, toDecimalString } from './amounts';
import { normalizeSite } from './connectwise-site';
import { badResponse, ConnectWiseError } from './errors';
import type {
  ConnectWiseCompanyInfo,
  ConnectWiseSystemInfo,
  CwInvoiceType,
  PsaAccountingBatch,
  PsaCompany,
  PsaCompanyRef,
  PsaCustomerTaxLevel,
  PsaExportCustomer,
  PsaExportLine,
  PsaExportTransaction,
  PsaGlExport,
  PsaInvoiceType,
  PsaTransactionTaxLevel,
  PsaUnpostedInvoice,
} from './types';

/** Pure functions from ConnectWise JSON (typed as unknown: it crossed a network) to Mobius types. */

type Json = Record<string, unknown>;

const INVOICE_TYPES: readonly CwInvoiceType[] = [
  'Agreement',
  'CreditMemo',
  'DownPayment',
  'Miscellaneous',
  'Progress',
  'Standard',
];
const CODEBASE = /^(?!\.{1,2}\/$)[A-Za-z0-9_.-]{1,64}\/$/;
const UPSTREAM_CODE = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

function integer(value: unknown): number | null {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d{1,15}$/.test(value.trim())) return Number(value.trim());
  return null;
}

function flag(value: unknown): boolean {
  return value === true || (typeof value === 'string' && value.trim().toLowerCase() === 'true');
}

function finite(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function requiredCents(value: unknown, what: string): number {
  const amount = finite(value);
  if (amount === null) throw badResponse(`${what} without an amount`);
  return toCents(amount);
}

function optionalCents(value: unknown): number {
  const amount = finite(value);
  return amount === null ? 0 : toCents(amount);
}

/** "2025-10-01T00:00:00Z" → "2025-10-01"; CW datetimes are UTC. */
function dateOnly(value: unknown): string | null {
  const raw = text(value);
  const match = raw === null ? null : /^(\d{4}-\d{2}-\d{2})(?:$|T)/.exec(raw);
  return match ? match[1] : null;
}

function referenceName(value: unknown): string | null {
  return isObject(value) ? (text(value.name) ?? text(value.identifier)) : null;
}

function companyRef(value: unknown): PsaCompanyRef | null {
  if (!isObject(value)) return null;
  const id = integer(value.id);
  const name = text(value.name) ?? text(value.identifier);
  if (id === null || name === null) return null;
  return { id, identifier: text(value.identifier), name };
}

function list(value: unknown, what: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw badResponse(`${what} that is not a list`);
  return value;
}

/** The body of an error response, reduced to CW's short error code (never its message). */
export function upstreamErrorCode(body: unknown): string | undefined {
  if (!isObject(body)) return undefined;
  const code = text(body.code) ?? text(body.error);
  return code !== null && UPSTREAM_CODE.test(code) ? code : undefined;
}

/**
 * /login/companyinfo. Returns null when the company is unknown (no object or no Codebase). SiteUrl is read only
 * when IsCloud is true: an on-premise server may report an internal host name, so the Site the person typed is the
 * address there (docs/vendors/connectwise-psa.md §1). A cloud SiteUrl is validated like a typed Site, since it decides
 * where the keys are sent.
 */
export function mapCompanyInfo(raw: unknown, options: { allowHttp?: boolean } = {}): ConnectWiseCompanyInfo | null {
  if (!isObject(raw)) return null;
  let codebase = text(raw.Codebase);
  if (codebase === null) return null;
  if (!codebase.endsWith('/')) codebase = `${codebase}/`;
  if (!CODEBASE.test(codebase)) throw badResponse('a Codebase that is not a valid path segment');

  const isCloud = flag(raw.IsCloud);
  let siteUrl: string | undefined;
  const reported = isCloud ? text(raw.SiteUrl) : null;
  if (reported !== null) {
    try {
      const site = normalizeSite(reported, { allowHttp: options.allowHttp });
      siteUrl = site.port === undefined ? site.host : `${site.host}:${site.port}`;
    } catch (error) {
      if (error instanceof ConnectWiseError) throw badResponse('a SiteUrl that is not a valid host name');
      throw error;
    }
  }
  const versionCode = text(raw.VersionCode);
  return {
    companyName: text(raw.CompanyName) ?? text(raw.CompanyID) ?? '',
    codebase,
    ...(siteUrl === undefined ? {} : { siteUrl }),
    isCloud,
    ...(versionCode === null ? {} : { versionCode }),
  };
}

export function mapSystemInfo(raw: unknown): ConnectWiseSystemInfo {
  if (!isObject(raw)) throw badResponse('system information that is not an object');
  const version = text(raw.version);
  if (version === null) throw badResponse('system information without a version');
  return {
    version,
    isCloud: flag(raw.isCloud),
    serverTimeZone: text(raw.serverTimeZone),
    cloudRegion: text(raw.cloudRegion),
  };
}

export function mapUnpostedInvoice(raw: unknown): PsaUnpostedInvoice {
  if (!isObject(raw)) throw badResponse('an unposted invoice that is not an object');
  const id = integer(raw.id);
  if (id === null) throw badResponse('an unposted invoice without an id');
  const invoiceNumber = text(raw.invoiceNumber);
  if (invoiceNumber === null) throw badResponse(`unposted invoice ${id} without an invoice number`);
  const company = companyRef(raw.company);
  if (company === null) throw badResponse(`unposted invoice ${id} without a company`);
  const rawType = text(raw.invoiceType);
  const invoiceType: PsaInvoiceType = INVOICE_TYPES.find((type) => type === rawType) ?? 'Other';
  const currency = isObject(raw.currency) ? raw.currency : undefined;
  return {
    id,
    invoiceNumber,
    invoiceType,
    isCreditMemo: invoiceType === 'CreditMemo',
    invoiceDate: dateOnly(raw.invoiceDate),
    dueDate: dateOnly(raw.dueDate),
    company,
    billToCompany: companyRef(raw.billToCompany),
    accountNumber: text(raw.accountNumber),
    description: text(raw.description),
    billingTerms: referenceName(raw.billingTerms),
    currencyCode: currency ? text(currency.currencyCode) : null,
    subTotalCents: requiredCents(raw.subTotal, `unposted invoice ${id}`),
    salesTaxCents: optionalCents(raw.salesTaxAmount),
    totalCents: requiredCents(raw.total, `unposted invoice ${id}`),
    taxable: flag(raw.invoiceTaxableFlag),
    taxCode: referenceName(raw.taxCode),
    locationId: integer(raw.locationId),
  };
}

function mapCustomerTaxLevel(raw: unknown): PsaCustomerTaxLevel | null {
  if (!isObject(raw)) return null;
  const level = integer(raw.taxLevel);
  const rate = finite(raw.taxRate);
  if (level === null || rate === null) return null;
  return { level, rate: toDecimalString(rate), taxCodeXref: text(raw.taxCodeXref), agencyXref: text(raw.agencyXref) };
}

export function mapExportCustomer(raw: unknown): PsaExportCustomer {
  if (!isObject(raw)) throw badResponse('a GL export customer that is not an object');
  const company = companyRef(raw.company);
  if (company === null) throw badResponse('a GL export customer without a company');
  const currency = isObject(raw.currency) ? raw.currency : undefined;
  return {
    companyId: company.id,
    identifier: company.identifier,
    name: company.name,
    accountNumber: text(raw.accountNumber),
    contactName: referenceName(raw.contact),
    siteName: referenceName(raw.site),
    billingTerms: referenceName(raw.billingTerms),
    dueDays: integer(raw.dueDays),
    taxable: flag(raw.taxable),
    taxCode: referenceName(raw.taxCode),
    currencyCode: currency ? text(currency.currencyCode) : null,
    taxLevels: list(raw.taxLevels, 'customer tax levels')
      .map(mapCustomerTaxLevel)
      .filter((level): level is PsaCustomerTaxLevel => level !== null),
  };
}

export function mapExportLine(raw: unknown, invoiceNumber: string): PsaExportLine {
  if (!isObject(raw)) throw badResponse(`a line of invoice ${invoiceNumber} that is not an object`);
  const product = isObject(raw.product) ? raw.product : undefined;
  const item = isObject(raw.item) ? raw.item : undefined;
  const timeEntry = isObject(raw.timeEntry) ? raw.timeEntry : undefined;
  const productId = product ? integer(product.id) : null;
  const quantity = finite(raw.quantity);
  const unitPrice = finite(raw.itemPrice);
  return {
    id: integer(raw.id),
    kind: productId !== null ? 'PRODUCT' : 'SERVICE',
    itemIdentifier:
      (item ? text(item.identifier) : null) ?? (product ? text(product.identifier) : null) ?? text(raw.glItemId),
    description: text(raw.description) ?? text(raw.itemDescription) ?? text(raw.salesDescription),
    memo: text(raw.memo),
    quantity: toDecimalString(quantity ?? 1),
    unitPrice: unitPrice === null ? null : toDecimalString(unitPrice),
    amountCents: requiredCents(raw.total, `a line of invoice ${invoiceNumber}`),
    taxable: flag(raw.taxableFlag),
    accountNumber: text(raw.accountNumber),
    salesCode: text(raw.salesCode),
    unitOfMeasure: referenceName(raw.unitOfMeasure),
    productId,
    timeEntryId: timeEntry ? integer(timeEntry.id) : null,
  };
}

function mapTransactionTaxLevel(raw: unknown): PsaTransactionTaxLevel | null {
  if (!isObject(raw)) return null;
  const level = integer(raw.taxLevel);
  if (level === null) return null;
  return {
    level,
    taxCents: optionalCents(raw.taxAmount),
    taxableCents: optionalCents(raw.taxableAmount),
    taxCodeXref: text(raw.taxCodeXref),
  };
}

/** "30001, 30002" (ConnectWise's comma-separated glEntryIds) → [30001, 30002]; absent or empty → []. */
export function parseGlEntryIds(value: unknown, invoiceNumber: string): number[] {
  if (value === undefined || value === null) return [];
  const parts =
    typeof value === 'number'
      ? [String(value)]
      : typeof value === 'string'
        ? value.split(',').map((part) => part.trim())
        : null;
  if (parts === null) throw badResponse(`GL export transaction ${invoiceNumber} with glEntryIds that are not text`);
  const ids = parts.filter((part) => part !== '');
  if (ids.some((part) => !/^\d{1,15}$/.test(part) || Number(part) === 0)) {
    throw badResponse(`GL export transaction ${invoiceNumber} with glEntryIds that are not ids`);
  }
  return ids.map(Number);
}

function isCreditMemoType(value: string | null): boolean {
  return value !== null && /^(cm|credit\s*memo)$/i.test(value);
}

export function mapExportTransaction(raw: unknown): PsaExportTransaction {
  if (!isObject(raw)) throw badResponse('a GL export transaction that is not an object');
  const id = integer(raw.id);
  if (id === null) throw badResponse('a GL export transaction without an id');
  const invoiceNumber = text(raw.documentNumber);
  if (invoiceNumber === null) throw badResponse(`GL export transaction ${id} without a document number`);
  const company = companyRef(raw.company);
  if (company === null) throw badResponse(`GL export transaction ${id} without a company`);
  const documentType = text(raw.documentType);
  const currency = isObject(raw.currency) ? raw.currency : undefined;
  return {
    id,
    glEntryIds: parseGlEntryIds(raw.glEntryIds, invoiceNumber),
    invoiceNumber,
    documentType,
    isCreditMemo: isCreditMemoType(documentType) || isCreditMemoType(text(raw.glTypeId)),
    documentDate: dateOnly(raw.documentDate),
    dueDate: dateOnly(raw.dueDate),
    company,
    companyAccountNumber: text(raw.companyAccountNumber),
    accountNumber: text(raw.accountNumber),
    billingTerms: referenceName(raw.billingTerms),
    dueDays: integer(raw.dueDays),
    currencyCode: currency ? text(currency.currencyCode) : null,
    memo: text(raw.memo),
    description: text(raw.description),
    purchaseOrderNumber: referenceName(raw.purchaseOrder),
    taxable: flag(raw.taxable),
    taxCode: referenceName(raw.taxCode),
    totalCents: requiredCents(raw.total, `GL export transaction ${invoiceNumber}`),
    taxableTotalCents: optionalCents(raw.taxableTotal),
    salesTaxCents: optionalCents(raw.salesTax),
    taxLevels: list(raw.taxLevels, 'transaction tax levels')
      .map(mapTransactionTaxLevel)
      .filter((level): level is PsaTransactionTaxLevel => level !== null),
    lines: list(raw.detail, `invoice ${invoiceNumber} detail`).map((line) => mapExportLine(line, invoiceNumber)),
  };
}

export function mapGlExport(raw: unknown): PsaGlExport {
  if (!isObject(raw)) throw badResponse('a GL export that is not an object');
  return {
    customers: list(raw.customers, 'GL export customers').map(mapExportCustomer),
    transactions: list(raw.transactions, 'GL export transactions').map(mapExportTransaction),
  };
}

export function mapCompany(raw: unknown): PsaCompany {
  if (!isObject(raw)) throw badResponse('a company that is not an object');
  const id = integer(raw.id);
  const identifier = text(raw.identifier);
  const name = text(raw.name);
  if (id === null || identifier === null || name === null)
    throw badResponse('a company without id, identifier or name');
  return {
    id,
    identifier,
    name,
    status: referenceName(raw.status),
    accountNumber: text(raw.accountNumber),
    addressLine1: text(raw.addressLine1),
    addressLine2: text(raw.addressLine2),
    city: text(raw.city),
    state: text(raw.state),
    zip: text(raw.zip),
    country: referenceName(raw.country),
    phoneNumber: text(raw.phoneNumber),
    website: text(raw.website),
    invoiceToEmailAddress: text(raw.invoiceToEmailAddress),
    taxCode: referenceName(raw.taxCode),
    isVendor: flag(raw.isVendorFlag),
    deleted: flag(raw.deletedFlag),
  };
}

export function mapAccountingBatch(raw: unknown): PsaAccountingBatch {
  if (!isObject(raw)) throw badResponse('an accounting batch that is not an object');
  const id = integer(raw.id);
  const batchIdentifier = text(raw.batchIdentifier);
  if (id === null || batchIdentifier === null) throw badResponse('an accounting batch without id or identifier');
  return {
    id,
    batchIdentifier,
    closed: flag(raw.closedFlag),
    exportInvoices: flag(raw.exportInvoicesFlag),
    exportExpenses: flag(raw.exportExpensesFlag),
    exportProducts: flag(raw.exportProductsFlag),
  };
}
