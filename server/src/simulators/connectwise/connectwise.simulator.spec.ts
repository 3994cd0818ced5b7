import {
  createDemoTenant,
  DEMO_COMPANY,
  DEMO_CREDENTIALS,
  DEMO_NO_FINANCE_CREDENTIALS,
  DEMO_ON_PREMISE_SITE_URL,
  QBO_VENDOR_COLLISION_CUSTOMER,
} from './connectwise.seed';
import { startConnectWiseSimulator } from './connectwise.simulator';

type Simulator = Awaited<ReturnType<typeof startConnectWiseSimulator>>;
type Credentials = { companyId: string; publicKey: string; privateKey: string };

const CLIENT_ID = '00000000-0000-4000-8000-00000000c11e';

function parseLinkHeaderForTest(header: string | null): Record<string, string> {
  const links: Record<string, string> = {};
  for (const match of (header ?? '').matchAll(/<([^>]+)>;\s*rel="(\w+)"/g)) links[match[2]] = match[1];
  return links;
}

function basic(credentials: Credentials): string {
  const user = `${credentials.companyId}+${credentials.publicKey}:${credentials.privateKey}`;
  return `Basic ${Buffer.from(user).toString('base64')}`;
}

interface CallOptions {
  method?: string;
  body?: unknown;
  credentials?: Credentials | null;
  clientId?: string | null;
  codebase?: string;
  headers?: Record<string, string>;
}

async function call(sim: Simulator, path: string, options: CallOptions = {}) {
  const headers: Record<string, string> = {
    Accept: 'application/vnd.connectwise.com+json; version=2022.1',
    ...options.headers,
  };
  const credentials = options.credentials === undefined ? DEMO_CREDENTIALS : options.credentials;
  if (credentials) headers.Authorization = basic(credentials);
  const clientId = options.clientId === undefined ? CLIENT_ID : options.clientId;
  if (clientId) headers.clientId = clientId;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const codebase = options.codebase ?? DEMO_COMPANY.codebase;
  const response = await fetch(`${sim.url}/${codebase}apis/3.0${path}`, {
    method: options.method ?? 'GET',
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as unknown) : undefined };
}

type Invoice = { id: number; invoiceNumber: string; invoiceType: string; company: { id: number; name: string } };
type Export = {
  customers: Array<{ company: { id: number; name: string }; taxLevels: unknown[] }>;
  transactions: Array<{
    id: number;
    glEntryIds: string;
    documentNumber: string;
    documentType: string;
    total: number;
    salesTax: number;
    taxLevels: Array<{ taxAmount: number; taxableAmount: number; taxLevel: number }>;
    detail: Array<{
      id: number;
      total: number;
      quantity: number;
      itemPrice: number;
      taxableFlag: boolean;
      item: { identifier: string };
    }>;
  }>;
};

