import { BILLING_TERMS, CATALOG, COMPANY_SEEDS, HARDWARE, LABOR, TAX_CODES, TIME_NOTES } from './connectwise.demo-data';
import { assignGlEntries } from './connectwise.gl';
import { addDays } from './connectwise.payloads';
import type { InvoiceType, SimCatalogItem, SimCompany, SimInvoice, SimLine, SimTenantSeed } from './connectwise.types';

export { CATALOG, QBO_VENDOR_COLLISION_CUSTOMER } from './connectwise.demo-data';

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
/** The SiteUrl the on-premise demo server reports: a name only its own network resolves. */
export const DEMO_ON_PREMISE_SITE_URL = 'psa01.mobius-demo.internal';
const FIRST_INVOICE_ID = 4_001;
export const DEFAULT_SEED = 20251101;

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

export interface SeedOptions {
  seed?: number;
  /** Unposted invoices to generate (at least one per client company); default 60. */
  invoiceCount?: number;
}

export type LineFactory = (
  catalogItem: SimCatalogItem,
  quantityQuarters: number,
  description?: string,
  priceCents?: number,
) => SimLine;

/** Invoice lines with their own ids; amounts in exact cents (quarter units × cents, rounded half away from zero once). */
export function createLineFactory(first: {
  firstLineId: number;
  firstTimeEntryId: number;
  firstProductRecordId: number;
}): LineFactory {
  let nextLineId = first.firstLineId;
  let nextTimeEntryId = first.firstTimeEntryId;
  let nextProductRecordId = first.firstProductRecordId;
  return (catalogItem, quantityQuarters, description, priceCents) => {
    const unitPriceCents = priceCents ?? catalogItem.priceCents;
    const result: SimLine = {
      id: nextLineId++,
      kind: catalogItem.kind,
      item: catalogItem,
      description: description ?? catalogItem.description,
      quantityQuarters,
      unitPriceCents,
      totalCents: Math.sign(quantityQuarters) * Math.round((Math.abs(quantityQuarters) * unitPriceCents) / 4),
      taxable: catalogItem.taxable,
    };
    if (catalogItem.kind === 'time') result.timeEntryId = nextTimeEntryId++;
    if (catalogItem.kind === 'product') result.productRecordId = nextProductRecordId++;
    return result;
  };
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

  const line = createLineFactory({ firstLineId: 30_001, firstTimeEntryId: 10_501, firstProductRecordId: 7_001 });

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
    const id = FIRST_INVOICE_ID + invoices.length * 2;
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
      glEntries: [],
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

  const taxCodes = TAX_CODES.map((code) => ({ ...code, levels: code.levels.map((level) => ({ ...level })) }));
  const billingTerms = BILLING_TERMS.map((terms) => ({ ...terms }));
  assignGlEntries({ companies, taxCodes, billingTerms }, invoices, FIRST_INVOICE_ID + invoices.length);

  return {
    ...DEMO_COMPANY,
    isCloud: false,
    // An on-premise server may report an internal host name: clients must use the Site they were given.
    siteUrl: DEMO_ON_PREMISE_SITE_URL,
    serverTimeZone: 'Central Standard Time',
    members: [
      { identifier: 'MobiusAPI', ...pickKeys(DEMO_CREDENTIALS), financeAccess: true },
      { identifier: 'MobiusNoFinance', ...pickKeys(DEMO_NO_FINANCE_CREDENTIALS), financeAccess: false },
    ],
    companies,
    taxCodes,
    billingTerms,
    invoices,
  };
}

function pickKeys(credentials: { publicKey: string; privateKey: string }) {
  return { publicKey: credentials.publicKey, privateKey: credentials.privateKey };
}
