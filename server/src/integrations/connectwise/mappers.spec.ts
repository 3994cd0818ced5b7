import companies from './__fixtures__/companies.json';
import companyInfo from './__fixtures__/company-info.json';
import glExport from './__fixtures__/gl-export.json';
import systemInfo from './__fixtures__/system-info.json';
import unpostedInvoices from './__fixtures__/unposted-invoices.json';
import { ConnectWiseError } from './errors';
import {
  mapAccountingBatch,
  mapCompany,
  mapCompanyInfo,
  mapGlExport,
  mapSystemInfo,
  mapUnpostedInvoice,
  parseGlEntryIds,
  upstreamErrorCode,
} from './mappers';

const clone = <T>(value: T): T => structuredClone(value);

function expectBadResponse(run: () => unknown): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ConnectWiseError);
  expect((caught as ConnectWiseError).kind).toBe('BAD_RESPONSE');
}

describe('mapCompanyInfo', () => {
  it('maps a cloud answer, IsCloud as the string "True", and SiteUrl', () => {
    expect(mapCompanyInfo(companyInfo)).toEqual({
      companyName: 'Mobius Demo MSP',
      codebase: 'v2025_1/',
      siteUrl: 'api-na.myconnectwise.net',
      isCloud: true,
      versionCode: 'v2025.1',
    });
  });

  it('treats null, a non-object and a missing or empty Codebase as "company not found"', () => {
    expect(mapCompanyInfo(null)).toBeNull();
    expect(mapCompanyInfo('<html>')).toBeNull();
    expect(mapCompanyInfo({ CompanyName: 'X' })).toBeNull();
    expect(mapCompanyInfo({ ...companyInfo, Codebase: '  ' })).toBeNull();
  });

  it('adds the trailing slash a codebase needs and omits an empty SiteUrl', () => {
    const info = mapCompanyInfo({ ...companyInfo, Codebase: 'v4_6_release', SiteUrl: '' });
    expect(info).toEqual(expect.objectContaining({ codebase: 'v4_6_release/', isCloud: true }));
    expect(info).not.toHaveProperty('siteUrl');
  });

  it.each(['False', false, undefined])(
    'ignores the SiteUrl of an on-premise server (IsCloud %p), even one that is no public host name',
    (isCloud) => {
      for (const siteUrl of ['api-na.myconnectwise.net', 'CWSERVER01', '10.0.0.5', 'evil.test/steal']) {
        const info = mapCompanyInfo({ ...companyInfo, IsCloud: isCloud, SiteUrl: siteUrl });
        expect(info).toEqual(expect.objectContaining({ isCloud: false }));
        expect(info).not.toHaveProperty('siteUrl');
      }
    },
  );

  it('reads IsCloud as a boolean or as the string "True" in any case', () => {
    expect(mapCompanyInfo({ ...companyInfo, IsCloud: true })?.siteUrl).toBe('api-na.myconnectwise.net');
    expect(mapCompanyInfo({ ...companyInfo, IsCloud: 'true' })?.siteUrl).toBe('api-na.myconnectwise.net');
  });

  it.each(['../../', 'v2025_1/../../x/', 'a b/', '%2e%2e/'])('refuses the Codebase %p', (codebase) => {
    expectBadResponse(() => mapCompanyInfo({ ...companyInfo, Codebase: codebase }));
  });

  it.each(['169.254.169.254', 'evil.test/steal', 'user@api-na.myconnectwise.net', 'api-na.myconnectwise.net:8080'])(
    'refuses the SiteUrl %p, which decides where the keys go',
    (siteUrl) => {
      expectBadResponse(() => mapCompanyInfo({ ...companyInfo, SiteUrl: siteUrl }));
    },
  );

  it('accepts a loopback SiteUrl with a port only with allowHttp', () => {
    expect(mapCompanyInfo({ ...companyInfo, SiteUrl: '127.0.0.1:4102' }, { allowHttp: true })?.siteUrl).toBe(
      '127.0.0.1:4102',
    );
    expectBadResponse(() => mapCompanyInfo({ ...companyInfo, SiteUrl: '127.0.0.1:4102' }));
  });
});

