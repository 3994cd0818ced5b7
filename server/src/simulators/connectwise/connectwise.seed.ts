import type {
  InvoiceType,
  SimBillingTerms,
  SimCatalogItem,
  SimCompany,
  SimInvoice,
  SimLine,
  SimTaxCode,
  SimTenantSeed,
} from './connectwise.types';

/**
 * The demo ConnectWise PSA company, generated from a seeded PRNG so every run (and every test) sees the same
 * invoices. Documented in the README: Site http://127.0.0.1:4102, Company ID mobius_demo, keys below.
 */

export const DEMO_COMPANY = {
  companyId: 'mobius_demo',
  companyName: 'Mobius Demo MSP',
  codebase: 'v2025_1/',
  versionCode: 'v2025.1',
  versionNumber: 'v4.6.104235',
  serverVersion: 'v2025.1.104235',
} as const;

/** An API member whose security role has Finance › Accounting Interface: validation succeeds. */
export const DEMO_CREDENTIALS = {
  companyId: DEMO_COMPANY.companyId,
  publicKey: 'DemoPublicKey01',
  privateKey: 'DemoPrivateKey-0123456789',
} as const;

/** Keys that authenticate (/system/info works) but get 403 on /finance/*: "missing permissions". */
export const DEMO_NO_FINANCE_CREDENTIALS = {
  companyId: DEMO_COMPANY.companyId,
  publicKey: 'NoFinancePublic02',
  privateKey: 'NoFinancePrivate-9876543210',
} as const;

export const DEMO_SITE_PORT = 4102;
export const DEFAULT_SEED = 20251101;

/**
 * This customer's name is also seeded as a vendor in the QBO simulator, so importing it exercises QBO's
 * "Duplicate Name Exists" (6240) path: a DisplayName must be unique across customers and vendors.
 */
export const QBO_VENDOR_COLLISION_CUSTOMER = 'Dell Technologies';

/** mulberry32: tiny, fast and deterministic; never used for anything secret. */
export function createPrng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TAX_CODES: SimTaxCode[] = [
  {
    id: 11,
    identifier: 'TX-AUSTIN',
    name: 'Austin, TX',
    levels: [
      { level: 1, name: 'Texas State', rateBp: 625, xref: 'TX-STATE', agencyXref: 'Texas Comptroller' },
      { level: 3, name: 'Austin City', rateBp: 200, xref: 'TX-AUSTIN-CITY', agencyXref: 'City of Austin' },
    ],
  },
  { id: 12, identifier: 'NON-TAXABLE', name: 'Non-Taxable', levels: [] },
];
const TAXABLE = 11;
const EXEMPT = 12;

const BILLING_TERMS: SimBillingTerms[] = [
  { id: 1, name: 'Net 30', dueDays: 30 },
  { id: 2, name: 'Net 15', dueDays: 15 },
  { id: 3, name: 'Due on Receipt', dueDays: 0 },
];

type CompanySeed = Omit<SimCompany, 'id' | 'contact' | 'siteId' | 'typeName'> & { contactName: string };

