/**
 * Raw ConnectWise PSA payloads (the subset of the 2022.1 models in docs/vendors/connectwise-psa.md §7–§8 that we read) and the
 * types the rest of Mobius sees. Raw fields are optional on purpose: we validate them in mappers.ts.
 */

// ---------------------------------------------------------------------------------------------- raw payloads

export type CwInfo = Record<string, string | undefined>;

export interface CwReference {
  id?: number;
  identifier?: string;
  name?: string;
  _info?: CwInfo;
}

/** GET /login/companyinfo/{companyId} (PascalCase; IsCloud arrives as the string "True"/"False"). */
export interface CwCompanyInfoPayload {
  CompanyName?: string;
  Codebase?: string;
  VersionCode?: string;
  VersionNumber?: string;
  CompanyID?: string;
  IsCloud?: string | boolean;
  SiteUrl?: string;
}

/** GET /system/info */
export interface CwSystemInfo {
  version?: string;
  isCloud?: boolean;
  serverTimeZone?: string;
  licenseBits?: Array<{ name?: string; activeFlag?: boolean }>;
  cloudRegion?: string;
}

/** ErrorResponseMessage */
export interface CwErrorBody {
  code?: string;
  message?: string;
  errors?: Array<{ code?: string; message?: string; resource?: string; field?: string; details?: unknown }> | null;
}

export interface CwCurrency extends CwReference {
  symbol?: string;
  currencyCode?: string;
  decimalSeparator?: string;
  numberOfDecimals?: number;
  thousandsSeparator?: string;
  negativeParenthesesFlag?: boolean;
  displaySymbolFlag?: boolean;
  currencyIdentifier?: string;
  displayIdFlag?: boolean;
  rightAlign?: boolean;
}

export type CwInvoiceType = 'Agreement' | 'CreditMemo' | 'DownPayment' | 'Miscellaneous' | 'Progress' | 'Standard';

export interface CwUnpostedInvoice {
  id?: number;
  billingLogId?: number;
  locationId?: number;
  departmentId?: number;
  company?: CwReference;
  accountNumber?: string;
  billToCompany?: CwReference;
  billToSite?: CwReference;
  shipToCompany?: CwReference;
  shipToSite?: CwReference;
  invoiceNumber?: string;
  invoiceDate?: string;
  invoiceType?: CwInvoiceType | (string & {});
  description?: string;
  billingTerms?: CwReference;
  dueDays?: string;
  dueDate?: string;
  currency?: CwCurrency;
  subTotal?: number;
  total?: number;
  invoiceTaxableFlag?: boolean;
  taxCode?: CwReference;
  avalaraTaxFlag?: boolean;
  itemTaxableFlag?: boolean;
  salesTaxAmount?: number;
  stateTaxFlag?: boolean;
  stateTaxXref?: string;
  stateTaxAmount?: number;
  countyTaxFlag?: boolean;
  countyTaxXref?: string;
  countyTaxAmount?: number;
  cityTaxFlag?: boolean;
  cityTaxXref?: string;
  cityTaxAmount?: number;
  countryTaxFlag?: boolean;
  countryTaxXref?: string;
  countryTaxAmount?: number;
  compositeTaxFlag?: boolean;
  compositeTaxXref?: string;
  compositeTaxAmount?: number;
  levelSixTaxFlag?: boolean;
  levelSixTaxXref?: string;
  levelSixTaxAmount?: number;
  createdBy?: string;
  dateClosed?: string;
  _info?: CwInfo;
}

export interface CwCompany {
  id?: number;
  identifier?: string;
  name?: string;
  status?: CwReference;
  addressLine1?: string;
  addressLine2?: string;
  city?: string;
  state?: string;
  zip?: string;
  country?: CwReference;
  phoneNumber?: string;
  faxNumber?: string;
  website?: string;
  accountNumber?: string;
  taxCode?: CwReference;
  billingTerms?: CwReference;
  currency?: CwCurrency;
  invoiceToEmailAddress?: string;
  invoiceCCEmailAddress?: string;
  deletedFlag?: boolean;
  isVendorFlag?: boolean;
  types?: CwReference[];
  _info?: CwInfo;
}

export interface CwExportAccountingBatchRequest {
  batchIdentifier?: string;
  glInterfaceIdentifier?: string;
  thruDate?: string;
  locationId?: number;
  summarizeInvoices?: 'Default' | 'Condensed' | 'Detailed';
  exportInvoicesFlag?: boolean;
  includedInvoiceIds?: number[];
  excludedInvoiceIds?: number[];
  exportExpensesFlag?: boolean;
  includedExpenseIds?: number[];
  excludedExpenseIds?: number[];
  exportProductsFlag?: boolean;
  includedProductIds?: string[];
  excludedProductIds?: string[];
}