describe('mapSystemInfo', () => {
  it('maps /system/info', () => {
    expect(mapSystemInfo(systemInfo)).toEqual({
      version: 'v2025.1.104235',
      isCloud: true,
      serverTimeZone: 'Eastern Standard Time',
      cloudRegion: 'NA',
    });
  });

  it('needs a version', () => {
    expectBadResponse(() => mapSystemInfo({ isCloud: true }));
    expectBadResponse(() => mapSystemInfo([]));
  });
});

describe('mapUnpostedInvoice', () => {
  const [taxable, creditMemo, agreement] = unpostedInvoices;

  it('maps a taxable invoice into cents without float drift', () => {
    expect(mapUnpostedInvoice(taxable)).toEqual({
      id: 4027,
      invoiceNumber: '24114',
      invoiceType: 'Standard',
      isCreditMemo: false,
      invoiceDate: '2025-10-20',
      dueDate: '2025-11-19',
      company: { id: 250, identifier: 'AcmeDental', name: 'Acme Dental Group' },
      billToCompany: { id: 250, identifier: 'AcmeDental', name: 'Acme Dental Group' },
      accountNumber: 'C1001',
      description: 'Front desk workstation refresh',
      billingTerms: 'Net 30',
      currencyCode: 'USD',
      subTotalCents: 547447,
      salesTaxCents: 41555,
      totalCents: 589002,
      taxable: true,
      taxCode: 'Austin, TX',
      locationId: 1,
    });
  });

  it('recognises a credit memo and keeps its negative amounts', () => {
    const mapped = mapUnpostedInvoice(creditMemo);
    expect(mapped).toMatchObject({
      invoiceType: 'CreditMemo',
      isCreditMemo: true,
      totalCents: -72500,
      salesTaxCents: 0,
    });
  });

  it('maps agreement invoices and unknown invoice types', () => {
    expect(mapUnpostedInvoice(agreement).invoiceType).toBe('Agreement');
    expect(mapUnpostedInvoice({ ...clone(agreement), invoiceType: 'SomethingNew' }).invoiceType).toBe('Other');
  });

  it('tolerates missing optional fields', () => {
    const minimal = { id: 5, invoiceNumber: 77, company: { id: 1, identifier: 'X' }, subTotal: 10, total: 10 };
    expect(mapUnpostedInvoice(minimal)).toMatchObject({
      id: 5,
      invoiceNumber: '77',
      company: { id: 1, identifier: 'X', name: 'X' },
      billToCompany: null,
      invoiceDate: null,
      currencyCode: null,
      salesTaxCents: 0,
      taxable: false,
    });
  });

  it.each([
    ['no id', { id: undefined }],
    ['a fractional id', { id: 1.5 }],
    ['no invoice number', { invoiceNumber: '' }],
    ['no company', { company: null }],
    ['a text total', { total: '5890.02' }],
  ])('refuses an invoice with %s', (_label, change) => {
    expectBadResponse(() => mapUnpostedInvoice({ ...clone(taxable), ...change }));
  });
});