const COMPANY_SEEDS: CompanySeed[] = [
  {
    identifier: 'AcmeDental',
    name: 'Acme Dental Group',
    addressLine1: '4200 Bee Caves Rd, Suite 110',
    city: 'Austin',
    state: 'TX',
    zip: '78746',
    phoneNumber: '512-555-0142',
    website: 'www.acmedental.example',
    accountNumber: 'C1001',
    taxCodeId: TAXABLE,
    billingTermsId: 1,
    contactName: 'Maria Alvarez',
  },
  {
    identifier: 'BrightlineLogistics',
    name: 'Brightline Logistics LLC',
    addressLine1: '880 Commerce Park Dr',
    city: 'Columbus',
    state: 'OH',
    zip: '43219',
    phoneNumber: '614-555-0117',
    website: 'www.brightline-logistics.example',
    accountNumber: 'C1002',
    taxCodeId: EXEMPT,
    billingTermsId: 1,
    contactName: 'Derek Olsen',
  },
  {
    identifier: 'CedarRidgeFM',
    name: 'Cedar Ridge Family Medicine',
    addressLine1: '15 Cedar Ridge Pkwy',
    city: 'Asheville',
    state: 'NC',
    zip: '28803',
    phoneNumber: '828-555-0190',
    website: 'www.cedarridgefm.example',
    accountNumber: 'C1003',
    taxCodeId: EXEMPT,
    billingTermsId: 2,
    contactName: 'Dr. Priya Natarajan',
  },
  {
    identifier: 'DellTechnologies',
    name: QBO_VENDOR_COLLISION_CUSTOMER,
    addressLine1: '1 Dell Way',
    city: 'Round Rock',
    state: 'TX',
    zip: '78682',
    phoneNumber: '512-555-0100',
    website: 'www.dell.example',
    accountNumber: 'C1004',
    taxCodeId: TAXABLE,
    billingTermsId: 1,
    contactName: 'Kevin Brooks',
  },
  {
    identifier: 'EvergreenPM',
    name: 'Evergreen Property Management',
    addressLine1: '2301 Pine St',
    city: 'Seattle',
    state: 'WA',
    zip: '98101',
    phoneNumber: '206-555-0133',
    website: 'www.evergreenpm.example',
    accountNumber: 'C1005',
    taxCodeId: EXEMPT,
    billingTermsId: 1,
    contactName: 'Hannah Cho',
  },
  {
    identifier: 'FoxhallLaw',
    name: 'Foxhall Law Partners',
    addressLine1: '1701 Pennsylvania Ave NW, Floor 6',
    city: 'Washington',
    state: 'DC',
    zip: '20006',
    phoneNumber: '202-555-0175',
    website: 'www.foxhall-law.example',
    accountNumber: 'C1006',
    taxCodeId: EXEMPT,
    billingTermsId: 1,
    contactName: 'Robert Foxhall',
  },
  {
    identifier: 'GranitePeak',
    name: 'Granite Peak Construction',
    addressLine1: '9100 Research Blvd',
    city: 'Austin',
    state: 'TX',
    zip: '78758',
    phoneNumber: '512-555-0161',
    website: 'www.granitepeak.example',
    accountNumber: 'C1007',
    taxCodeId: TAXABLE,
    billingTermsId: 2,
    contactName: 'Luis Ramirez',
  },
  {
    identifier: 'HarborviewCPA',
    name: 'Harborview Accounting CPAs',
    addressLine1: '45 Harbor View Ave',
    city: 'Portland',
    state: 'ME',
    zip: '04101',
    phoneNumber: '207-555-0128',
    website: 'www.harborviewcpa.example',
    accountNumber: 'C1008',
    taxCodeId: EXEMPT,
    billingTermsId: 1,
    contactName: 'Susan Whitaker',
  },
  {
    identifier: 'IronwoodVet',
    name: 'Ironwood Veterinary Clinic',
    addressLine1: '310 Ironwood Dr',
    city: 'Boise',
    state: 'ID',
    zip: '83702',
    phoneNumber: '208-555-0184',
    website: 'www.ironwoodvet.example',
    accountNumber: 'C1009',
    taxCodeId: EXEMPT,
    billingTermsId: 3,
    contactName: 'Dr. Ethan Marsh',
  },
  {
    identifier: 'JuniperBakery',
    name: 'Juniper Street Bakery',
    addressLine1: '77 Juniper St',
    city: 'Denver',
    state: 'CO',
    zip: '80205',
    phoneNumber: '303-555-0109',
    website: 'www.juniperbakery.example',
    accountNumber: 'C1010',
    taxCodeId: EXEMPT,
    billingTermsId: 3,
    contactName: 'Claire Dubois',
  },
  {
    identifier: 'KeystoneInsurance',
    name: 'Keystone Insurance Agency',
    addressLine1: '500 Market St',
    city: 'Harrisburg',
    state: 'PA',
    zip: '17101',
    phoneNumber: '717-555-0152',
    website: 'www.keystone-ins.example',
    accountNumber: 'C1011',
    taxCodeId: EXEMPT,
    billingTermsId: 1,
    contactName: 'Tom Becker',
  },
  {
    identifier: 'LakesideCU',
    name: 'Lakeside Community Credit Union',
    addressLine1: '12 Lakeshore Dr',
    city: 'Madison',
    state: 'WI',
    zip: '53703',
    phoneNumber: '608-555-0139',
    website: 'www.lakesidecu.example',
    accountNumber: 'C1012',
    taxCodeId: EXEMPT,
    billingTermsId: 1,
    contactName: 'Angela Price',
  },
  {
    // The apostrophe and ampersand exercise quoting in QBO queries and in ConnectWise conditions.
    identifier: 'OBrienPlumbing',
    name: "O'Brien & Sons Plumbing",
    addressLine1: '640 Industrial Way',
    city: 'Boston',
    state: 'MA',
    zip: '02127',
    phoneNumber: '617-555-0196',
    website: 'www.obrienplumbing.example',
    accountNumber: 'C1013',
    taxCodeId: EXEMPT,
    billingTermsId: 1,
    contactName: "Sean O'Brien",
  },
];

