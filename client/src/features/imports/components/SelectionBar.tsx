import { Button, Group, Text } from '@mantine/core';
import { DisabledButton } from '../../../components/DisabledButton';
import { IconArrowBarToDown } from '@tabler/icons-react';
import { formatCount, invoicesCount } from '../format';
import type { PsaInvoice } from '../invoiceFilters';
import { formatTotal } from '../money';

interface SelectionBarProps {
  selected: PsaInvoice[];
  /** Unposted invoices not in QuickBooks yet: what Import all imports. */
  importableCount: number;
  /** Why nothing can start now (a run is working), or null. */
  blockedReason: string | null;
  starting: boolean;
  onImportSelected: () => void;
  onImportAll: () => void;
}

/** The selection's count and sum, and the two ways to start a run. */
export function SelectionBar({
  selected,
  importableCount,
  blockedReason,
  starting,
  onImportSelected,
  onImportAll,
}: SelectionBarProps) {
  const count = selected.length;
  return (
    <Group justify="space-between" gap="sm" wrap="wrap">
      <Text size="sm" role="status" aria-live="polite" aria-label="Selection">
        {count === 0 ? (
          'No invoices selected'
        ) : (
          <>
            <Text span fw={700} inherit>
              {formatCount(count)} selected
            </Text>{' '}
            · total{' '}
            <Text span fw={700} inherit style={{ fontVariantNumeric: 'tabular-nums' }}>
              {formatTotal(selected)}
            </Text>
          </>
        )}
      </Text>
      <Group gap="sm">
        {blockedReason || count === 0 ? (
          <DisabledButton
            reason={blockedReason ?? 'Select the invoices to import first'}
            leftSection={<IconArrowBarToDown size={18} stroke={1.8} aria-hidden />}
          >
            Import selected
          </DisabledButton>
        ) : (
          <Button
            leftSection={<IconArrowBarToDown size={18} stroke={1.8} aria-hidden />}
            onClick={onImportSelected}
            loading={starting}
          >
            Import selected ({formatCount(count)})
          </Button>
        )}
        {blockedReason || importableCount === 0 ? (
          <DisabledButton
            variant="default"
            reason={blockedReason ?? 'Every unposted invoice is already in QuickBooks Online'}
          >
            Import all
          </DisabledButton>
        ) : (
          <Button variant="default" onClick={onImportAll} disabled={starting}>
            Import all ({invoicesCount(importableCount)})
          </Button>
        )}
      </Group>
    </Group>
  );
}