describe('mapGlExport', () => {
  const mapped = mapGlExport(glExport);

  it('maps one customer per company with tax levels', () => {
    expect(mapped.customers).toHaveLength(2);
    const acme = mapped.customers.find((customer) => customer.name === 'Acme Dental Group');
    expect(acme).toEqual({
      companyId: 250,
      identifier: 'AcmeDental',
      name: 'Acme Dental Group',
      accountNumber: 'C1001',
      contactName: 'Maria Alvarez',
      siteName: 'Main',
      billingTerms: 'Net 30',
      dueDays: 30,
      taxable: true,
      taxCode: 'Austin, TX',
      currencyCode: 'USD',
      taxLevels: [
        { level: 1, rate: '6.25', taxCodeXref: 'TX-STATE', agencyXref: 'Texas Comptroller' },
        { level: 3, rate: '2', taxCodeXref: 'TX-AUSTIN-CITY', agencyXref: 'City of Austin' },
      ],
    });
  });

  it('parses each transaction’s comma-separated glEntryIds into GL entry ids, apart from the invoice id', () => {
    expect(mapped.transactions.map((transaction) => [transaction.id, transaction.glEntryIds])).toEqual([
      [4001, [4061, 4062, 4063, 4064, 4065, 4066]],
      [4027, [4131, 4132, 4133, 4134, 4135, 4136]],
      [4029, [4137, 4138, 4139]],
    ]);
    // The two id spaces overlap: 4061 is a GL entry of invoice 4001 and, in ConnectWise, also another invoice's id.
    expect(mapped.transactions[0].glEntryIds).not.toContain(mapped.transactions[0].id);
  });

  it('maps the taxable invoice: product and service lines, tax levels, totals that add up', () => {
    const invoice = mapped.transactions.find((transaction) => transaction.invoiceNumber === '24114')!;
    expect(invoice).toMatchObject({
      id: 4027,
      isCreditMemo: false,
      documentDate: '2025-10-20',
      dueDate: '2025-11-19',
      accountNumber: '1200',
      taxable: true,
      totalCents: 589002,
      taxableTotalCents: 503697,
      salesTaxCents: 41555,
      taxLevels: [
        { level: 1, taxCents: 31481, taxableCents: 503697, taxCodeXref: 'TX-STATE' },
        { level: 3, taxCents: 10074, taxableCents: 503697, taxCodeXref: 'TX-AUSTIN-CITY' },
      ],
    });
    expect(invoice.lines).toEqual([
      expect.objectContaining({
        kind: 'PRODUCT',
        itemIdentifier: 'DELL-LAT5550',
        quantity: '3',
        unitPrice: '1349',
        amountCents: 404700,
        taxable: true,
        accountNumber: '4200',
        timeEntryId: null,
      }),
      expect.objectContaining({
        kind: 'PRODUCT',
        itemIdentifier: 'DELL-P2723D',
        unitPrice: '329.99',
        amountCents: 98997,
      }),
      expect.objectContaining({
        kind: 'SERVICE',
        itemIdentifier: 'Labor-Onsite',
        quantity: '2.5',
        unitPrice: '175',
        amountCents: 43750,
        taxable: false,
        timeEntryId: expect.any(Number),
        productId: null,
      }),
    ]);
    const lineCents = invoice.lines.reduce((sum, line) => sum + line.amountCents, 0);
    expect(lineCents + invoice.salesTaxCents).toBe(invoice.totalCents);
  });

  it('maps the credit memo with negative quantities and amounts', () => {
    const memo = mapped.transactions.find((transaction) => transaction.isCreditMemo)!;
    expect(memo.documentType).toBe('CM');
    expect(memo.totalCents).toBe(-72500);
    expect(memo.lines.map((line) => [line.quantity, line.amountCents])).toEqual([
      ['-1', -50000],
      ['-1.5', -22500],
    ]);
  });

  it('maps agreement lines with fractional unit prices exactly', () => {
    const agreement = mapped.transactions.find((transaction) => transaction.invoiceNumber === '24101')!;
    const edr = agreement.lines.find((line) => line.itemIdentifier === 'S1-COMPLETE')!;
    expect(edr).toMatchObject({ quantity: '28', unitPrice: '6.75', amountCents: 18900 });
  });

  it('falls back to glItemId for the item and leaves a missing unit price null', () => {
    const copy = clone(glExport);
    const line = copy.transactions[0].detail[0] as Record<string, unknown>;
    delete line.item;
    delete line.itemPrice;
    delete line.quantity;
    const mappedLine = mapGlExport(copy).transactions[0].lines[0];
    expect(mappedLine).toMatchObject({ itemIdentifier: 'MS-GOLD', unitPrice: null, quantity: '1' });
  });

  it('treats missing lists as empty and refuses lists that are not lists', () => {
    expect(mapGlExport({})).toEqual({ customers: [], transactions: [] });
    expectBadResponse(() => mapGlExport({ transactions: {} }));
    expectBadResponse(() => mapGlExport(null));
  });

  it.each([
    ['without a document number', { documentNumber: null }],
    ['without a company', { company: {} }],
    ['without a total', { total: null }],
  ])('refuses a transaction %s', (_label, change) => {
    const copy = clone(glExport);
    Object.assign(copy.transactions[0], change);
    expectBadResponse(() => mapGlExport(copy));
  });

  it('treats missing or empty glEntryIds as none and refuses ids that are not ids', () => {
    const copy = clone(glExport);
    delete (copy.transactions[0] as Record<string, unknown>).glEntryIds;
    (copy.transactions[1] as Record<string, unknown>).glEntryIds = '';
    const [first, second] = mapGlExport(copy).transactions;
    expect([first.glEntryIds, second.glEntryIds]).toEqual([[], []]);
    for (const bad of ['30001;30002', '30001,abc', '-5', '0', '1.5', [30001]]) {
      const broken = clone(glExport);
      (broken.transactions[0] as Record<string, unknown>).glEntryIds = bad;
      expectBadResponse(() => mapGlExport(broken));
    }
  });

  it('parses glEntryIds with spaces, a trailing comma or a single number', () => {
    expect(parseGlEntryIds(' 30001 , 30002,', '1')).toEqual([30001, 30002]);
    expect(parseGlEntryIds(30001, '1')).toEqual([30001]);
    expect(parseGlEntryIds(null, '1')).toEqual([]);
  });

  it('refuses a line without a total', () => {
    const copy = clone(glExport);
    (copy.transactions[1].detail[0] as Record<string, unknown>).total = undefined;
    expectBadResponse(() => mapGlExport(copy));
  });
});

