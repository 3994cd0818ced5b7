import { BILLING_TERMS, TAX_CODES } from './connectwise.demo-data';
import { assignGlEntries } from './connectwise.gl';
import { addDays } from './connectwise.payloads';
import { createLineFactory, createPrng } from './connectwise.seed';
import type { InvoiceType, SimCatalogItem, SimCompany, SimInvoice, SimLine, SimTenantSeed } from './connectwise.types';

/**
 * A benchmark-sized PSA company, generated deterministically from a seed: N unposted invoices over client
 * companies and a catalog of service and product items, some taxable, with lines that add up (sum of line totals
 * = invoice total − sales tax). It is a tenant of its own, so the demo company stays small and fast.
 */

export interface BenchTenantOptions {
  /** The Company ID people log in with; letters, digits, _ - . */
  companyId: string;
  /** Unposted invoices (default 2,000). */
  invoices?: number;
  /** Client companies (default 200). */
  companies?: number;
  /** Catalog items, half services and half products (default 40). */
  items?: number;
  /** PRNG seed (default 1): the same options always give the same tenant. */
  seed?: number;
  /** A cloud tenant reports the request's host as SiteUrl; on premise reports an internal name. */
  isCloud?: boolean;
}

/** Keys of every generated tenant's API member (with Finance › Accounting Interface rights). */
export function benchCredentials(companyId: string): { companyId: string; publicKey: string; privateKey: string } {
  return { companyId, publicKey: 'BenchPublicKey01', privateKey: 'BenchPrivateKey-0123456789' };
}

const FIRST_INVOICE_ID = 200_001;
const MAX_INVOICES = 20_000;
const TAXABLE = TAX_CODES.find((code) => code.levels.length > 0)!.id;
const EXEMPT = TAX_CODES.find((code) => code.levels.length === 0)!.id;

const PREFIXES = ['Summit', 'Harbor', 'Pioneer', 'Cedar', 'Lakeview', 'Granite', 'Riverside', 'Bluebird', 'Northgate'];
const TRADES = ['Dental', 'Logistics', 'Family Medicine', 'Legal', 'Realty', 'Veterinary', 'Accounting', 'Bakery'];
const FORMS = ['Group', 'LLC', 'Partners', 'Inc.', 'Associates', 'Co.'];
const CITIES = [
  ['Austin', 'TX', '78701'],
  ['Denver', 'CO', '80202'],
  ['Columbus', 'OH', '43215'],
  ['Portland', 'ME', '04101'],
  ['Boise', 'ID', '83702'],
] as const;
const SERVICES = ['Remote Support', 'Onsite Support', 'Project Engineering', 'Network Assessment', 'Backup Review'];
const PRODUCTS = ['Laptop', 'Monitor', 'Firewall', 'Access Point', 'UPS', 'Switch', 'Docking Station', 'NAS'];

function catalog(count: number, between: (min: number, max: number) => number): SimCatalogItem[] {
  return Array.from({ length: Math.max(2, count) }, (_, index) => {
    const service = index % 2 === 0;
    const number = String(Math.floor(index / 2) + 1).padStart(3, '0');
    const base = service ? SERVICES[index % SERVICES.length] : PRODUCTS[index % PRODUCTS.length];
    const priceCents = service ? between(60, 240) * 100 + between(0, 3) * 25 : between(2_000, 180_000) + 99;
    return {
      id: 9_001 + index,
      identifier: service ? `SVC-${number}` : `HW-${number}`,
      description: `${base} ${number}`,
      kind: service ? (index % 6 === 0 ? 'agreement' : 'time') : 'product',
      priceCents,
      costCents: service ? 0 : Math.round(priceCents * 0.78),
      // Products are taxable, services mostly not: some lines of a taxable company's invoice are taxed.
      taxable: !service || index % 10 === 4,
      accountNumber: service ? '4100' : '4200',
      salesCode: service ? 'LAB' : 'HW',
      unitOfMeasure: service ? 'Hour' : 'Each',
    } satisfies SimCatalogItem;
  });
}