describe('ConnectWise PSA simulator', () => {
  let sim: Simulator;

  beforeAll(async () => {
    sim = await startConnectWiseSimulator();
  });
  afterAll(async () => {
    await sim.close();
  });
  afterEach(() => {
    sim.controls.reset();
  });

  describe('companyinfo', () => {
    it('answers the on-premise demo company with its codebase and an internal SiteUrl clients must not use', async () => {
      const response = await fetch(`${sim.url}/login/companyinfo/${DEMO_COMPANY.companyId}`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        CompanyName: DEMO_COMPANY.companyName,
        Codebase: 'v2025_1/',
        VersionCode: DEMO_COMPANY.versionCode,
        VersionNumber: DEMO_COMPANY.versionNumber,
        CompanyID: DEMO_COMPANY.companyId,
        IsCloud: 'False',
        SiteUrl: DEMO_ON_PREMISE_SITE_URL,
      });
    });

    it('answers a cloud company with a SiteUrl that points back at the simulator', async () => {
      const cloud = await startConnectWiseSimulator({
        tenants: [createDemoTenant(), { ...createDemoTenant(), companyId: 'mobius_cloud', isCloud: true }],
      });
      try {
        const body = (await (await fetch(`${cloud.url}/login/companyinfo/mobius_cloud`)).json()) as Record<
          string,
          unknown
        >;
        expect(body).toMatchObject({ CompanyID: 'mobius_cloud', IsCloud: 'True', SiteUrl: `127.0.0.1:${cloud.port}` });
      } finally {
        await cloud.close();
      }
    });

    it('answers an unknown company with 200 and a null body', async () => {
      const response = await fetch(`${sim.url}/login/companyinfo/nobody_here`);
      expect(response.status).toBe(200);
      expect(await response.json()).toBeNull();
    });
  });

  describe('authentication', () => {
    it('accepts companyId+publicKey:privateKey and answers /system/info', async () => {
      const { status, body } = await call(sim, '/system/info');
      expect(status).toBe(200);
      expect(body).toMatchObject({ version: DEMO_COMPANY.serverVersion, isCloud: false });
    });

    it.each([
      ['no Authorization header', null],
      ['a wrong private key', { ...DEMO_CREDENTIALS, privateKey: 'wrong' }],
      ['a wrong company', { ...DEMO_CREDENTIALS, companyId: 'other_co' }],
      [
        'swapped keys',
        { ...DEMO_CREDENTIALS, publicKey: DEMO_CREDENTIALS.privateKey, privateKey: DEMO_CREDENTIALS.publicKey },
      ],
    ])('answers 401 Unauthorized for %s', async (_label, credentials) => {
      const { status, body } = await call(sim, '/system/info', { credentials });
      expect(status).toBe(401);
      expect(body).toEqual({ code: 'Unauthorized', message: expect.any(String), errors: null });
    });

    it('answers 400 naming clientId when the header is missing or not a GUID', async () => {
      for (const clientId of [null, 'not-a-guid']) {
        const { status, body } = await call(sim, '/system/info', { clientId });
        expect(status).toBe(400);
        expect((body as { message: string }).message).toMatch(/clientId/);
      }
    });

    it('answers 404 for another codebase but accepts the stable v4_6_release alias', async () => {
      expect((await call(sim, '/system/info', { codebase: 'v2019_3/' })).status).toBe(404);
      expect((await call(sim, '/system/info', { codebase: 'v4_6_release/' })).status).toBe(200);
    });

    it('lets the no-finance member read /system/info but answers 403 on finance endpoints', async () => {
      const credentials = DEMO_NO_FINANCE_CREDENTIALS;
      expect((await call(sim, '/system/info', { credentials })).status).toBe(200);
      expect((await call(sim, '/company/companies', { credentials })).status).toBe(200);
      const { status, body } = await call(sim, '/finance/accounting/unpostedinvoices?pageSize=1', { credentials });
      expect(status).toBe(403);
      expect(body).toMatchObject({ code: 'NotAuthorized', errors: null });
    });

    it('refuses every key after revokeKeys and accepts them again after reset', async () => {
      sim.controls.setFaults({ revokeKeys: true });
      expect((await call(sim, '/system/info')).status).toBe(401);
      sim.controls.reset();
      expect((await call(sim, '/system/info')).status).toBe(200);
      sim.controls.revokeKeys(DEMO_COMPANY.companyId, DEMO_CREDENTIALS.publicKey);
      expect((await call(sim, '/system/info')).status).toBe(401);
      expect((await call(sim, '/system/info', { credentials: DEMO_NO_FINANCE_CREDENTIALS })).status).toBe(200);
    });
  });

  describe('paging', () => {
    it('defaults to 25 per page and links first, next and last', async () => {
      const { status, headers, body } = await call(sim, '/finance/accounting/unpostedinvoices');
      expect(status).toBe(200);
      expect(body).toHaveLength(25);
      const links = parseLinkHeaderForTest(headers.get('link'));
      expect(Object.keys(links).sort()).toEqual(['first', 'last', 'next']);
      expect(new URL(links.next).searchParams.get('page')).toBe('2');
      expect(new URL(links.last).searchParams.get('page')).toBe('3');
    });

    it('reads pageSize case-insensitively, links prev and omits next on the last page', async () => {
      const { headers, body } = await call(sim, '/finance/accounting/unpostedinvoices?PAGESIZE=20&Page=3');
      expect(body).toHaveLength(20);
      const links = parseLinkHeaderForTest(headers.get('link'));
      expect(links.next).toBeUndefined();
      expect(new URL(links.prev).searchParams.get('page')).toBe('2');
    });

    it('walks every invoice exactly once by following next links', async () => {
      const seen: number[] = [];
      let url: string | undefined = `${sim.url}/v2025_1/apis/3.0/finance/accounting/unpostedinvoices?pageSize=7`;
      while (url) {
        const response: Response = await fetch(url, {
          headers: { Authorization: basic(DEMO_CREDENTIALS), clientId: CLIENT_ID },
        });
        seen.push(...((await response.json()) as Invoice[]).map((invoice) => invoice.id));
        url = parseLinkHeaderForTest(response.headers.get('link')).next;
      }
      expect(seen).toHaveLength(60);
      expect(new Set(seen).size).toBe(60);
      expect(seen).toEqual([...seen].sort((a, b) => a - b));
    });

    it('caps pageSize at 1000 and rejects a non-numeric pageSize', async () => {
      const { body, headers } = await call(sim, '/finance/accounting/unpostedinvoices?pageSize=5000');
      expect(body).toHaveLength(60);
      expect(new URL(parseLinkHeaderForTest(headers.get('link')).last).searchParams.get('pageSize')).toBe('1000');
      expect((await call(sim, '/finance/accounting/unpostedinvoices?pageSize=lots')).status).toBe(400);
    });

    it('filters with conditions and counts', async () => {
      const all = (await call(sim, '/finance/accounting/unpostedinvoices?pageSize=1000')).body as Invoice[];
      const [a, b] = all;
      const byIds = await call(
        sim,
        `/finance/accounting/unpostedinvoices?conditions=${encodeURIComponent(`id in (${a.id}, ${b.id})`)}`,
      );
      expect((byIds.body as Invoice[]).map((invoice) => invoice.id)).toEqual([a.id, b.id]);

      const condition = encodeURIComponent(`company/id = ${a.company.id}`);
      const byCompany = (await call(sim, `/finance/accounting/unpostedinvoices?pageSize=1000&conditions=${condition}`))
        .body as Invoice[];
      expect(byCompany.length).toBeGreaterThan(0);
      expect(byCompany.every((invoice) => invoice.company.id === a.company.id)).toBe(true);
      const count = await call(sim, `/finance/accounting/unpostedinvoices/count?conditions=${condition}`);
      expect(count.body).toEqual({ count: byCompany.length });

      const bad = await call(sim, `/finance/accounting/unpostedinvoices?conditions=${encodeURIComponent('id = = 3')}`);
      expect(bad.status).toBe(400);
    });

    it('serves single records, and 404 for unknown ones', async () => {
      const [first] = (await call(sim, '/finance/accounting/unpostedinvoices')).body as Invoice[];
      expect((await call(sim, `/finance/accounting/unpostedinvoices/${first.id}`)).body).toMatchObject({
        id: first.id,
      });
      expect((await call(sim, '/finance/accounting/unpostedinvoices/999999')).status).toBe(404);
      const companies = (await call(sim, '/company/companies?pageSize=100')).body as Array<{
        id: number;
        name: string;
      }>;
      expect(companies.length).toBeGreaterThanOrEqual(10);
      expect(companies.map((company) => company.name)).toContain(QBO_VENDOR_COLLISION_CUSTOMER);
      expect((await call(sim, '/company/companies/count')).body).toEqual({ count: companies.length });
      expect((await call(sim, `/company/companies/${companies[0].id}`)).body).toMatchObject(companies[0]);
    });
  });

  describe('GL export and accounting batches', () => {
    async function invoices(): Promise<Invoice[]> {
      return (await call(sim, '/finance/accounting/unpostedinvoices?pageSize=1000')).body as Invoice[];
    }

    it('exports the included invoices with customers, detail lines and tax levels', async () => {
      const all = await invoices();
      const creditMemo = all.find((invoice) => invoice.invoiceType === 'CreditMemo') as Invoice;
      const taxable = (await call(sim, '/finance/accounting/unpostedinvoices?conditions=invoiceTaxableFlag%3DTrue'))
        .body as Invoice[];
      const ids = [creditMemo.id, taxable[0].id];
      const { status, body } = await call(sim, '/finance/accounting/export', {
        method: 'POST',
        body: { batchIdentifier: 'preview', exportInvoicesFlag: true, includedInvoiceIds: ids },
      });
      expect(status).toBe(200);
      const glExport = body as Export;
      expect(glExport.transactions.map((transaction) => transaction.id).sort()).toEqual([...ids].sort());
      expect(glExport.customers.map((customer) => customer.company.id).sort()).toEqual(
        [creditMemo.company.id, taxable[0].company.id].sort(),
      );

      const memo = glExport.transactions.find((transaction) => transaction.id === creditMemo.id)!;
      expect(memo.documentType).toBe('CM');
      expect(memo.total).toBeLessThan(0);
      expect(memo.detail.every((line) => line.total < 0)).toBe(true);

      const taxed = glExport.transactions.find((transaction) => transaction.id === taxable[0].id)!;
      expect(taxed.taxLevels.length).toBeGreaterThan(0);
      const levelTax = taxed.taxLevels.reduce((sum, level) => sum + Math.round(level.taxAmount * 100), 0);
      expect(levelTax).toBe(Math.round(taxed.salesTax * 100));
      const lineTotal = taxed.detail.reduce((sum, line) => sum + Math.round(line.total * 100), 0);
      expect(lineTotal + levelTax).toBe(Math.round(taxed.total * 100));
      expect(taxed.detail.some((line) => line.taxableFlag)).toBe(true);

      // Exporting is a preview: nothing is posted.
      expect(await invoices()).toHaveLength(60);
    });

    it('honours thruDate and excludedInvoiceIds', async () => {
      const { body } = await call(sim, '/finance/accounting/export', {
        method: 'POST',
        body: { exportInvoicesFlag: true, thruDate: '2025-10-10T23:59:59Z', excludedInvoiceIds: [] },
      });
      const documents = (body as Export).transactions;
      expect(documents.length).toBeGreaterThan(0);
      expect(documents.length).toBeLessThan(60);
    });

    async function exported(ids: number[]): Promise<Export['transactions']> {
      const { body } = await call(sim, '/finance/accounting/export', {
        method: 'POST',
        body: { exportInvoicesFlag: true, includedInvoiceIds: ids },
      });
      return (body as Export).transactions;
    }
    const entriesOf = (transactions: Export['transactions']) =>
      transactions.flatMap((transaction) => transaction.glEntryIds.split(',').map(Number));

    it('creates a batch of GL entries (201 GLExport) that posts their invoices, and deleting it un-posts them', async () => {
      const [a, b] = await invoices();
      const transactions = await exported([a.id, b.id]);
      const created = await call(sim, '/finance/accounting/batches', {
        method: 'POST',
        body: { batchIdentifier: 'MOBIUS-1', exportInvoicesFlag: true, processedRecordIds: entriesOf(transactions) },
      });
      expect(created.status).toBe(201);
      expect((created.body as Export).transactions.map((transaction) => transaction.id)).toEqual([a.id, b.id]);

      const remaining = await invoices();
      expect(remaining).toHaveLength(58);
      expect(remaining.map((invoice) => invoice.id)).not.toContain(a.id);
      expect((await call(sim, `/finance/accounting/unpostedinvoices/${a.id}`)).status).toBe(404);

      const listed = (await call(sim, '/finance/accounting/batches?conditions=batchIdentifier%3D%22MOBIUS-1%22'))
        .body as Array<{ id: number; closedFlag: boolean }>;
      expect(listed).toEqual([expect.objectContaining({ batchIdentifier: 'MOBIUS-1', closedFlag: true })]);
      expect((await call(sim, `/finance/accounting/batches/${listed[0].id}`)).status).toBe(200);
      const entries = (await call(sim, `/finance/accounting/batches/${listed[0].id}/entries?pageSize=1000`))
        .body as Array<{ id: number; invoice: { id: number }; debit: number; credit: number }>;
      expect(entries.map((entry) => entry.id)).toEqual(entriesOf(transactions));
      expect(new Set(entries.map((entry) => entry.invoice.id))).toEqual(new Set([a.id, b.id]));
      const cents = (value: number) => Math.round(value * 100);
      expect(entries.reduce((sum, entry) => sum + cents(entry.debit) - cents(entry.credit), 0)).toBe(0);

      const again = await call(sim, '/finance/accounting/batches', {
        method: 'POST',
        body: { batchIdentifier: 'MOBIUS-2', processedRecordIds: entriesOf(transactions) },
      });
      expect(again.status).toBe(400);
      const duplicate = await call(sim, '/finance/accounting/batches', {
        method: 'POST',
        body: { batchIdentifier: 'mobius-1', processedRecordIds: entriesOf(await exported([remaining[0].id])) },
      });
      expect(duplicate.status).toBe(400);

      expect((await call(sim, `/finance/accounting/batches/${listed[0].id}`, { method: 'DELETE' })).status).toBe(204);
      expect(await invoices()).toHaveLength(60);
      expect((await call(sim, `/finance/accounting/batches/${listed[0].id}`)).status).toBe(404);
    });

    it('refuses invoice ids sent as processedRecordIds: some are no GL entries, others name another invoice', async () => {
      const all = await invoices();
      const [first, second] = all;
      const notEntries = await call(sim, '/finance/accounting/batches', {
        method: 'POST',
        body: { batchIdentifier: 'WRONG-1', processedRecordIds: [first.id, second.id] },
      });
      expect(notEntries.status).toBe(400);
      expect(notEntries.body).toEqual({
        code: 'InvalidObject',
        message: 'accountingBatch object is invalid',
        errors: [
          {
            code: 'InvalidField',
            message: `processedRecordIds ${first.id}, ${second.id} are not GL entries of unposted invoices.`,
            resource: 'accountingBatch',
            field: 'processedRecordIds',
          },
        ],
      });

      // The id spaces overlap: some invoice ids are GL entries of other invoices. Sent as "invoice ids", they would
      // mark those other invoices; the batch refuses them because they are only part of that invoice's entries.
      const allEntries = new Map(
        (await exported(all.map((invoice) => invoice.id))).flatMap((transaction) =>
          transaction.glEntryIds.split(',').map((id) => [Number(id), transaction] as const),
        ),
      );
      const collided = all.find(
        (invoice) => allEntries.has(invoice.id) && allEntries.get(invoice.id)!.id !== invoice.id,
      );
      expect(collided).toBeDefined();
      const owner = allEntries.get(collided!.id)!;
      const partial = await call(sim, '/finance/accounting/batches', {
        method: 'POST',
        body: { batchIdentifier: 'WRONG-2', processedRecordIds: [collided!.id] },
      });
      expect(partial.status).toBe(400);
      expect((partial.body as { errors: Array<{ message: string }> }).errors[0].message).toMatch(
        new RegExp(`^processedRecordIds hold only part of invoice ${owner.documentNumber} \\(id ${owner.id}\\)`),
      );
      expect(await invoices()).toHaveLength(60);
    });

    it("refuses a batch holding only part of an invoice's GL entries, and entries of posted invoices", async () => {
      const [a, b] = await invoices();
      const [transaction] = await exported([a.id]);
      const entries = transaction.glEntryIds.split(',').map(Number);
      const partial = await call(sim, '/finance/accounting/batches', {
        method: 'POST',
        body: { batchIdentifier: 'PART', processedRecordIds: entries.slice(1) },
      });
      expect(partial.status).toBe(400);
      expect(JSON.stringify(partial.body)).toContain(`GL entries ${entries[0]} are missing`);

      expect(
        (
          await call(sim, '/finance/accounting/batches', {
            method: 'POST',
            body: { batchIdentifier: 'A', processedRecordIds: entries },
          })
        ).status,
      ).toBe(201);
      const posted = await call(sim, '/finance/accounting/batches', {
        method: 'POST',
        body: { batchIdentifier: 'B', processedRecordIds: [...entries, ...entriesOf(await exported([b.id]))] },
      });
      expect(posted.status).toBe(400);
      expect(JSON.stringify(posted.body)).toContain(`processedRecordIds ${entries.join(', ')} are not GL entries`);
    });

    it('numbers GL entries apart from invoice and line ids: a receivable, one per line, one per taxed level', async () => {
      const all = await invoices();
      const transactions = await exported(all.map((invoice) => invoice.id));
      const taxed = transactions.find((transaction) => transaction.taxLevels.some((level) => level.taxAmount !== 0))!;
      expect(taxed.glEntryIds.split(',')).toHaveLength(1 + taxed.detail.length + 2);
      const entryIds = entriesOf(transactions);
      expect(new Set(entryIds).size).toBe(entryIds.length);
      const lineIds = new Set(transactions.flatMap((transaction) => transaction.detail.map((line) => line.id)));
      expect(entryIds.some((id) => lineIds.has(id))).toBe(false);
      expect(all.filter((invoice) => entryIds.includes(invoice.id)).length).toBeGreaterThan(10);
    });

    it('rejects a batch without processedRecordIds and a body that is not JSON', async () => {
      const missing = await call(sim, '/finance/accounting/batches', {
        method: 'POST',
        body: { batchIdentifier: 'X' },
      });
      expect(missing.status).toBe(400);
      expect(missing.body).toMatchObject({ code: 'InvalidObject' });
      const response = await fetch(`${sim.url}/v2025_1/apis/3.0/finance/accounting/batches`, {
        method: 'POST',
        headers: { Authorization: basic(DEMO_CREDENTIALS), clientId: CLIENT_ID, 'Content-Type': 'application/json' },
        body: '{not json',
      });
      expect(response.status).toBe(400);
    });
  });

  describe('query fields', () => {
    it.each([
      ['/finance/accounting/unpostedinvoices', 'unpostedInvoice'],
      ['/finance/accounting/unpostedinvoices/count', 'unpostedInvoice'],
      ['/company/companies', 'company'],
      ['/company/companies/count', 'company'],
      ['/finance/accounting/batches', 'accountingBatch'],
      ['/finance/accounting/batches/count', 'accountingBatch'],
    ])('%s answers 400 naming an unknown field in conditions', async (path, resource) => {
      const { status, body } = await call(sim, `${path}?conditions=${encodeURIComponent('foo = 1')}`);
      expect(status).toBe(400);
      expect(body).toEqual({
        code: 'InvalidObject',
        message: "Unknown field 'foo' in conditions.",
        errors: [
          { code: 'InvalidField', message: "Unknown field 'foo' in conditions.", resource, field: 'conditions' },
        ],
      });
    });

    it('checks every comparison, nested references included, and orderBy', async () => {
      const invoicesPath = '/finance/accounting/unpostedinvoices';
      const unknown = await call(sim, `${invoicesPath}?conditions=${encodeURIComponent('id > 1 and company/foo = 5')}`);
      expect((unknown.body as { message: string }).message).toBe("Unknown field 'company/foo' in conditions.");
      const order = await call(sim, `${invoicesPath}?orderBy=${encodeURIComponent('nope desc')}`);
      expect(order.status).toBe(400);
      expect(order.body).toMatchObject({ errors: [{ field: 'orderBy', resource: 'unpostedInvoice' }] });
      const known = await call(
        sim,
        `${invoicesPath}?conditions=${encodeURIComponent('Company/Name like "A*" and invoiceType != "CreditMemo"')}&orderBy=total%20desc`,
      );
      expect(known.status).toBe(200);
    });
  });

  describe('bodies ConnectWise cannot read (Newtonsoft)', () => {
    const raw = (path: string, text: string) =>
      fetch(`${sim.url}/v2025_1/apis/3.0${path}`, {
        method: 'POST',
        headers: { Authorization: basic(DEMO_CREDENTIALS), clientId: CLIENT_ID, 'Content-Type': 'application/json' },
        body: text,
      });

    it.each([
      [
        '/finance/accounting/export',
        '{"includedInvoiceIds":"abc"}',
        "Error converting value \"abc\" to type 'System.Collections.Generic.List`1[System.Int32]'. Path 'includedInvoiceIds', line 1, position 27.",
      ],
      [
        '/finance/accounting/batches',
        '{"batchIdentifier":"X","processedRecordIds":["x"]}',
        "Could not convert string to integer: x. Path 'processedRecordIds[0]', line 1, position 48.",
      ],
      [
        '/finance/accounting/batches',
        '{"batchIdentifier":"X","processedRecordIds":[{"id":4061}]}',
        "Unexpected character encountered while parsing value: {. Path 'processedRecordIds[0]', line 1, position 45.",
      ],
      [
        '/finance/accounting/export',
        '{"locationId":{"id":1}}',
        "Unexpected character encountered while parsing value: {. Path 'locationId', line 1, position 14.",
      ],
      [
        '/finance/accounting/export',
        '{"exportInvoicesFlag":"yes"}',
        "Could not convert string to boolean: yes. Path 'exportInvoicesFlag', line 1, position 27.",
      ],
      [
        '/finance/accounting/export',
        '{\n  "thruDate": "soon"\n}',
        "Could not convert string to DateTime: soon. Path 'thruDate', line 2, position 20.",
      ],
      [
        '/finance/accounting/batches',
        '{"processedRecordIds":[4061,1.5]}',
        "Input string '1.5' is not a valid integer. Path 'processedRecordIds[1]', line 1, position 31.",
      ],
      [
        '/finance/accounting/batches',
        '{"ProcessedRecordIDs":[null]}',
        "Error converting value {null} to type 'System.Int32'. Path 'ProcessedRecordIDs[0]', line 1, position 27.",
      ],
    ])("POST %s %s → 500 with Newtonsoft's message", async (path, text, message) => {
      const response = await raw(path, text);
      expect(response.status).toBe(500);
      expect(await response.json()).toEqual({ code: 'ConnectWiseApi', message });
      expect(await invoices()).toHaveLength(60);
    });

    it('reads what Newtonsoft reads: numeric strings, "true", unknown properties, null', async () => {
      const all = await invoices();
      const preview = await raw(
        '/finance/accounting/export',
        JSON.stringify({
          includedInvoiceIds: [String(all[0].id)],
          exportInvoicesFlag: 'true',
          somethingElse: { a: 1 },
          thruDate: null,
        }),
      );
      expect(preview.status).toBe(200);
      expect(((await preview.json()) as Export).transactions.map((transaction) => transaction.id)).toEqual([all[0].id]);
    });

    async function invoices(): Promise<Invoice[]> {
      return (await call(sim, '/finance/accounting/unpostedinvoices?pageSize=1000')).body as Invoice[];
    }
  });

  describe('faults', () => {
    it('throttles with 429, Retry-After and the ConnectWiseAPI body', async () => {
      sim.controls.setFaults({ throttleNext: 1, retryAfterSeconds: 7 });
      const throttled = await call(sim, '/system/info');
      expect(throttled.status).toBe(429);
      expect(throttled.headers.get('retry-after')).toBe('7');
      expect(throttled.body).toEqual({
        error: 'ConnectWiseAPI',
        message: 'Too many requests. Please try again in 7 seconds.',
      });
      expect((await call(sim, '/system/info')).status).toBe(200);
    });

    it('throttles a member over its requests per minute', async () => {
      sim.controls.setFaults({ requestsPerMinute: 3 });
      const statuses: number[] = [];
      for (let i = 0; i < 4; i += 1) statuses.push((await call(sim, '/system/info')).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      // Another member has its own window.
      expect((await call(sim, '/system/info', { credentials: DEMO_NO_FINANCE_CREDENTIALS })).status).toBe(200);
    });

    it('fails the next N API requests with 5xx', async () => {
      sim.controls.setFaults({ failNext5xx: 2, failStatus: 503 });
      expect((await call(sim, '/system/info')).status).toBe(503);
      expect((await call(sim, '/system/info')).status).toBe(503);
      expect((await call(sim, '/system/info')).status).toBe(200);
    });

    it("holds one member's requests until released, then answers with the state of that moment", async () => {
      sim.controls.hold({ publicKey: DEMO_CREDENTIALS.publicKey });
      const held = call(sim, '/system/info');
      await sim.controls.whenHeld(1);
      // Another member is not held.
      expect((await call(sim, '/system/info', { credentials: DEMO_NO_FINANCE_CREDENTIALS })).status).toBe(200);
      expect(sim.controls.held()).toBe(1);
      sim.controls.revokeKeys(DEMO_COMPANY.companyId, DEMO_CREDENTIALS.publicKey);
      sim.controls.release();
      expect((await held).status).toBe(401);
      expect(sim.controls.held()).toBe(0);
    });

    it('holds and releases over the control API too', async () => {
      const post = (path: string, body: unknown) =>
        fetch(`${sim.url}/__control${path}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
      expect((await post('/hold', { publicKey: 42 })).status).toBe(400);
      expect((await post('/hold', {})).status).toBe(200);
      const held = call(sim, '/system/info');
      await sim.controls.whenHeld(1);
      expect(await (await fetch(`${sim.url}/__control/held`)).json()).toEqual({ held: 1 });
      expect((await post('/release', {})).status).toBe(200);
      expect((await held).status).toBe(200);
    });

    it('answers slowly when told to', async () => {
      sim.controls.setFaults({ slowMs: 300 });
      const started = Date.now();
      expect((await call(sim, '/system/info')).status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    });

    it('is driven by the JSON control API too', async () => {
      const post = (path: string, body: unknown) =>
        fetch(`${sim.url}/__control${path}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
      const set = await post('/faults', { throttle: true, retryAfterSeconds: 2 });
      expect(await set.json()).toMatchObject({ throttle: true, retryAfterSeconds: 2 });
      expect((await call(sim, '/system/info')).status).toBe(429);
      expect((await post('/faults', { throttle: 'yes' })).status).toBe(400);
      expect((await post('/faults', { unknownSwitch: true })).status).toBe(400);
      expect((await post('/reset', {})).status).toBe(200);
      expect((await call(sim, '/system/info')).status).toBe(200);

      const state = (await (await fetch(`${sim.url}/__control/state`)).json()) as {
        tenants: Array<{ companyId: string; unpostedInvoices: number }>;
      };
      expect(state.tenants).toEqual([expect.objectContaining({ companyId: 'mobius_demo', unpostedInvoices: 60 })]);
      const log = (await (await fetch(`${sim.url}/__control/requests`)).json()) as Array<{
        path: string;
        member?: string;
      }>;
      expect(log.at(-1)).toMatchObject({ path: '/v2025_1/apis/3.0/system/info', member: 'MobiusAPI' });
      expect(JSON.stringify(log)).not.toContain(DEMO_CREDENTIALS.privateKey);
    });
  });
});
