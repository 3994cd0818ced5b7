import type { JsonObject } from './qbo-faults';

/** The sandbox companies a demo user can pick on the consent page, with their starting data. */

export interface SeedAccount {
  Name: string;
  AccountType: string;
  AccountSubType: string;
  Classification: 'Asset' | 'Liability' | 'Equity' | 'Revenue' | 'Expense';
  AcctNum?: string;
}

export interface SeedItem {
  Name: string;
  Type: 'Service' | 'NonInventory';
  /** Name of one of the company's income accounts. */
  incomeAccount: string;
  UnitPrice?: number;
  Description?: string;
  Taxable?: boolean;
}

export interface SandboxCompanySeed {
  realmId: string;
  companyName: string;
  legalName?: string;
  email?: string;
  address?: JsonObject;
  accounts?: SeedAccount[];
  customers?: JsonObject[];
  vendors?: JsonObject[];
  employees?: JsonObject[];
  items?: SeedItem[];
}

/** A US chart of accounts like the one new sandbox companies start with. */
export const US_CHART_OF_ACCOUNTS: SeedAccount[] = [
  { Name: 'Checking', AccountType: 'Bank', AccountSubType: 'Checking', Classification: 'Asset' },
  {
    Name: 'Accounts Receivable (A/R)',
    AccountType: 'Accounts Receivable',
    AccountSubType: 'AccountsReceivable',
    Classification: 'Asset',
  },
  {
    Name: 'Undeposited Funds',
    AccountType: 'Other Current Asset',
    AccountSubType: 'UndepositedFunds',
    Classification: 'Asset',
  },
  { Name: 'Inventory Asset', AccountType: 'Other Current Asset', AccountSubType: 'Inventory', Classification: 'Asset' },
  {
    Name: 'Accounts Payable (A/P)',
    AccountType: 'Accounts Payable',
    AccountSubType: 'AccountsPayable',
    Classification: 'Liability',
  },
  { Name: 'Services', AccountType: 'Income', AccountSubType: 'ServiceFeeIncome', Classification: 'Revenue' },
  {
    Name: 'Sales of Product Income',
    AccountType: 'Income',
    AccountSubType: 'SalesOfProductIncome',
    Classification: 'Revenue',
  },
  { Name: 'Consulting Income', AccountType: 'Income', AccountSubType: 'ServiceFeeIncome', Classification: 'Revenue' },
  {
    Name: 'Discounts given',
    AccountType: 'Income',
    AccountSubType: 'DiscountsRefundsGiven',
    Classification: 'Revenue',
  },
  {
    Name: 'Cost of Goods Sold',
    AccountType: 'Cost of Goods Sold',
    AccountSubType: 'SuppliesMaterialsCogs',
    Classification: 'Expense',
  },
  {
    Name: 'Office Expenses',
    AccountType: 'Expense',
    AccountSubType: 'OfficeGeneralAdministrativeExpenses',
    Classification: 'Expense',
  },
];

const STANDARD_ITEMS: SeedItem[] = [
  { Name: 'Services', Type: 'Service', incomeAccount: 'Services' },
  { Name: 'Hours', Type: 'Service', incomeAccount: 'Services' },
  {
    Name: 'Consulting',
    Type: 'Service',
    incomeAccount: 'Consulting Income',
    UnitPrice: 150,
    Description: 'Consulting',
  },
  { Name: 'Hardware', Type: 'NonInventory', incomeAccount: 'Sales of Product Income', Taxable: true },
];

export const SANDBOX_COMPANY_US_1: SandboxCompanySeed = {
  realmId: '9130357000000001',
  companyName: 'Sandbox Company US 1',
  legalName: 'Sandbox Company US 1',
  email: 'noreply@quickbooks.test',
  address: { Line1: '123 Sierra Way', City: 'San Pablo', CountrySubDivisionCode: 'CA', PostalCode: '87999' },
  customers: [
    {
      DisplayName: "Amy's Bird Sanctuary",
      CompanyName: "Amy's Bird Sanctuary",
      GivenName: 'Amy',
      FamilyName: 'Lauterbach',
      PrimaryEmailAddr: { Address: 'birds@intuit.test' },
      BillAddr: { Line1: '4581 Finch St.', City: 'Bayshore', CountrySubDivisionCode: 'CA', PostalCode: '94326' },
    },
    {
      DisplayName: "Bill's Windsurf Shop",
      CompanyName: "Bill's Windsurf Shop",
      GivenName: 'Bill',
      FamilyName: 'Lucchini',
    },
    { DisplayName: 'Cool Cars', CompanyName: 'Cool Cars', GivenName: 'Grace', FamilyName: 'Pariente' },
    {
      DisplayName: 'Freeman Sporting Goods',
      CompanyName: 'Freeman Sporting Goods',
      GivenName: 'Kirby',
      FamilyName: 'Freeman',
    },
  ],
  vendors: [
    { DisplayName: 'Dell Technologies', CompanyName: 'Dell Technologies' },
    { DisplayName: 'Books by Bessie', CompanyName: 'Books by Bessie' },
    { DisplayName: 'Brosnahan Insurance Agency', CompanyName: 'Brosnahan Insurance Agency' },
  ],
  employees: [
    { DisplayName: 'Emily Platt', GivenName: 'Emily', FamilyName: 'Platt' },
    { DisplayName: 'John Johnson', GivenName: 'John', FamilyName: 'Johnson' },
  ],
  items: STANDARD_ITEMS,
};

export const NORTHWIND_SANDBOX: SandboxCompanySeed = {
  realmId: '9130357000000002',
  companyName: 'Northwind Traders (Sandbox)',
  legalName: 'Northwind Traders',
  email: 'accounts@northwind.test',
  address: { Line1: '2 Northwind Way', City: 'Seattle', CountrySubDivisionCode: 'WA', PostalCode: '98052' },
  customers: [
    {
      DisplayName: 'Alfreds Futterkiste',
      CompanyName: 'Alfreds Futterkiste',
      GivenName: 'Maria',
      FamilyName: 'Anders',
    },
    { DisplayName: 'Ana Trujillo Emparedados y helados', CompanyName: 'Ana Trujillo Emparedados y helados' },
    { DisplayName: 'Antonio Moreno Taquería', CompanyName: 'Antonio Moreno Taquería' },
  ],
  vendors: [
    { DisplayName: 'Dell Technologies', CompanyName: 'Dell Technologies' },
    { DisplayName: 'Exotic Liquids', CompanyName: 'Exotic Liquids' },
  ],
  employees: [{ DisplayName: 'Nancy Davolio', GivenName: 'Nancy', FamilyName: 'Davolio' }],
  items: [
    ...STANDARD_ITEMS,
    { Name: 'Chai', Type: 'NonInventory', incomeAccount: 'Sales of Product Income', UnitPrice: 18 },
  ],
};

export const DEFAULT_SANDBOX_COMPANIES: ReadonlyArray<SandboxCompanySeed> = [SANDBOX_COMPANY_US_1, NORTHWIND_SANDBOX];