export interface CwCreateAccountingBatchRequest {
  id?: number;
  batchIdentifier: string;
  glInterfaceIdentifier?: string;
  exportInvoicesFlag?: boolean;
  exportExpensesFlag?: boolean;
  exportProductsFlag?: boolean;
  /** GL entry RecIDs (the export's glEntryIds), never invoice ids: the two id spaces overlap. */
  processedRecordIds: number[];
  summarizeExpenses?: boolean;
}

export interface CwAccountingBatch {
  id?: number;
  batchIdentifier?: string;
  exportInvoicesFlag?: boolean;
  exportExpensesFlag?: boolean;
  exportProductsFlag?: boolean;
  closedFlag?: boolean;
  _info?: CwInfo;
}

export interface CwGlExportCustomerTaxLevel {
  taxRate?: number;
  taxCodeXref?: string;
  agencyXref?: string;
  taxLevel?: number;
}

export interface CwGlExportCustomer {
  company?: CwReference;
  companyType?: CwReference;
  contact?: CwReference;
  site?: CwReference;
  accountNumber?: string;
  billingTerms?: CwReference;
  billingTermsXref?: string;
  dueDays?: number;
  taxable?: boolean;
  taxCode?: CwReference;
  currency?: CwCurrency;
  stateTaxXref?: string;
  countyTaxXref?: string;
  cityTaxXref?: string;
  countryTaxXref?: string;
  compositeTaxXref?: string;
  stateTaxRate?: number;
  countyTaxRate?: number;
  cityTaxRate?: number;
  countryTaxRate?: number;
  compositeTaxRate?: number;
  taxGroupRate?: number;
  taxAgencyXref?: string;
  taxLevels?: CwGlExportCustomerTaxLevel[];
}

export interface CwGlExportTransactionTaxLevel {
  taxAmount?: number;
  taxableAmount?: number;
  taxCodeXref?: string;
  taxLevel?: number;
}

export interface CwGlExportTransactionDetail {
  id?: number;
  documentDate?: string;
  documentType?: string;
  accountNumber?: string;
  glClass?: string;
  glTypeId?: string;
  glItemId?: string;
  invoiceSummaryOption?: string;
  cost?: number;
  salesCode?: string;
  memo?: string;
  description?: string;
  quantity?: number;
  total?: number;
  currency?: CwCurrency;
  timeEntry?: CwReference;
  costAccountNumber?: string;
  inventoryAccountNumber?: string;
  productAccountNumber?: string;
  taxCode?: CwReference;
  taxCodeXref?: string;
  taxAgencyXref?: string;
  taxNote?: string;
  taxRate?: number;
  taxRatePercent?: number;
  taxableFlag?: boolean;
  item?: CwReference;
  product?: CwReference;
  itemTaxableFlag?: boolean;
  itemPrice?: number;
  itemCost?: number;
  itemDescription?: string;
  salesDescription?: string;
  unitOfMeasure?: CwReference;
  subCategory?: CwReference;
  taxLevels?: Array<{ taxableFlag?: boolean; taxLevel?: number }>;
}

export interface CwGlExportTransaction {
  id?: number | string;
  glClass?: string;
  glTypeId?: string;
  documentDate?: string;
  documentNumber?: string;
  documentType?: string;
  memo?: string;
  description?: string;
  attention?: string;
  company?: CwReference;
  companyType?: CwReference;
  companyAccountNumber?: string;
  site?: CwReference;
  billingTerms?: CwReference;
  billingTermsXref?: string;
  dueDays?: number;
  dueDate?: string;
  accountNumber?: string;
  billingType?: string;
  /** GL entry RecIDs of this transaction, comma-separated ("30001,30002"): what processedRecordIds take. */
  glEntryIds?: string;
  purchaseOrder?: CwReference;
  project?: CwReference;
  currency?: CwCurrency;
  total?: number;
  taxable?: boolean;
  taxableTotal?: number;
  taxCode?: CwReference;
  taxGroupRate?: number;
  taxAccountNumber?: string;
  salesTax?: number;
  stateTax?: number;
  countyTax?: number;
  cityTax?: number;
  detail?: CwGlExportTransactionDetail[];
  taxLevels?: CwGlExportTransactionTaxLevel[];
}

export interface CwGlExport {
  exportSettings?: Record<string, unknown>;
  vendors?: unknown[];
  customers?: CwGlExportCustomer[];
  transactions?: CwGlExportTransaction[];
  expenses?: unknown[];
  expenseBills?: unknown[];
  purchaseTransactions?: unknown[];
  adjustmentTransactions?: unknown[];
  inventoryTransfers?: unknown[];
}

// ---------------------------------------------------------------------------------------------- our types

