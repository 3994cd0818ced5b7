import { invoiceTotals, type TenantData } from './connectwise.payloads';
import type { Json } from './connectwise.state';
import type { SimGlEntry, SimInvoice } from './connectwise.types';

/**
 * GL entries: ConnectWise's own RecID space, what `glEntryIds` lists and a batch's processedRecordIds take
 * (docs/vendors/connectwise-psa.md §7). Each invoice posts its receivable, one entry per line and one per tax level
 * with tax, so it always has at least two entries.
 */

const AR_ACCOUNT = '1200';
const SALES_TAX_ACCOUNT = '2200';

/**
 * Numbers every invoice's entries from `firstId` on, in invoice order. Callers start inside the invoice id range
 * (first invoice id + invoice count) so that some entry ids equal other invoices' ids: a client that sends invoice
 * ids as processedRecordIds then names entries of the wrong invoices, and the batch refuses it.
 */
export function assignGlEntries(tenant: TenantData, invoices: SimInvoice[], firstId: number): void {
  let next = firstId;
  for (const invoice of invoices) {
    const totals = invoiceTotals(tenant, invoice);
    const entries: SimGlEntry[] = [{ id: next++, kind: 'receivable' }];
    for (const line of invoice.lines) entries.push({ id: next++, kind: 'revenue', lineId: line.id });
    for (const level of totals.levels) {
      if (level.taxCents !== 0) entries.push({ id: next++, kind: 'tax', taxLevel: level.level });
    }
    invoice.glEntries = entries;
  }
}

/** BatchEntry (ConnectWise's OpenAPI model): one per GL entry a batch posted, debit and credit as ConnectWise books them. */
export function batchEntryPayloads(baseUrl: string, tenant: TenantData, invoices: SimInvoice[]): Json[] {
  return invoices.flatMap((invoice) => {
    const totals = invoiceTotals(tenant, invoice);
    const invoiceRef = {
      id: invoice.id,
      identifier: invoice.invoiceNumber,
      _info: { invoice_href: `${baseUrl}/finance/invoices/${invoice.id}` },
    };
    return invoice.glEntries.map((entry) => {
      const line = invoice.lines.find((candidate) => candidate.id === entry.lineId);
      const level = totals.levels.find((candidate) => candidate.level === entry.taxLevel);
      // Receivables are debits and income/tax credits; a credit memo's negative amounts swap the sides.
      const signed = entry.kind === 'receivable' ? totals.totalCents : -(line?.totalCents ?? level?.taxCents ?? 0);
      return {
        id: entry.id,
        accountType: entry.kind === 'receivable' ? 'AccountsReceivable' : entry.kind === 'tax' ? 'SalesTax' : 'Income',
        name: entry.kind === 'revenue' ? (line?.item.identifier ?? '') : invoice.invoiceNumber,
        accountNumber:
          entry.kind === 'receivable'
            ? AR_ACCOUNT
            : entry.kind === 'tax'
              ? SALES_TAX_ACCOUNT
              : (line?.item.accountNumber ?? ''),
        debit: signed > 0 ? signed / 100 : 0,
        credit: signed < 0 ? -signed / 100 : 0,
        invoice: invoiceRef,
        ...(line ? { item: { id: line.item.id, identifier: line.item.identifier } } : {}),
        _info: { lastUpdated: `${invoice.invoiceDate}T15:12:40Z` },
      };
    });
  });
}