const item = (
  id: number,
  identifier: string,
  description: string,
  kind: SimCatalogItem['kind'],
  price: number,
  cost: number,
  taxable: boolean,
  accountNumber: string,
  salesCode: string,
  unitOfMeasure: string,
): SimCatalogItem => ({
  id,
  identifier,
  description,
  kind,
  priceCents: price,
  costCents: cost,
  taxable,
  accountNumber,
  salesCode,
  unitOfMeasure,
});

export const CATALOG = {
  managedGold: item(
    501,
    'MS-GOLD',
    'Managed Services - Gold (per user)',
    'agreement',
    13500,
    0,
    false,
    '4000',
    'MSP',
    'User',
  ),
  managedSilver: item(
    502,
    'MS-SILVER',
    'Managed Services - Silver (per user)',
    'agreement',
    9500,
    0,
    false,
    '4000',
    'MSP',
    'User',
  ),
  bcdr: item(
    503,
    'BCDR-MONITOR',
    'Datto BCDR appliance monitoring',
    'agreement',
    24900,
    0,
    false,
    '4000',
    'MSP',
    'Each',
  ),
  serviceCredit: item(504, 'SVC-CREDIT', 'Service credit', 'agreement', 50000, 0, false, '4000', 'MSP', 'Each'),
  remote: item(601, 'Labor-Remote', 'Remote Support', 'time', 15000, 0, false, '4100', 'LAB', 'Hour'),
  onsite: item(602, 'Labor-Onsite', 'Onsite Support', 'time', 17500, 0, false, '4100', 'LAB', 'Hour'),
  afterHours: item(
    603,
    'Labor-AfterHours',
    'After-Hours Emergency Support',
    'time',
    22500,
    0,
    false,
    '4100',
    'LAB',
    'Hour',
  ),
  project: item(604, 'Labor-Project', 'Project Engineering', 'time', 18500, 0, false, '4100', 'LAB', 'Hour'),
  laptop: item(
    701,
    'DELL-LAT5550',
    'Dell Latitude 5550 laptop, i7, 16GB, 512GB SSD',
    'product',
    134900,
    108000,
    true,
    '4200',
    'HW',
    'Each',
  ),
  monitor: item(702, 'DELL-P2723D', 'Dell P2723D 27" QHD monitor', 'product', 32999, 24100, true, '4200', 'HW', 'Each'),
  firewall: item(
    703,
    'MERAKI-MX68',
    'Cisco Meraki MX68 security appliance',
    'product',
    89500,
    69800,
    true,
    '4200',
    'HW',
    'Each',
  ),
  accessPoint: item(
    704,
    'UBNT-U6PRO',
    'Ubiquiti UniFi U6 Pro access point',
    'product',
    16900,
    12900,
    true,
    '4200',
    'HW',
    'Each',
  ),
  ups: item(705, 'APC-SMT1500', 'APC Smart-UPS 1500VA LCD', 'product', 74999, 58200, true, '4200', 'HW', 'Each'),
  nas: item(706, 'SYN-DS923', 'Synology DS923+ 4-bay NAS', 'product', 59999, 47500, true, '4200', 'HW', 'Each'),
  m365Premium: item(
    801,
    'MS365-BP',
    'Microsoft 365 Business Premium (monthly)',
    'product',
    2200,
    1980,
    false,
    '4300',
    'LIC',
    'User',
  ),
  m365Standard: item(
    802,
    'MS365-BS',
    'Microsoft 365 Business Standard (monthly)',
    'product',
    1250,
    1125,
    false,
    '4300',
    'LIC',
    'User',
  ),
  edr: item(
    803,
    'S1-COMPLETE',
    'SentinelOne Singularity Complete (per endpoint)',
    'product',
    675,
    450,
    false,
    '4300',
    'LIC',
    'Each',
  ),
  mfa: item(804, 'DUO-ESS', 'Cisco Duo Essentials MFA (per user)', 'product', 300, 200, false, '4300', 'LIC', 'User'),
} as const;