export interface ConnectWiseCompanyInfo {
  companyName: string;
  /** Always ends in "/", e.g. "v2025_1/". */
  codebase: string;
  /** Host (and, only with allowHttp, ":port") from SiteUrl, when a cloud company reported one (never on premise). */
  siteUrl?: string;
  isCloud: boolean;
  versionCode?: string;
}

export interface ConnectWiseValidation {
  companyName: string;
  codebase: string;
  /** e.g. "https://api-na.myconnectwise.net/v2025_1/apis/3.0" */
  apiBaseUrl: string;
  serverVersion: string;
  isCloud: boolean;
}

export interface ConnectWiseSystemInfo {
  version: string;
  isCloud: boolean;
  serverTimeZone: string | null;
  cloudRegion: string | null;
}

export interface PsaCompanyRef {
  id: number;
  identifier: string | null;
  name: string;
}

export type PsaInvoiceType = CwInvoiceType | 'Other';

export interface PsaUnpostedInvoice {
  id: number;
  invoiceNumber: string;
  invoiceType: PsaInvoiceType;
  isCreditMemo: boolean;
  /** YYYY-MM-DD */
  invoiceDate: string | null;
  dueDate: string | null;
  company: PsaCompanyRef;
  billToCompany: PsaCompanyRef | null;
  accountNumber: string | null;
  description: string | null;
  billingTerms: string | null;
  currencyCode: string | null;
  subTotalCents: number;
  salesTaxCents: number;
  totalCents: number;
  taxable: boolean;
  taxCode: string | null;
  locationId: number | null;
}

export interface PsaCustomerTaxLevel {
  level: number;
  /** The level's rate exactly as ConnectWise sends it, as a decimal string (the simulator sends percent: "6.25"). */
  rate: string;
  taxCodeXref: string | null;
  agencyXref: string | null;
}

export interface PsaExportCustomer {
  companyId: number;
  identifier: string | null;
  name: string;
  accountNumber: string | null;
  contactName: string | null;
  siteName: string | null;
  billingTerms: string | null;
  dueDays: number | null;
  taxable: boolean;
  taxCode: string | null;
  currencyCode: string | null;
  taxLevels: PsaCustomerTaxLevel[];
}

export type PsaLineKind = 'PRODUCT' | 'SERVICE';

export interface PsaExportLine {
  id: number | null;
  kind: PsaLineKind;
  /** The PSA item identifier (QBO item name), or null when the line names none. */
  itemIdentifier: string | null;
  description: string | null;
  memo: string | null;
  /** Exact decimal strings. */
  quantity: string;
  unitPrice: string | null;
  amountCents: number;
  taxable: boolean;
  /** Income GL account from the PSA's GL interface. */
  accountNumber: string | null;
  salesCode: string | null;
  unitOfMeasure: string | null;
  productId: number | null;
  timeEntryId: number | null;
}

export interface PsaTransactionTaxLevel {
  level: number;
  taxCents: number;
  taxableCents: number;
  taxCodeXref: string | null;
}

export interface PsaExportTransaction {
  /** The unposted invoice id (what includedInvoiceIds takes). */
  id: number;
  /**
   * The GL entry RecIDs ConnectWise posted this invoice with (parsed from the comma-separated `glEntryIds`): what a
   * batch's processedRecordIds take to mark it exported. A different id space from invoice ids, which it can overlap.
   */
  glEntryIds: number[];
  invoiceNumber: string;
  documentType: string | null;
  isCreditMemo: boolean;
  /** YYYY-MM-DD */
  documentDate: string | null;
  dueDate: string | null;
  company: PsaCompanyRef;
  companyAccountNumber: string | null;
  /** Accounts-receivable GL account. */
  accountNumber: string | null;
  billingTerms: string | null;
  dueDays: number | null;
  currencyCode: string | null;
  memo: string | null;
  description: string | null;
  purchaseOrderNumber: string | null;
  taxable: boolean;
  taxCode: string | null;
  totalCents: number;
  taxableTotalCents: number;
  salesTaxCents: number;
  taxLevels: PsaTransactionTaxLevel[];
  lines: PsaExportLine[];
}

export interface PsaGlExport {
  customers: PsaExportCustomer[];
  transactions: PsaExportTransaction[];
}

export interface PsaCompany {
  id: number;
  identifier: string;
  name: string;
  status: string | null;
  accountNumber: string | null;
  addressLine1: string | null;
  addressLine2: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
  country: string | null;
  phoneNumber: string | null;
  website: string | null;
  invoiceToEmailAddress: string | null;
  taxCode: string | null;
  isVendor: boolean;
  deleted: boolean;
}

export interface PsaAccountingBatch {
  id: number;
  batchIdentifier: string;
  closed: boolean;
  exportInvoices: boolean;
  exportExpenses: boolean;
  exportProducts: boolean;
}
