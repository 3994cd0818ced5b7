import { useMemo, useState } from 'react';
import type { PsaInvoice } from '../invoiceFilters';
import type { SelectAllState } from '../components/InvoiceTable';

/**
 * The chosen invoices among the filtered ones. What the filters hide is not imported (nor counted), so the
 * totals always describe what "Import selected" sends; widening the filters again brings the choice back.
 */
export function useInvoiceSelection(filtered: readonly PsaInvoice[]) {
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set());

  const selectable = useMemo(() => filtered.filter((invoice) => !invoice.imported), [filtered]);
  const selected = useMemo(() => selectable.filter((invoice) => chosen.has(invoice.id)), [selectable, chosen]);
  const selectAll: SelectAllState =
    selected.length === 0 ? 'none' : selected.length === selectable.length ? 'all' : 'some';

  const toggle = (invoice: PsaInvoice) =>
    setChosen((previous) => {
      const next = new Set(previous);
      if (next.has(invoice.id)) next.delete(invoice.id);
      else next.add(invoice.id);
      return next;
    });

  const toggleAll = () =>
    setChosen((previous) => {
      const next = new Set(previous);
      if (selectAll === 'all') for (const invoice of selectable) next.delete(invoice.id);
      else for (const invoice of selectable) next.add(invoice.id);
      return next;
    });

  return {
    chosen,
    selected,
    selectable,
    selectAll,
    toggle,
    toggleAll,
    clear: () => setChosen(new Set()),
  };
}
