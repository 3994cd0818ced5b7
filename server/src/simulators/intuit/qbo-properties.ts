import type { QueryableEntity } from './qbo-query';

/**
 * The properties a QBO query may filter or sort on, per entity (the "filterable"/"sortable" marks of Intuit's API
 * reference; docs/vendors/quickbooks-online.md §4). Anything else, including properties the entity has but does not
 * let a query use (Vendor.Balance, Account.AcctNum), is refused with QueryValidationError 4001.
 */

const META = ['Id', 'MetaData.CreateTime', 'MetaData.LastUpdatedTime'];
const PERSON = ['DisplayName', 'GivenName', 'MiddleName', 'FamilyName', 'Active'];
const TRANSACTION = ['DocNumber', 'TxnDate', 'CustomerRef', 'TotalAmt', 'Balance', 'EmailStatus', 'PrintStatus'];

const QUERYABLE: Record<QueryableEntity, readonly string[]> = {
  Customer: [
    ...META,
    ...PERSON,
    'CompanyName',
    'FullyQualifiedName',
    'PrimaryEmailAddr',
    'Balance',
    'Job',
    'ParentRef',
  ],
  Vendor: [...META, ...PERSON, 'CompanyName'],
  Employee: [...META, ...PERSON],
  Item: [...META, 'Name', 'FullyQualifiedName', 'Active', 'Type', 'Sku', 'Taxable', 'UnitPrice', 'ParentRef'],
  Invoice: [...META, ...TRANSACTION, 'DueDate'],
  CreditMemo: [...META, ...TRANSACTION, 'RemainingCredit'],
  Account: [
    ...META,
    'Name',
    'FullyQualifiedName',
    'AccountType',
    'AccountSubType',
    'Classification',
    'Active',
    'CurrentBalance',
    'SubAccount',
    'ParentRef',
  ],
  TaxCode: [...META, 'Name', 'Active', 'Taxable', 'TaxGroup'],
  CompanyInfo: [...META, 'CompanyName'],
};

const LOWERED = new Map<string, ReadonlySet<string>>(
  Object.entries(QUERYABLE).map(([entity, names]) => [entity, new Set(names.map((name) => name.toLowerCase()))]),
);

/** Property names compare without regard to case, as QBO's query parser does with keywords. */
export function isQueryable(entity: QueryableEntity, property: string): boolean {
  return LOWERED.get(entity)?.has(property.toLowerCase()) === true;
}
