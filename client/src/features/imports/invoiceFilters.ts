import type { PsaInvoiceFieldsFragment } from '../../generated/graphql';

export type PsaInvoice = PsaInvoiceFieldsFragment;

export interface InvoiceFilters {
  /** Inclusive, YYYY-MM-DD. */
  from: string | null;
  to: string | null;
  companyId: string | null;
  notImported: boolean;
}

export const DEFAULT_FILTERS: InvoiceFilters = { from: null, to: null, companyId: null, notImported: true };

export function filterInvoices(invoices: readonly PsaInvoice[], filters: InvoiceFilters): PsaInvoice[] {
  const { from, to, companyId, notImported } = filters;
  return invoices.filter(
    (invoice) =>
      (!notImported || !invoice.imported) &&
      (companyId === null || invoice.companyId === companyId) &&
      (from === null || invoice.date >= from) &&
      (to === null || invoice.date <= to),
  );
}

/** The PSA companies of the invoices, by name, for the company filter. */
export function companiesOf(invoices: readonly PsaInvoice[]): { value: string; label: string }[] {
  const names = new Map<string, string>();
  for (const invoice of invoices) if (!names.has(invoice.companyId)) names.set(invoice.companyId, invoice.companyName);
  return [...names]
    .map(([value, label]) => ({ value, label }))
    .sort((a, b) => a.label.localeCompare(b.label) || a.value.localeCompare(b.value));
}

export function isCreditMemo(invoice: Pick<PsaInvoice, 'type'>): boolean {
  return invoice.type === 'CreditMemo';
}

const TYPE_LABELS: Record<string, string> = {
  Standard: 'Invoice',
  Agreement: 'Agreement',
  CreditMemo: 'Credit memo',
  DownPayment: 'Down payment',
  Miscellaneous: 'Miscellaneous',
  Progress: 'Progress',
};

export function typeLabel(type: string): string {
  return TYPE_LABELS[type] ?? type;
}
