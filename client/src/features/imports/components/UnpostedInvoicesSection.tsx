import { useMemo, useState } from 'react';
import { Button, EmptyState, Group, Loader, Stack, Text } from '@mantine/core';
import { ConfirmModal } from '../../../components/ConfirmModal';
import { IconCircleCheck, IconInfoCircle } from '@tabler/icons-react';
import { useInvoiceSelection } from '../hooks/useInvoiceSelection';
import { companiesOf, DEFAULT_FILTERS, filterInvoices, type InvoiceFilters, type PsaInvoice } from '../invoiceFilters';
import { formatTotal } from '../money';
import { formatCount, invoicesCount } from '../format';
import { InvoiceFiltersBar } from './InvoiceFiltersBar';
import { InvoiceTable } from './InvoiceTable';
import { SelectionBar } from './SelectionBar';
import { TablePagination, usePage } from './TablePagination';

export const PAGE_SIZE = 50;

interface UnpostedInvoicesSectionProps {
  invoices: PsaInvoice[];
  /** The QuickBooks company's name, for sentences. */
  companyName: string;
  /** Why no run can start now, or null. */
  blockedReason: string | null;
  starting: boolean;
  refreshing: boolean;
  /** Resolve true when the run started (the selection is then cleared). */
  onImportSelected: (invoiceIds: string[]) => Promise<boolean>;
  onImportAll: () => Promise<boolean>;
}

/** Filters, the paginated table with its checkboxes, the selection's totals and the import buttons. */
export function UnpostedInvoicesSection({
  invoices,
  companyName,
  blockedReason,
  starting,
  refreshing,
  onImportSelected,
  onImportAll,
}: UnpostedInvoicesSectionProps) {
  const [filters, setFilters] = useState<InvoiceFilters>(DEFAULT_FILTERS);
  const [confirmingAll, setConfirmingAll] = useState(false);
  const companies = useMemo(() => companiesOf(invoices), [invoices]);
  const filtered = useMemo(() => filterInvoices(invoices, filters), [invoices, filters]);
  const importable = useMemo(() => invoices.filter((invoice) => !invoice.imported), [invoices]);
  const selection = useInvoiceSelection(filtered);
  const page = usePage(filtered, PAGE_SIZE);

  if (invoices.length === 0) {
    return (
      <EmptyState variant="light" py="xl">
        <EmptyState.Indicator>
          <IconInfoCircle size={26} stroke={1.8} aria-hidden />
        </EmptyState.Indicator>
        <EmptyState.Title order={2}>ConnectWise PSA has no unposted invoices</EmptyState.Title>
        <EmptyState.Description>
          ConnectWise PSA has no unposted invoices right now. Invoices show up here once they are ready to be exported
          (Finance › Invoicing); invoices already exported there are not listed.
        </EmptyState.Description>
      </EmptyState>
    );
  }

  const skippedByAll = invoices.length - importable.length;
  const importSelected = async () => {
    if (await onImportSelected(selection.selected.map((invoice) => invoice.id))) selection.clear();
  };

  return (
    <Stack gap="md">
      <InvoiceFiltersBar
        filters={filters}
        companies={companies}
        calendarMonth={invoices[0]?.date}
        onChange={setFilters}
      />
      <SelectionBar
        selected={selection.selected}
        importableCount={importable.length}
        blockedReason={blockedReason}
        starting={starting}
        onImportSelected={() => void importSelected()}
        onImportAll={() => setConfirmingAll(true)}
      />
      {filtered.length === 0 ? (
        <EmptyState variant="light" py="lg">
          <EmptyState.Indicator>
            <IconCircleCheck size={26} stroke={1.8} aria-hidden />
          </EmptyState.Indicator>
          <EmptyState.Title order={3}>
            {importable.length === 0 && filters.notImported
              ? `Every unposted invoice is already in ${companyName}`
              : 'No invoices match these filters'}
          </EmptyState.Title>
          <EmptyState.Description>
            {formatCount(invoices.length)} unposted {invoices.length === 1 ? 'invoice is' : 'invoices are'} hidden by
            the filters.
          </EmptyState.Description>
          <EmptyState.Actions>
            <Button variant="default" onClick={() => setFilters({ ...DEFAULT_FILTERS, notImported: false })}>
              Show all unposted invoices
            </Button>
          </EmptyState.Actions>
        </EmptyState>
      ) : (
        <>
          <InvoiceTable
            invoices={page.rows}
            selected={selection.chosen}
            onToggle={selection.toggle}
            selectAll={selection.selectAll}
            selectableCount={selection.selectable.length}
            onToggleAll={selection.toggleAll}
            disabled={blockedReason !== null}
          />
          <Group justify="space-between" gap="sm">
            <TablePagination label="Invoice pages" noun="invoices" page={page} />
            {refreshing && (
              <Group gap={6}>
                <Loader size={14} />
                <Text size="xs" c="dimmed">
                  Refreshing from ConnectWise PSA…
                </Text>
              </Group>
            )}
          </Group>
        </>
      )}
      <ConfirmModal
        opened={confirmingAll}
        onClose={() => setConfirmingAll(false)}
        title={`Import all ${invoicesCount(importable.length)}?`}
        confirmLabel={`Import ${invoicesCount(importable.length)}`}
        color="mobius"
        onConfirm={async () => {
          if (await onImportAll()) selection.clear();
        }}
      >
        <Text size="sm" inherit>
          Mobius imports every unposted ConnectWise PSA invoice that is not in {companyName} yet:{' '}
          <strong>{invoicesCount(importable.length)}</strong>, {formatTotal(importable)} in all.
          {skippedByAll > 0 &&
            ` ${invoicesCount(skippedByAll)} already imported ${skippedByAll === 1 ? 'is' : 'are'} skipped.`}{' '}
          Invoices that become unposted before the run starts are included too.
        </Text>
      </ConfirmModal>
    </Stack>
  );
}