const HARDWARE = [CATALOG.laptop, CATALOG.monitor, CATALOG.firewall, CATALOG.accessPoint, CATALOG.ups, CATALOG.nas];
const LABOR = [CATALOG.remote, CATALOG.remote, CATALOG.onsite, CATALOG.project, CATALOG.afterHours];
const TIME_NOTES = [
  'Troubleshoot Outlook profile corruption on front desk PC',
  'Replace failed PoE switch in server closet',
  'Onboard new hire: laptop imaging, M365 account and MFA enrollment',
  'Investigate slow VPN connections for remote staff',
  'Restore deleted SharePoint folder from backup',
  'Configure new printer and scan-to-email',
  'Patch Tuesday follow-up: remediate failed updates on 3 workstations',
  'Firewall firmware upgrade and rule review',
  'Resolve QuickBooks Desktop multi-user mode issue',
  'Offboard departing employee: disable accounts, transfer mailbox',
  'Wi-Fi dead zone survey in warehouse',
  'Emergency: ransomware alert triage and isolation of affected endpoint',
];

export interface SeedOptions {
  seed?: number;
  /** Unposted invoices to generate (at least one per client company); default 60. */
  invoiceCount?: number;
}

function addDays(date: string, days: number): string {
  const time = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(time).toISOString().slice(0, 10);
}