export function generateBenchTenant(options: BenchTenantOptions): SimTenantSeed {
  const invoiceCount = options.invoices ?? 2_000;
  const companyCount = options.companies ?? 200;
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(options.companyId)) throw new RangeError('companyId: letters, digits, _ - .');
  if (!Number.isSafeInteger(invoiceCount) || invoiceCount < 1 || invoiceCount > MAX_INVOICES) {
    throw new RangeError(`invoices must be 1 to ${MAX_INVOICES}`);
  }
  if (!Number.isSafeInteger(companyCount) || companyCount < 1 || companyCount > invoiceCount) {
    throw new RangeError('companies must be 1 to the number of invoices');
  }
  const random = createPrng(options.seed ?? 1);
  const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)];
  const items = catalog(options.items ?? 40, between);
  const services = items.filter((item) => item.kind !== 'product');
  const products = items.filter((item) => item.kind === 'product');

  const companies: SimCompany[] = Array.from({ length: companyCount }, (_, index) => {
    const number = String(index + 1).padStart(3, '0');
    const name = `${pick(PREFIXES)} ${pick(TRADES)} ${pick(FORMS)} ${number}`;
    const [city, state, zip] = pick(CITIES);
    const domain = `client${number}.example`;
    return {
      id: 50_000 + index,
      // ConnectWise identifiers are at most 25 characters; the number keeps them unique.
      identifier: `${name.replace(/[^A-Za-z]/g, '').slice(0, 22)}${number}`,
      name,
      addressLine1: `${between(10, 9999)} Main St`,
      city,
      state,
      zip,
      phoneNumber: `555-01${String(index % 100).padStart(2, '0')}`,
      website: `www.${domain}`,
      accountNumber: `B${10_000 + index}`,
      taxCodeId: random() < 0.25 ? TAXABLE : EXEMPT,
      billingTermsId: pick(BILLING_TERMS).id,
      contact: { id: 60_000 + index, name: `Accounts Payable ${number}`, email: `ap@${domain}` },
      siteId: 70_000 + index,
      typeName: 'Client',
    };
  });

  const line = createLineFactory({ firstLineId: 500_001, firstTimeEntryId: 300_001, firstProductRecordId: 400_001 });
  const invoices: SimInvoice[] = Array.from({ length: invoiceCount }, (_, index) => {
    // Every company gets at least one invoice; the rest fall where the PRNG puts them.
    const company = index < companyCount ? companies[index] : pick(companies);
    const creditMemo = random() < 0.02;
    const sign = creditMemo ? -1 : 1;
    const lines: SimLine[] = [];
    for (let count = between(1, 3); count > 0; count -= 1) lines.push(line(pick(services), sign * between(1, 24)));
    if (random() < 0.45) {
      for (let count = between(1, 3); count > 0; count -= 1) lines.push(line(pick(products), sign * between(1, 5) * 4));
    }
    const type: InvoiceType = creditMemo
      ? 'CreditMemo'
      : lines.every((l) => l.kind === 'agreement')
        ? 'Agreement'
        : 'Standard';
    return {
      id: FIRST_INVOICE_ID + index * 2,
      billingLogId: 600_000 + index,
      invoiceNumber: `B${100_001 + index}`,
      type,
      companyId: company.id,
      invoiceDate: addDays('2025-10-01', between(0, 44)),
      description: creditMemo ? 'Credit: service adjustment' : `Services and products - ${lines.length} line(s)`,
      ...(random() < 0.2 ? { poNumber: `PO-${between(10_000, 99_999)}` } : {}),
      lines,
      locationId: 1,
      departmentId: type === 'Agreement' ? 10 : 11,
      createdBy: pick(['jmiller', 'akhan', 'sbrown']),
      glEntries: [],
      postedBatchId: null,
    };
  });

  const taxCodes = TAX_CODES.map((code) => ({ ...code, levels: code.levels.map((level) => ({ ...level })) }));
  const billingTerms = BILLING_TERMS.map((terms) => ({ ...terms }));
  assignGlEntries({ companies, taxCodes, billingTerms }, invoices, FIRST_INVOICE_ID + invoiceCount);

  const credentials = benchCredentials(options.companyId);
  return {
    companyId: options.companyId,
    companyName: `Bench MSP (${options.companyId})`,
    codebase: 'v2025_1/',
    versionCode: 'v2025.1',
    versionNumber: 'v4.6.104235',
    serverVersion: 'v2025.1.104235',
    isCloud: options.isCloud === true,
    ...(options.isCloud === true
      ? {}
      : { siteUrl: `psa01.${options.companyId.toLowerCase().replace(/[^a-z0-9-]/g, '-')}.internal` }),
    serverTimeZone: 'Central Standard Time',
    members: [
      {
        identifier: 'BenchAPI',
        publicKey: credentials.publicKey,
        privateKey: credentials.privateKey,
        financeAccess: true,
      },
    ],
    companies,
    taxCodes,
    billingTerms,
    invoices,
  };
}
