import { invoiceTotals } from './connectwise.payloads';
import { ConnectWiseSimulatorState } from './connectwise.state';
import { createDemoTenant, createPrng, QBO_VENDOR_COLLISION_CUSTOMER } from './connectwise.seed';

describe('demo ConnectWise company seed', () => {
  const tenant = createDemoTenant();
  const state = new ConnectWiseSimulatorState(() => [createDemoTenant()]);
  const seeded = state.tenants[0];

  it('is deterministic for a seed and differs for another seed', () => {
    expect(createDemoTenant()).toEqual(tenant);
    expect(createDemoTenant({ seed: 7 }).invoices).not.toEqual(tenant.invoices);
    const a = createPrng(42);
    const b = createPrng(42);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });

  it('has at least 50 unposted invoices over at least 10 client companies', () => {
    expect(tenant.invoices.length).toBeGreaterThanOrEqual(50);
    expect(new Set(tenant.invoices.map((invoice) => invoice.companyId)).size).toBeGreaterThanOrEqual(10);
    expect(tenant.invoices.every((invoice) => invoice.postedBatchId === null)).toBe(true);
    expect(new Set(tenant.invoices.map((invoice) => invoice.invoiceNumber)).size).toBe(tenant.invoices.length);
  });

  it('mixes service (agreement, time) and product (hardware, licence) lines', () => {
    const lines = tenant.invoices.flatMap((invoice) => invoice.lines);
    expect(new Set(lines.map((line) => line.kind))).toEqual(new Set(['agreement', 'time', 'product']));
    expect(lines.filter((line) => line.kind === 'time').every((line) => line.timeEntryId !== undefined)).toBe(true);
    expect(lines.some((line) => line.item.salesCode === 'HW')).toBe(true);
    expect(lines.some((line) => line.item.salesCode === 'LIC')).toBe(true);
  });

  it('keeps every amount an exact integer of cents and totals consistent', () => {
    for (const invoice of seeded.invoices) {
      for (const line of invoice.lines) {
        expect(Number.isInteger(line.totalCents)).toBe(true);
        expect(line.totalCents).toBe(
          Math.sign(line.quantityQuarters) * Math.round((Math.abs(line.quantityQuarters) * line.unitPriceCents) / 4),
        );
      }
      const totals = invoiceTotals(seeded, invoice);
      expect(totals.totalCents).toBe(totals.subTotalCents + totals.salesTaxCents);
    }
  });

  it('has a taxable invoice with two tax levels', () => {
    const taxed = seeded.invoices
      .map((invoice) => invoiceTotals(seeded, invoice))
      .filter((totals) => totals.salesTaxCents !== 0);
    expect(taxed.length).toBeGreaterThan(0);
    expect(taxed[0].levels.map((level) => level.level)).toEqual([1, 3]);
  });

  it('has a credit memo with negative amounts', () => {
    const memo = tenant.invoices.find((invoice) => invoice.type === 'CreditMemo');
    expect(memo).toBeDefined();
    expect(memo!.lines.every((line) => line.totalCents < 0)).toBe(true);
  });

  it('has the customer whose name collides with a QBO vendor, and an apostrophe in a name', () => {
    const names = tenant.companies.map((company) => company.name);
    expect(names).toContain(QBO_VENDOR_COLLISION_CUSTOMER);
    expect(names.some((name) => name.includes("'"))).toBe(true);
    const dell = tenant.companies.find((company) => company.name === QBO_VENDOR_COLLISION_CUSTOMER)!;
    expect(tenant.invoices.some((invoice) => invoice.companyId === dell.id)).toBe(true);
  });

  it('uses only names QuickBooks Online accepts, so only the Dell Technologies collision fails an import', () => {
    for (const company of tenant.companies) expect(company.name).toMatch(/^[^:\t\n\r]{1,500}$/);
    for (const line of tenant.invoices.flatMap((invoice) => invoice.lines)) {
      expect(line.item.identifier).toMatch(/^[^:\t\n\r]{1,100}$/);
      expect(line.description.length).toBeLessThanOrEqual(4000);
    }
    for (const invoice of tenant.invoices) expect(invoice.invoiceNumber.length).toBeLessThanOrEqual(21);
  });

  it("numbers GL entries in their own id space, overlapping other invoices' ids but never the own", () => {
    const entries = tenant.invoices.flatMap((invoice) => invoice.glEntries.map((entry) => entry.id));
    expect(new Set(entries).size).toBe(entries.length);
    const invoiceIds = new Set(tenant.invoices.map((invoice) => invoice.id));
    expect(entries.filter((id) => invoiceIds.has(id)).length).toBeGreaterThanOrEqual(20);
    for (const invoice of seeded.invoices) {
      const ids = invoice.glEntries.map((entry) => entry.id);
      expect(ids).not.toContain(invoice.id);
      const taxedLevels = invoiceTotals(seeded, invoice).levels.filter((level) => level.taxCents !== 0).length;
      expect(invoice.glEntries).toHaveLength(1 + invoice.lines.length + taxedLevels);
    }
  });

  it('has one member with finance access and one without', () => {
    expect(tenant.members.map((member) => member.financeAccess).sort()).toEqual([false, true]);
  });
});
