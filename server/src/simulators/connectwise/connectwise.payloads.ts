import type { InvoiceTotals, Json, TenantState } from './connectwise.state';
import type {
  Reference,
  SimBatch,
  SimBillingTerms,
  SimCompany,
  SimInvoice,
  SimLine,
  SimTaxCode,
  SimTenantSeed,
} from './connectwise.types';

/** The reference data an invoice's amounts depend on. */
export type TenantData = Pick<SimTenantSeed, 'companies' | 'taxCodes' | 'billingTerms'>;

/** The JSON ConnectWise gives for the simulated data: Company, UnpostedInvoice, AccountingBatch, GLExport. */

const AR_ACCOUNT = '1200';
const SALES_TAX_ACCOUNT = '2200';
const COST_ACCOUNT = '5000';
const INVENTORY_ACCOUNT = '1400';
const TAX_FIELDS = ['state', 'county', 'city', 'country', 'composite', 'levelSix'] as const;
const SALES_REPS: Record<string, string> = { jmiller: 'Jordan Miller', akhan: 'Aisha Khan', sbrown: 'Sam Brown' };
const UNITS: Record<string, number> = { Each: 1, Hour: 2, User: 3 };

const money = (cents: number) => cents / 100;

export function findCompany(tenant: TenantData, id: number): SimCompany {
  const company = tenant.companies.find((candidate) => candidate.id === id);
  if (!company) throw new Error(`simulator seed has no company ${id}`);
  return company;
}

export function invoiceTotals(tenant: TenantData, invoice: SimInvoice): InvoiceTotals {
  const taxCode = findTaxCode(tenant, findCompany(tenant, invoice.companyId).taxCodeId);
  const subTotalCents = invoice.lines.reduce((sum, line) => sum + line.totalCents, 0);
  const taxableCents = taxCode.levels.length
    ? invoice.lines.filter((line) => line.taxable).reduce((sum, line) => sum + line.totalCents, 0)
    : 0;
  const levels = taxCode.levels.map((level) => ({
    level: level.level,
    xref: level.xref,
    rateBp: level.rateBp,
    taxableCents,
    taxCents: Math.sign(taxableCents) * Math.round((Math.abs(taxableCents) * level.rateBp) / 10_000),
  }));
  const salesTaxCents = levels.reduce((sum, level) => sum + level.taxCents, 0);
  return { subTotalCents, taxableCents, levels, salesTaxCents, totalCents: subTotalCents + salesTaxCents };
}

export function findTaxCode(tenant: TenantData, id: number): SimTaxCode {
  const code = tenant.taxCodes.find((candidate) => candidate.id === id);
  if (!code) throw new Error(`simulator seed has no tax code ${id}`);
  return code;
}

export function findTerms(tenant: TenantData, id: number): SimBillingTerms {
  const terms = tenant.billingTerms.find((candidate) => candidate.id === id);
  if (!terms) throw new Error(`simulator seed has no billing terms ${id}`);
  return terms;
}

export function companyRef(baseUrl: string, company: SimCompany): Reference {
  return {
    id: company.id,
    identifier: company.identifier,
    name: company.name,
    _info: { company_href: `${baseUrl}/company/companies/${company.id}` },
  };
}

export function companyPayload(baseUrl: string, tenant: TenantState, company: SimCompany): Json {
  const taxCode = findTaxCode(tenant, company.taxCodeId);
  const terms = findTerms(tenant, company.billingTermsId);
  return {
    id: company.id,
    identifier: company.identifier,
    name: company.name,
    status: { id: 1, name: 'Active', _info: { status_href: `${baseUrl}/company/companies/statuses/1` } },
    addressLine1: company.addressLine1,
    city: company.city,
    state: company.state,
    zip: company.zip,
    country: { id: 1, identifier: 'US', name: 'United States' },
    phoneNumber: company.phoneNumber,
    faxNumber: '',
    website: company.website,
    territory: { id: 1, name: 'Main' },
    market: { id: 9, name: 'Professional Services' },
    accountNumber: company.accountNumber,
    defaultContact: { id: company.contact.id, name: company.contact.name },
    dateAcquired: '2021-03-01T00:00:00Z',
    annualRevenue: 0,
    timeZoneSetup: { id: 2, name: 'US Central' },
    leadFlag: false,
    unsubscribeFlag: false,
    taxCode: { id: taxCode.id, name: taxCode.name },
    billingTerms: { id: terms.id, name: terms.name },
    billToCompany: companyRef(baseUrl, company),
    billingSite: { id: company.siteId, name: 'Main' },
    billingContact: { id: company.contact.id, name: company.contact.name },
    invoiceDeliveryMethod: { id: 1, name: 'Email' },
    invoiceToEmailAddress: company.contact.email,
    deletedFlag: false,
    currency: currency(baseUrl),
    isVendorFlag: false,
    types: [{ id: 1, name: company.typeName }],
    site: { id: company.siteId, name: 'Main' },
    _info: {
      lastUpdated: '2025-09-15T16:04:11Z',
      updatedBy: 'jmiller',
      dateEntered: '2021-03-01T14:00:00Z',
      enteredBy: 'jmiller',
      contacts_href: `${baseUrl}/company/contacts?conditions=company/id=${company.id}`,
      sites_href: `${baseUrl}/company/companies/${company.id}/sites`,
    },
  };
}