describe('mapCompany and mapAccountingBatch', () => {
  it('maps a company', () => {
    expect(mapCompany(companies[0])).toEqual({
      id: 250,
      identifier: 'AcmeDental',
      name: 'Acme Dental Group',
      status: 'Active',
      accountNumber: 'C1001',
      addressLine1: '4200 Bee Caves Rd, Suite 110',
      addressLine2: null,
      city: 'Austin',
      state: 'TX',
      zip: '78746',
      country: 'United States',
      phoneNumber: '512-555-0142',
      website: 'www.acmedental.example',
      invoiceToEmailAddress: 'ap@acmedental.example',
      taxCode: 'Austin, TX',
      isVendor: false,
      deleted: false,
    });
    expectBadResponse(() => mapCompany({ id: 1, name: 'No identifier' }));
  });

  it('maps a batch', () => {
    expect(
      mapAccountingBatch({ id: 301, batchIdentifier: 'MOBIUS-1', closedFlag: true, exportInvoicesFlag: true }),
    ).toEqual({
      id: 301,
      batchIdentifier: 'MOBIUS-1',
      closed: true,
      exportInvoices: true,
      exportExpenses: false,
      exportProducts: false,
    });
    expectBadResponse(() => mapAccountingBatch({ id: 301 }));
  });
});

describe('upstreamErrorCode', () => {
  it('keeps short codes and drops anything else', () => {
    expect(upstreamErrorCode({ code: 'Unauthorized', message: 'secret-ish detail' })).toBe('Unauthorized');
    expect(upstreamErrorCode({ error: 'ConnectWiseAPI', message: 'Too many requests.' })).toBe('ConnectWiseAPI');
    expect(upstreamErrorCode({ code: '<script>alert(1)</script>' })).toBeUndefined();
    expect(upstreamErrorCode('text')).toBeUndefined();
  });
});