export function createDemoTenant(options: SeedOptions = {}): SimTenantSeed {
  const random = createPrng(options.seed ?? DEFAULT_SEED);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)];
  const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));

  const companies: SimCompany[] = COMPANY_SEEDS.map(({ contactName, ...seed }, index) => ({
    ...seed,
    id: 250 + index * 3,
    contact: {
      id: 900 + index,
      name: contactName,
      email: `ap@${seed.website.replace(/^www\./, '')}`,
    },
    siteId: 1200 + index,
    typeName: 'Client',
  }));

  let nextLineId = 30_001;
  let nextTimeEntryId = 10_501;
  let nextProductRecordId = 7_001;
  const line = (catalogItem: SimCatalogItem, quantityQuarters: number, description?: string, priceCents?: number) => {
    const unitPriceCents = priceCents ?? catalogItem.priceCents;
    const result: SimLine = {
      id: nextLineId++,
      kind: catalogItem.kind,
      item: catalogItem,
      description: description ?? catalogItem.description,
      quantityQuarters,
      unitPriceCents,
      // Quarter hours × cents: exact in integers, rounded half away from zero once.
      totalCents: Math.sign(quantityQuarters) * Math.round((Math.abs(quantityQuarters) * unitPriceCents) / 4),
      taxable: catalogItem.taxable,
    };
    if (catalogItem.kind === 'time') result.timeEntryId = nextTimeEntryId++;
    if (catalogItem.kind === 'product') result.productRecordId = nextProductRecordId++;
    return result;
  };

  const invoices: SimInvoice[] = [];
  const total = Math.max(options.invoiceCount ?? 60, companies.length + 2);
  let nextInvoiceNumber = 24_101;
  const addInvoice = (
    company: SimCompany,
    type: InvoiceType,
    invoiceDate: string,
    description: string,
    lines: SimLine[],
  ) => {
    const id = 4_001 + invoices.length * 2;
    invoices.push({
      id,
      billingLogId: 88_000 + invoices.length,
      invoiceNumber: String(nextInvoiceNumber++),
      type,
      companyId: company.id,
      invoiceDate,
      description,
      ...(random() < 0.3 ? { poNumber: `PO-${between(10_000, 99_999)}` } : {}),
      lines,
      locationId: 1,
      departmentId: type === 'Agreement' ? 10 : 11,
      createdBy: pick(['jmiller', 'akhan', 'sbrown']),
      postedBatchId: null,
    });
  };

  // One November managed-services agreement invoice per client.
  for (const company of companies) {
    const users = between(6, 45);
    const endpoints = users + between(2, 12);
    const plan = random() < 0.5 ? CATALOG.managedGold : CATALOG.managedSilver;
    const licence = plan === CATALOG.managedGold ? CATALOG.m365Premium : CATALOG.m365Standard;
    const lines = [
      line(plan, users * 4),
      line(licence, users * 4),
      line(CATALOG.edr, endpoints * 4),
      line(CATALOG.mfa, users * 4),
    ];
    if (random() < 0.35) lines.push(line(CATALOG.bcdr, 4));
    addInvoice(
      company,
      'Agreement',
      '2025-11-01',
      `Managed Services Agreement - November 2025 (${users} users)`,
      lines,
    );
  }

  // The taxable hardware invoice the tests rely on: Austin, TX, two tax levels.
  const acme = companies[0];
  addInvoice(acme, 'Standard', '2025-10-20', 'Front desk workstation refresh', [
    line(CATALOG.laptop, 3 * 4),
    line(CATALOG.monitor, 3 * 4),
    line(CATALOG.onsite, 2.5 * 4, 'Deploy and configure 3 workstations, migrate user profiles'),
  ]);

  // The credit memo: negative quantities, so negative amounts.
  const foxhall = companies[5];
  addInvoice(foxhall, 'CreditMemo', '2025-10-31', 'Credit: SLA response-time breach, ticket #48213', [
    line(CATALOG.serviceCredit, -4, 'Service credit - SLA response-time breach (October 2025)'),
    line(CATALOG.remote, -1.5 * 4, 'Credit for duplicate time entry on ticket #48213'),
  ]);

  while (invoices.length < total) {
    const company = pick(companies);
    const invoiceDate = addDays('2025-10-01', between(0, 44));
    if (random() < 0.55) {
      const lines = Array.from({ length: between(1, 4) }, () => line(pick(LABOR), between(1, 16), pick(TIME_NOTES)));
      addInvoice(company, 'Standard', invoiceDate, `Time & materials - ${lines.length} service ticket(s)`, lines);
    } else {
      const hardware = Array.from({ length: between(1, 3) }, () => line(pick(HARDWARE), between(1, 5) * 4));
      const labour =
        random() < 0.6 ? [line(CATALOG.project, between(2, 12) * 2, 'Install and configure hardware')] : [];
      addInvoice(company, random() < 0.8 ? 'Standard' : 'Miscellaneous', invoiceDate, 'Hardware purchase', [
        ...hardware,
        ...labour,
      ]);
    }
  }

  return {
    ...DEMO_COMPANY,
    isCloud: false,
    serverTimeZone: 'Central Standard Time',
    members: [
      { identifier: 'MobiusAPI', ...pickKeys(DEMO_CREDENTIALS), financeAccess: true },
      { identifier: 'MobiusNoFinance', ...pickKeys(DEMO_NO_FINANCE_CREDENTIALS), financeAccess: false },
    ],
    companies,
    taxCodes: TAX_CODES.map((code) => ({ ...code, levels: code.levels.map((level) => ({ ...level })) })),
    billingTerms: BILLING_TERMS.map((terms) => ({ ...terms })),
    invoices,
  };
}

function pickKeys(credentials: { publicKey: string; privateKey: string }) {
  return { publicKey: credentials.publicKey, privateKey: credentials.privateKey };
}