export function invoicePayload(baseUrl: string, tenant: TenantState, invoice: SimInvoice): Json {
  const company = findCompany(tenant, invoice.companyId);
  const taxCode = findTaxCode(tenant, company.taxCodeId);
  const terms = findTerms(tenant, company.billingTermsId);
  const totals = invoiceTotals(tenant, invoice);
  const tax: Json = {};
  TAX_FIELDS.forEach((prefix, index) => {
    const level = totals.levels.find((candidate) => candidate.level === index + 1);
    tax[`${prefix}TaxFlag`] = level !== undefined;
    tax[`${prefix}TaxXref`] = level?.xref ?? '';
    tax[`${prefix}TaxAmount`] = money(level?.taxCents ?? 0);
  });
  const ref = companyRef(baseUrl, company);
  return {
    id: invoice.id,
    billingLogId: invoice.billingLogId,
    locationId: invoice.locationId,
    departmentId: invoice.departmentId,
    company: ref,
    accountNumber: company.accountNumber,
    billToCompany: ref,
    billToSite: { id: company.siteId, name: 'Main' },
    shipToCompany: ref,
    shipToSite: { id: company.siteId, name: 'Main' },
    invoiceNumber: invoice.invoiceNumber,
    invoiceDate: `${invoice.invoiceDate}T00:00:00Z`,
    invoiceType: invoice.type,
    description: invoice.description,
    billingTerms: { id: terms.id, name: terms.name },
    dueDays: String(terms.dueDays),
    dueDate: `${addDays(invoice.invoiceDate, terms.dueDays)}T00:00:00Z`,
    currency: currency(baseUrl),
    subTotal: money(totals.subTotalCents),
    total: money(totals.totalCents),
    invoiceTaxableFlag: totals.levels.length > 0 && totals.taxableCents !== 0,
    taxCode: { id: taxCode.id, name: taxCode.name },
    avalaraTaxFlag: false,
    itemTaxableFlag: invoice.lines.some((line) => line.taxable),
    salesTaxAmount: money(totals.salesTaxCents),
    ...tax,
    createdBy: invoice.createdBy,
    _info: {
      lastUpdated: `${invoice.invoiceDate}T15:12:40Z`,
      updatedBy: invoice.createdBy,
      invoice_href: `${baseUrl}/finance/invoices/${invoice.id}`,
    },
  };
}

export function batchPayload(baseUrl: string, batch: SimBatch): Json {
  return {
    id: batch.id,
    batchIdentifier: batch.batchIdentifier,
    exportInvoicesFlag: batch.exportInvoicesFlag,
    exportExpensesFlag: batch.exportExpensesFlag,
    exportProductsFlag: batch.exportProductsFlag,
    closedFlag: true,
    _info: {
      lastUpdated: batch.createdAt,
      updatedBy: 'MobiusAPI',
      entries_href: `${baseUrl}/finance/accounting/batches/${batch.id}/entries`,
    },
  };
}

/** GLExport (docs/vendors/connectwise-psa.md §7) for these invoices: one customer per company, one transaction per invoice. */
export function glExport(baseUrl: string, tenant: TenantState, invoices: SimInvoice[]): Json {
  const companies = [...new Set(invoices.map((invoice) => invoice.companyId))].map((id) => findCompany(tenant, id));
  return {
    exportSettings: {
      accountingPackage: 'QuickBooks Online',
      glInterfaceIdentifier: 'QBO',
      transferInvoicesFlag: true,
      summarizeInvoices: 'Detailed',
      arAccountNumber: AR_ACCOUNT,
      salesTaxAccountNumber: SALES_TAX_ACCOUNT,
    },
    vendors: [],
    customers: companies.map((company) => exportCustomer(baseUrl, tenant, company)),
    transactions: invoices.map((invoice) => exportTransaction(baseUrl, tenant, invoice)),
    expenses: [],
    expenseBills: [],
    purchaseTransactions: [],
    adjustmentTransactions: [],
    inventoryTransfers: [],
  };
}

