/**
 * The simulator's own model of ConnectWise PSA data (it stands in for an outside service, so it shares no types
 * with integrations/). Wire payloads follow docs/vendors/connectwise-psa.md §7–§8: camelCase, `_info`, reference objects.
 */

export type InvoiceType = 'Agreement' | 'CreditMemo' | 'DownPayment' | 'Miscellaneous' | 'Progress' | 'Standard';

export interface Reference {
  id: number;
  identifier?: string;
  name?: string;
  _info?: Record<string, string>;
}

export interface SimTaxLevel {
  level: number;
  name: string;
  /** Basis points: 625 = 6.25 %. */
  rateBp: number;
  xref: string;
  agencyXref: string;
}

export interface SimTaxCode {
  id: number;
  identifier: string;
  name: string;
  levels: SimTaxLevel[];
}

export interface SimBillingTerms {
  id: number;
  name: string;
  dueDays: number;
}

export interface SimCompany {
  id: number;
  identifier: string;
  name: string;
  addressLine1: string;
  city: string;
  state: string;
  zip: string;
  phoneNumber: string;
  website: string;
  accountNumber: string;
  taxCodeId: number;
  billingTermsId: number;
  contact: { id: number; name: string; email: string };
  siteId: number;
  typeName: 'Client' | 'Vendor' | 'Prospect';
}

export type SimLineKind = 'agreement' | 'time' | 'product';

export interface SimCatalogItem {
  id: number;
  identifier: string;
  description: string;
  kind: SimLineKind;
  priceCents: number;
  costCents: number;
  taxable: boolean;
  /** Income GL account. */
  accountNumber: string;
  salesCode: string;
  unitOfMeasure: string;
}

export interface SimLine {
  id: number;
  kind: SimLineKind;
  item: SimCatalogItem;
  description: string;
  /** Quarter units, so 1.25 hours is 5: keeps every amount an exact integer of cents. */
  quantityQuarters: number;
  unitPriceCents: number;
  totalCents: number;
  taxable: boolean;
  productRecordId?: number;
  timeEntryId?: number;
}

/** One GL posting of an invoice: its receivable, one per line, one per tax level with tax. */
export interface SimGlEntry {
  /** RecID in ConnectWise's own GL entry id space: not an invoice id, though the numbers can collide. */
  id: number;
  kind: 'receivable' | 'revenue' | 'tax';
  /** The invoice line (revenue) or tax level (tax) it posts. */
  lineId?: number;
  taxLevel?: number;
}

export interface SimInvoice {
  id: number;
  billingLogId: number;
  invoiceNumber: string;
  type: InvoiceType;
  companyId: number;
  /** YYYY-MM-DD */
  invoiceDate: string;
  description: string;
  poNumber?: string;
  lines: SimLine[];
  locationId: number;
  departmentId: number;
  createdBy: string;
  /** What a GL export lists in `glEntryIds` and what a batch's processedRecordIds take. */
  glEntries: SimGlEntry[];
  /** null while unposted; the closing batch's id afterwards. */
  postedBatchId: number | null;
}

export interface SimBatch {
  id: number;
  batchIdentifier: string;
  /** processedRecordIds as sent: GL entry RecIDs. */
  glEntryIds: number[];
  /** The invoices those entries post, all of whose entries the batch holds. */
  invoiceIds: number[];
  exportInvoicesFlag: boolean;
  exportExpensesFlag: boolean;
  exportProductsFlag: boolean;
  createdAt: string;
}

export interface SimMember {
  identifier: string;
  publicKey: string;
  privateKey: string;
  /** false: the security role lacks Finance › Accounting Interface (403 on /finance/*). */
  financeAccess: boolean;
}

export interface SimTenantSeed {
  companyId: string;
  companyName: string;
  codebase: string;
  versionCode: string;
  versionNumber: string;
  serverVersion: string;
  isCloud: boolean;
  /**
   * What /login/companyinfo reports as SiteUrl for an on-premise server (often an internal name clients must not
   * use); cloud tenants report the host the request came to, as ConnectWise's api- hosts do.
   */
  siteUrl?: string;
  serverTimeZone: string;
  members: SimMember[];
  companies: SimCompany[];
  taxCodes: SimTaxCode[];
  billingTerms: SimBillingTerms[];
  invoices: SimInvoice[];
}

export interface ErrorBody {
  code: string;
  message: string;
  errors?: Array<{ code: string; message: string; resource: string; field: string }> | null;
}
