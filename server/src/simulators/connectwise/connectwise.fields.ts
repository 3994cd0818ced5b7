/**
 * The fields `conditions` and `orderBy` may name, per resource, from ConnectWise's 2022.1 models
 * (docs/vendors/connectwise-psa.md §6). Reference fields take their sub-fields (`company/id`, `company/name`).
 * Anything else is an unknown field, which ConnectWise refuses with 400.
 */

export interface KnownFields {
  /** The model name ConnectWise uses in error bodies. */
  resource: string;
  has(path: string): boolean;
}

const REFERENCE_PARTS = ['id', 'identifier', 'name'];
const CURRENCY_PARTS = [
  ...REFERENCE_PARTS,
  'symbol',
  'currencyCode',
  'decimalSeparator',
  'numberOfDecimals',
  'thousandsSeparator',
  'negativeParenthesesFlag',
  'displaySymbolFlag',
  'currencyIdentifier',
  'displayIdFlag',
  'rightAlign',
];

function knownFields(resource: string, scalars: string[], references: Record<string, string[]>): KnownFields {
  const paths = new Set(scalars.map((name) => name.toLowerCase()));
  for (const [name, parts] of Object.entries(references)) {
    for (const part of parts) paths.add(`${name}/${part}`.toLowerCase());
  }
  return { resource, has: (path) => paths.has(path.toLowerCase()) };
}

const refs = (names: string[], parts = REFERENCE_PARTS) =>
  Object.fromEntries(names.map((name) => [name, parts])) as Record<string, string[]>;

export const UNPOSTED_INVOICE_FIELDS = knownFields(
  'unpostedInvoice',
  [
    'id',
    'billingLogId',
    'locationId',
    'departmentId',
    'accountNumber',
    'invoiceNumber',
    'invoiceDate',
    'invoiceType',
    'description',
    'dueDays',
    'dueDate',
    'subTotal',
    'total',
    'invoiceTaxableFlag',
    'avalaraTaxFlag',
    'itemTaxableFlag',
    'salesTaxAmount',
    ...['state', 'county', 'city', 'country', 'composite', 'levelSix'].flatMap((level) => [
      `${level}TaxFlag`,
      `${level}TaxXref`,
      `${level}TaxAmount`,
    ]),
    'createdBy',
    'dateClosed',
  ],
  {
    ...refs(['company', 'billToCompany', 'billToSite', 'shipToCompany', 'shipToSite', 'billingTerms', 'taxCode']),
    currency: CURRENCY_PARTS,
  },
);

export const COMPANY_FIELDS = knownFields(
  'company',
  [
    'id',
    'identifier',
    'name',
    'addressLine1',
    'addressLine2',
    'city',
    'state',
    'zip',
    'phoneNumber',
    'faxNumber',
    'website',
    'accountNumber',
    'dateAcquired',
    'sicCode',
    'annualRevenue',
    'numberOfEmployees',
    'yearEstablished',
    'revenueYear',
    'leadSource',
    'leadFlag',
    'unsubscribeFlag',
    ...Array.from({ length: 10 }, (_, index) => `userDefinedField${index + 1}`),
    'vendorIdentifier',
    'taxIdentifier',
    'invoiceToEmailAddress',
    'invoiceCCEmailAddress',
    'deletedFlag',
    'dateDeleted',
    'deletedBy',
    'mobileGuid',
    'facebookUrl',
    'twitterUrl',
    'linkedInUrl',
    'resellerIdentifier',
    'isVendorFlag',
  ],
  {
    ...refs([
      'status',
      'country',
      'territory',
      'market',
      'defaultContact',
      'parentCompany',
      'ownershipType',
      'timeZoneSetup',
      'calendar',
      'taxCode',
      'billingTerms',
      'invoiceTemplate',
      'pricingSchedule',
      'companyEntityType',
      'billToCompany',
      'billingSite',
      'billingContact',
      'invoiceDeliveryMethod',
      'territoryManager',
      'site',
      'types',
    ]),
    currency: CURRENCY_PARTS,
  },
);

export const BATCH_FIELDS = knownFields(
  'accountingBatch',
  ['id', 'batchIdentifier', 'exportInvoicesFlag', 'exportExpensesFlag', 'exportProductsFlag', 'closedFlag'],
  {},
);

export const BATCH_ENTRY_FIELDS = knownFields(
  'batchEntry',
  [
    'id',
    'accountType',
    'name',
    'accountNumber',
    'debit',
    'credit',
    'cost',
    'salesCode',
    'costOfGoodsSoldAccountNumber',
  ],
  refs(['item', 'invoice', 'purchaseOrder', 'lineItem', 'transfer', 'expense', 'adjustmentDetail']),
);