function currency(baseUrl: string): Json {
  return {
    id: 7,
    symbol: '$',
    currencyCode: 'USD',
    decimalSeparator: '.',
    numberOfDecimals: 2,
    thousandsSeparator: ',',
    negativeParenthesesFlag: false,
    displaySymbolFlag: false,
    currencyIdentifier: 'USD',
    displayIdFlag: false,
    rightAlign: false,
    name: 'US Dollars',
    _info: { currency_href: `${baseUrl}/finance/currencies/7` },
  };
}

function exportCustomer(baseUrl: string, tenant: TenantState, company: SimCompany): Json {
  const taxCode = findTaxCode(tenant, company.taxCodeId);
  const terms = findTerms(tenant, company.billingTermsId);
  const rate = (level: number) => (taxCode.levels.find((candidate) => candidate.level === level)?.rateBp ?? 0) / 100;
  const xref = (level: number) => taxCode.levels.find((candidate) => candidate.level === level)?.xref ?? '';
  const agency = (level: number) => taxCode.levels.find((candidate) => candidate.level === level)?.agencyXref ?? '';
  return {
    company: companyRef(baseUrl, company),
    companyType: { id: 1, name: company.typeName },
    contact: { id: company.contact.id, name: company.contact.name },
    site: { id: company.siteId, name: 'Main' },
    accountNumber: company.accountNumber,
    billingTerms: { id: terms.id, name: terms.name },
    billingTermsXref: terms.name,
    dueDays: terms.dueDays,
    taxable: taxCode.levels.length > 0,
    taxCode: { id: taxCode.id, name: taxCode.name },
    currency: currency(baseUrl),
    stateTaxXref: xref(1),
    countyTaxXref: xref(2),
    cityTaxXref: xref(3),
    countryTaxXref: xref(4),
    compositeTaxXref: xref(5),
    stateTaxRate: rate(1),
    countyTaxRate: rate(2),
    cityTaxRate: rate(3),
    countryTaxRate: rate(4),
    compositeTaxRate: rate(5),
    taxGroupRate: taxCode.levels.reduce((sum, level) => sum + level.rateBp, 0) / 100,
    taxAgencyXref: taxCode.levels[0]?.agencyXref ?? '',
    stateTaxAgencyXref: agency(1),
    countyTaxAgencyXref: agency(2),
    cityTaxAgencyXref: agency(3),
    countryTaxAgencyXref: agency(4),
    compositeTaxAgencyXref: agency(5),
    taxLevels: taxCode.levels.map((level) => ({
      taxRate: level.rateBp / 100,
      taxCodeXref: level.xref,
      agencyXref: level.agencyXref,
      taxLevel: level.level,
    })),
  };
}

function exportTransaction(baseUrl: string, tenant: TenantState, invoice: SimInvoice): Json {
  const company = findCompany(tenant, invoice.companyId);
  const taxCode = findTaxCode(tenant, company.taxCodeId);
  const terms = findTerms(tenant, company.billingTermsId);
  const totals = invoiceTotals(tenant, invoice);
  // documentType/glTypeId "IN"/"CM" is our reading of the GL interface codes; ConnectWise documents none.
  const documentType = invoice.type === 'CreditMemo' ? 'CM' : 'IN';
  const taxOf = (level: number) => totals.levels.find((candidate) => candidate.level === level)?.taxCents ?? 0;
  const ref = companyRef(baseUrl, company);
  return {
    id: invoice.id,
    glClass: '',
    glTypeId: documentType,
    documentDate: `${invoice.invoiceDate}T00:00:00Z`,
    documentNumber: invoice.invoiceNumber,
    documentType,
    memo: `${company.name} ${invoice.invoiceNumber}`,
    description: invoice.description,
    attention: company.contact.name,
    salesTerritory: 'Main',
    company: ref,
    companyType: { id: 1, name: company.typeName },
    companyAccountNumber: company.accountNumber,
    site: { id: company.siteId, name: 'Main' },
    billingTerms: { id: terms.id, name: terms.name },
    billingTermsXref: terms.name,
    dueDays: terms.dueDays,
    dueDate: `${addDays(invoice.invoiceDate, terms.dueDays)}T00:00:00Z`,
    emailDeliveryFlag: true,
    printDeliveryFlag: false,
    agreementPrePaymentFlag: false,
    accountNumber: AR_ACCOUNT,
    billingType: invoice.type,
    glEntryIds: invoice.glEntries.map((entry) => entry.id).join(','),
    ...(invoice.poNumber ? { purchaseOrder: { id: invoice.id * 10, name: invoice.poNumber } } : {}),
    currency: currency(baseUrl),
    total: money(totals.totalCents),
    salesRepId: invoice.createdBy,
    salesRepName: SALES_REPS[invoice.createdBy] ?? invoice.createdBy,
    taxable: totals.levels.length > 0 && totals.taxableCents !== 0,
    taxableTotal: money(totals.taxableCents),
    taxCode: { id: taxCode.id, name: taxCode.name },
    taxGroupRate: taxCode.levels.reduce((sum, level) => sum + level.rateBp, 0) / 100,
    piggyBackFlag: false,
    taxAccountNumber: SALES_TAX_ACCOUNT,
    salesTax: money(totals.salesTaxCents),
    stateTax: money(taxOf(1)),
    countyTax: money(taxOf(2)),
    cityTax: money(taxOf(3)),
    taxableAmount1: money(totals.levels.some((level) => level.level === 1) ? totals.taxableCents : 0),
    taxableAmount2: money(totals.levels.some((level) => level.level === 2) ? totals.taxableCents : 0),
    taxableAmount3: money(totals.levels.some((level) => level.level === 3) ? totals.taxableCents : 0),
    taxableAmount4: 0,
    taxableAmount5: 0,
    taxAgencyXref: taxCode.levels[0]?.agencyXref ?? '',
    stateTaxXref: taxCode.levels.find((level) => level.level === 1)?.xref ?? '',
    countyTaxXref: taxCode.levels.find((level) => level.level === 2)?.xref ?? '',
    taxId: '',
    taxDpAppliedFlag: false,
    useAvalaraFlag: false,
    sendAvalaraTaxFlag: false,
    shipToCompany: ref,
    shipToCompanyAccountNumber: company.accountNumber,
    shipToCompanyType: { id: 1, name: company.typeName },
    shipToTaxId: '',
    shipSite: { id: company.siteId, name: 'Main' },
    shipContact: { id: company.contact.id, name: company.contact.name },
    detail: invoice.lines.map((line) => exportDetail(baseUrl, invoice, taxCode, documentType, line)),
    taxLevels: totals.levels.map((level) => ({
      taxAmount: money(level.taxCents),
      taxableAmount: money(level.taxableCents),
      taxCodeXref: level.xref,
      taxLevel: level.level,
    })),
  };
}

