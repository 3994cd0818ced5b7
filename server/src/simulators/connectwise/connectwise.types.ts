/**
 * The simulator's own model of ConnectWise PSA data (it stands in for an outside service, so it shares no types
 * with integrations/). Wire payloads follow apis.md §1.7/§1.8: camelCase, `_info`, reference objects.
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
  /** null while unposted; the closing batch's id afterwards. */
  postedBatchId: number | null;
}

export interface SimBatch {
  id: number;
  batchIdentifier: string;
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
  errors: Array<{ code: string; message: string; resource: string; field: string }> | null;
}
