import { Badge, Checkbox, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { formatDay, invoicesCount } from '../format';
import { isCreditMemo, typeLabel, type PsaInvoice } from '../invoiceFilters';
import { formatMoney } from '../money';
import { OpenInQuickBooks } from './OpenInQuickBooks';

export type SelectAllState = 'all' | 'some' | 'none';

interface InvoiceTableProps {
  /** The rows of the current page. */
  invoices: PsaInvoice[];
  selected: ReadonlySet<string>;
  onToggle: (invoice: PsaInvoice) => void;
  /** Over every filtered invoice, not only this page. */
  selectAll: SelectAllState;
  selectableCount: number;
  onToggleAll: () => void;
  /** No new selection while a run is working. */
  disabled?: boolean;
}

function TypeBadge({ type }: { type: string }) {
  const credit = isCreditMemo({ type });
  return (
    <Badge variant={credit ? 'filled' : 'light'} color={credit ? 'orange' : 'gray'} radius="sm" tt="none" fw={600}>
      {typeLabel(type)}
    </Badge>
  );
}

/**
 * The unposted invoices: number, whether it is already in QuickBooks, company, date, type and total. The state (and
 * its Open in QuickBooks link) comes right after the number, so on a phone it is in reach without scrolling the
 * table sideways; the rest of the row scrolls inside its frame.
 */
export function InvoiceTable({
  invoices,
  selected,
  onToggle,
  selectAll,
  selectableCount,
  onToggleAll,
  disabled = false,
}: InvoiceTableProps) {
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="xs" highlightOnHover stickyHeader aria-label="Unposted invoices">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={44}>
              <Checkbox
                aria-label={
                  selectAll === 'all'
                    ? 'Clear the selection'
                    : `Select all ${invoicesCount(selectableCount)} shown by the filters`
                }
                checked={selectAll === 'all'}
                indeterminate={selectAll === 'some'}
                disabled={disabled || selectableCount === 0}
                onChange={onToggleAll}
              />
            </Table.Th>
            <Table.Th>Number</Table.Th>
            <Table.Th>In QuickBooks</Table.Th>
            <Table.Th>Company</Table.Th>
            <Table.Th>Date</Table.Th>
            <Table.Th>Type</Table.Th>
            <Table.Th ta="right">Total</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {invoices.map((invoice) => {
            const isSelected = selected.has(invoice.id);
            const credit = isCreditMemo(invoice);
            return (
              <Table.Tr key={invoice.id} bg={isSelected ? 'var(--mantine-primary-color-light)' : undefined}>
                <Table.Td>
                  <Checkbox
                    aria-label={
                      invoice.imported
                        ? `${invoice.invoiceNumber} is already imported`
                        : `Select ${credit ? 'credit memo' : 'invoice'} ${invoice.invoiceNumber}`
                    }
                    checked={isSelected && !invoice.imported}
                    disabled={disabled || invoice.imported}
                    onChange={() => onToggle(invoice)}
                  />
                </Table.Td>
                <Table.Td fw={600} style={{ whiteSpace: 'nowrap' }}>
                  {invoice.invoiceNumber}
                </Table.Td>
                <Table.Td>
                  {invoice.imported ? (
                    <Stack gap={0}>
                      <Text size="sm" c="teal.8" fw={600}>
                        Imported
                      </Text>
                      {invoice.qboUrl && (
                        <OpenInQuickBooks href={invoice.qboUrl} documentNumber={invoice.invoiceNumber} />
                      )}
                    </Stack>
                  ) : (
                    <Text size="sm" c="dimmed">
                      Not yet
                      <VisuallyHidden> imported</VisuallyHidden>
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{invoice.companyName}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDay(invoice.date)}</Table.Td>
                <Table.Td>
                  <TypeBadge type={invoice.type} />
                </Table.Td>
                <Table.Td
                  ta="right"
                  c={credit ? 'orange.9' : undefined}
                  style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}
                >
                  {formatMoney(invoice.totalCents, invoice.currency)}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