function exportDetail(baseUrl: string, invoice: SimInvoice, taxCode: SimTaxCode, documentType: string, line: SimLine) {
  const taxable = line.taxable && taxCode.levels.length > 0;
  const rateBp = taxable ? taxCode.levels.reduce((sum, level) => sum + level.rateBp, 0) : 0;
  const quantity = line.quantityQuarters / 4;
  return {
    id: line.id,
    documentDate: `${invoice.invoiceDate}T00:00:00Z`,
    documentType,
    accountNumber: line.item.accountNumber,
    glClass: '',
    glTypeId: documentType,
    glItemId: line.item.identifier,
    invoiceSummaryOption: 'Detailed',
    cost: money(Math.round((line.quantityQuarters * line.item.costCents) / 4)),
    salesCode: line.item.salesCode,
    memo: line.description,
    description: line.description,
    quantity,
    total: money(line.totalCents),
    currency: currency(baseUrl),
    ...(line.timeEntryId ? { timeEntry: { id: line.timeEntryId } } : {}),
    costAccountNumber: COST_ACCOUNT,
    inventoryAccountNumber: line.kind === 'product' ? INVENTORY_ACCOUNT : '',
    productAccountNumber: line.item.accountNumber,
    taxCode: { id: taxCode.id, name: taxCode.name },
    taxCodeXref: taxable ? taxCode.identifier : '',
    taxAgencyXref: taxable ? (taxCode.levels[0]?.agencyXref ?? '') : '',
    taxNote: '',
    taxRate: rateBp / 100,
    taxRatePercent: rateBp / 100,
    taxableFlag: taxable,
    taxable2Flag: false,
    taxable3Flag: taxable && taxCode.levels.some((level) => level.level === 3),
    taxable4Flag: false,
    taxable5Flag: false,
    item: {
      id: line.item.id,
      identifier: line.item.identifier,
      _info: { item_href: `${baseUrl}/procurement/catalog/${line.item.id}` },
    },
    ...(line.productRecordId ? { product: { id: line.productRecordId } } : {}),
    itemTaxableFlag: line.item.taxable,
    itemPrice: money(line.unitPriceCents),
    itemCost: money(line.item.costCents),
    itemDescription: line.item.description,
    salesDescription: line.description,
    unitOfMeasure: { id: UNITS[line.item.unitOfMeasure] ?? 1, name: line.item.unitOfMeasure },
    serializedFlag: false,
    serialNumbers: '',
    dropShippedFlag: false,
    itemTypeXref: line.kind === 'product' ? 'NonInventory' : 'Service',
    inventoryXref: '',
    cogsXref: '',
    uomScheduleXref: '',
    priceLevelXref: '',
    locationXref: 'Main',
    taxLevels: taxCode.levels.map((level) => ({ taxableFlag: taxable, taxLevel: level.level })),
  };
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
