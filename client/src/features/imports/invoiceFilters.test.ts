import { psaInvoice } from '../../test/fixtures';
import { companiesOf, DEFAULT_FILTERS, filterInvoices, type PsaInvoice } from './invoiceFilters';

const invoices = [
  psaInvoice({ id: '1', date: '2025-09-30', companyId: 'c2', companyName: 'Foxhall Legal' }),
  psaInvoice({ id: '2', date: '2025-10-01' }),
  psaInvoice({ id: '3', date: '2025-10-31', imported: true }),
  psaInvoice({ id: '4', date: '2025-11-01', companyId: 'c3', companyName: 'Beacon Clinics' }),
] as PsaInvoice[];

const ids = (list: PsaInvoice[]) => list.map((invoice) => invoice.id);

describe('filterInvoices', () => {
  it('hides the imported ones by default', () => {
    expect(ids(filterInvoices(invoices, DEFAULT_FILTERS))).toEqual(['1', '2', '4']);
    expect(ids(filterInvoices(invoices, { ...DEFAULT_FILTERS, notImported: false }))).toEqual(['1', '2', '3', '4']);
  });

  it('keeps a date range, both ends included, and either end open', () => {
    const all = { ...DEFAULT_FILTERS, notImported: false };
    expect(ids(filterInvoices(invoices, { ...all, from: '2025-10-01', to: '2025-10-31' }))).toEqual(['2', '3']);
    expect(ids(filterInvoices(invoices, { ...all, from: '2025-10-31' }))).toEqual(['3', '4']);
    expect(ids(filterInvoices(invoices, { ...all, to: '2025-09-30' }))).toEqual(['1']);
  });

  it('keeps one company', () => {
    expect(ids(filterInvoices(invoices, { ...DEFAULT_FILTERS, companyId: 'c1' }))).toEqual(['2']);
  });
});

describe('companiesOf', () => {
  it('lists each company once, by name', () => {
    expect(companiesOf(invoices)).toEqual([
      { value: 'c1', label: 'Acme Dental Group' },
      { value: 'c3', label: 'Beacon Clinics' },
      { value: 'c2', label: 'Foxhall Legal' },
    ]);
  });
});
