import { benchCredentials, generateBenchTenant } from './connectwise.bench';
import { invoiceTotals } from './connectwise.payloads';
import { createDemoTenant, DEMO_COMPANY } from './connectwise.seed';
import { startConnectWiseSimulator } from './connectwise.simulator';

const CLIENT_ID = '00000000-0000-4000-8000-00000000c11e';

function basic(credentials: { companyId: string; publicKey: string; privateKey: string }): string {
  return `Basic ${Buffer.from(`${credentials.companyId}+${credentials.publicKey}:${credentials.privateKey}`).toString('base64')}`;
}

describe('generateBenchTenant', () => {
  const started = Date.now();
  const tenant = generateBenchTenant({ companyId: 'bench_msp', invoices: 2000, companies: 200, seed: 7 });
  const elapsed = Date.now() - started;

  it('is deterministic per seed and quick to build', () => {
    expect(generateBenchTenant({ companyId: 'bench_msp', invoices: 2000, companies: 200, seed: 7 })).toEqual(tenant);
    expect(generateBenchTenant({ companyId: 'bench_msp', invoices: 2000, seed: 8 }).invoices).not.toEqual(
      tenant.invoices,
    );
    expect(elapsed).toBeLessThan(1500);
  });

  it('has 2,000 unposted invoices over 200 client companies and about 40 catalog items', () => {
    expect(tenant.invoices).toHaveLength(2000);
    expect(tenant.companies).toHaveLength(200);
    expect(new Set(tenant.invoices.map((invoice) => invoice.companyId)).size).toBe(200);
    expect(new Set(tenant.invoices.map((invoice) => invoice.invoiceNumber)).size).toBe(2000);
    expect(new Set(tenant.invoices.map((invoice) => invoice.id)).size).toBe(2000);
    expect(new Set(tenant.companies.map((company) => company.identifier)).size).toBe(200);
    const items = new Set(tenant.invoices.flatMap((invoice) => invoice.lines.map((line) => line.item.identifier)));
    expect(items.size).toBeGreaterThanOrEqual(36);
    expect(items.size).toBeLessThanOrEqual(40);
    expect(tenant.invoices.every((invoice) => invoice.postedBatchId === null)).toBe(true);
  });

  it('mixes service and product lines, some taxable, and a few credit memos', () => {
    const lines = tenant.invoices.flatMap((invoice) => invoice.lines);
    expect(new Set(lines.map((line) => line.kind))).toEqual(new Set(['agreement', 'time', 'product']));
    const taxed = tenant.invoices.filter((invoice) => invoiceTotals(tenant, invoice).salesTaxCents !== 0);
    expect(taxed.length).toBeGreaterThan(100);
    expect(taxed.length).toBeLessThan(1500);
    expect(tenant.invoices.some((invoice) => invoice.type === 'CreditMemo')).toBe(true);
  });

  it('adds up: the sum of line totals is the invoice total less sales tax, in exact cents', () => {
    for (const invoice of tenant.invoices) {
      const totals = invoiceTotals(tenant, invoice);
      const lineCents = invoice.lines.reduce((sum, line) => sum + line.totalCents, 0);
      expect(Number.isInteger(lineCents)).toBe(true);
      expect(lineCents).toBe(totals.totalCents - totals.salesTaxCents);
      expect(totals.levels.reduce((sum, level) => sum + level.taxCents, 0)).toBe(totals.salesTaxCents);
    }
  });

  it("gives GL entries their own ids, some equal to other invoices' ids", () => {
    const entries = tenant.invoices.flatMap((invoice) => invoice.glEntries.map((entry) => entry.id));
    expect(new Set(entries).size).toBe(entries.length);
    const invoiceIds = new Set(tenant.invoices.map((invoice) => invoice.id));
    expect(entries.filter((id) => invoiceIds.has(id)).length).toBeGreaterThan(500);
    for (const invoice of tenant.invoices) {
      expect(invoice.glEntries.map((entry) => entry.id)).not.toContain(invoice.id);
      expect(invoice.glEntries.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('uses only names QuickBooks Online accepts (no colon, tab or new line; within its lengths)', () => {
    for (const company of tenant.companies) expect(company.name).toMatch(/^[^:\t\n\r]{1,500}$/);
    for (const invoice of tenant.invoices) {
      for (const line of invoice.lines) expect(line.item.identifier).toMatch(/^[^:\t\n\r]{1,100}$/);
    }
  });

  it('refuses sizes it cannot build', () => {
    expect(() => generateBenchTenant({ companyId: 'x', invoices: 0 })).toThrow(RangeError);
    expect(() => generateBenchTenant({ companyId: 'x', invoices: 10, companies: 11 })).toThrow(RangeError);
    expect(() => generateBenchTenant({ companyId: 'bad id' })).toThrow(RangeError);
  });
});

describe('a simulator with a bench tenant beside the demo company', () => {
  it('serves 2,000 invoices to the bench keys while the demo company keeps its 60', async () => {
    const sim = await startConnectWiseSimulator({
      tenants: () => [createDemoTenant(), generateBenchTenant({ companyId: 'bench_msp', invoices: 2000 })],
    });
    try {
      const count = async (credentials: Parameters<typeof basic>[0]) => {
        const response = await fetch(`${sim.url}/v2025_1/apis/3.0/finance/accounting/unpostedinvoices/count`, {
          headers: { Authorization: basic(credentials), clientId: CLIENT_ID },
        });
        return ((await response.json()) as { count: number }).count;
      };
      expect(await count(benchCredentials('bench_msp'))).toBe(2000);
      expect(
        await count({
          companyId: DEMO_COMPANY.companyId,
          publicKey: 'DemoPublicKey01',
          privateKey: 'DemoPrivateKey-0123456789',
        }),
      ).toBe(60);
      const started = Date.now();
      const page = await fetch(`${sim.url}/v2025_1/apis/3.0/finance/accounting/unpostedinvoices?pageSize=1000&page=2`, {
        headers: { Authorization: basic(benchCredentials('bench_msp')), clientId: CLIENT_ID },
      });
      expect(((await page.json()) as unknown[]).length).toBe(1000);
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      await sim.close();
    }
  });

  it('adds a bench tenant over the control API that survives a reset', async () => {
    const sim = await startConnectWiseSimulator();
    try {
      const post = (path: string, body: unknown) =>
        fetch(`${sim.url}/__control${path}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
      const added = await post('/tenants', { companyId: 'bench_small', invoices: 120, companies: 12, seed: 3 });
      expect(await added.json()).toEqual({ companyId: 'bench_small', unpostedInvoices: 120 });
      expect((await post('/tenants', { companyId: 'bench_small', invoices: -1 })).status).toBe(400);
      expect((await post('/reset', {})).status).toBe(200);
      const state = (await (await fetch(`${sim.url}/__control/state`)).json()) as {
        tenants: Array<{ companyId: string; unpostedInvoices: number }>;
      };
      expect(state.tenants.map((tenant) => [tenant.companyId, tenant.unpostedInvoices])).toEqual([
        ['mobius_demo', 60],
        ['bench_small', 120],
      ]);
    } finally {
      await sim.close();
    }
  });
});
