import { useMemo, useState } from 'react';
import { Badge, SegmentedControl, Stack, Table, Text, useMatches } from '@mantine/core';
import { formatCount } from '../format';
import { isCreditMemo, typeLabel } from '../invoiceFilters';
import type { ImportResult } from '../hooks/useImports';
import { formatMoney } from '../money';
import { OpenInQuickBooks } from './OpenInQuickBooks';
import { TablePagination, usePage } from './TablePagination';

const PAGE_SIZE = 50;

type ResultFilter = 'ALL' | 'FAILED' | 'SUCCEEDED' | 'SKIPPED' | 'PENDING';

const RESULT_LABELS: Record<string, { label: string; color: string }> = {
  SUCCEEDED: { label: 'Imported', color: 'teal' },
  FAILED: { label: 'Failed', color: 'red' },
  SKIPPED: { label: 'Already imported', color: 'gray' },
  PENDING: { label: 'Waiting', color: 'blue' },
};

function ResultCell({ result }: { result: ImportResult }) {
  const label = RESULT_LABELS[result.status] ?? { label: result.status, color: 'gray' };
  return (
    <Stack gap={4} align="flex-start">
      <Badge color={label.color} variant="light" radius="sm" tt="none" fw={600}>
        {label.label}
      </Badge>
      {/* The badge says it failed; the message in plain text reads better than a block of red. */}
      {result.message && (
        <Text size="sm" c={result.status === 'FAILED' ? 'dark.7' : 'dimmed'}>
          {result.message}
        </Text>
      )}
      {result.hint && (
        <Text size="sm" c="dimmed">
          <Text span fw={600} inherit>
            What to do:
          </Text>{' '}
          {result.hint}
        </Text>
      )}
      {result.qboUrl && <OpenInQuickBooks href={result.qboUrl} documentNumber={result.invoiceNumber} />}
    </Stack>
  );
}

/** What happened to each invoice of a run, with QuickBooks' own message and what to do for failures. */
export function RunResultsTable({ results, working }: { results: readonly ImportResult[]; working: boolean }) {
  const counts = useMemo(() => {
    const byStatus: Record<string, number> = {};
    for (const result of results) byStatus[result.status] = (byStatus[result.status] ?? 0) + 1;
    return byStatus;
  }, [results]);
  const [filter, setFilter] = useState<ResultFilter>(() => ((counts.FAILED ?? 0) > 0 ? 'FAILED' : 'ALL'));
  const shown = useMemo(
    () => (filter === 'ALL' ? [...results] : results.filter((result) => result.status === filter)),
    [results, filter],
  );
  const page = usePage(shown, PAGE_SIZE);
  // Four choices do not fit side by side on a phone.
  const orientation = useMatches<'vertical' | 'horizontal'>({ base: 'vertical', xs: 'horizontal' });

  const options: { value: ResultFilter; label: string }[] = [
    { value: 'ALL', label: `All (${formatCount(results.length)})` },
    { value: 'FAILED', label: `Failed (${formatCount(counts.FAILED ?? 0)})` },
    { value: 'SUCCEEDED', label: `Imported (${formatCount(counts.SUCCEEDED ?? 0)})` },
    { value: 'SKIPPED', label: `Already imported (${formatCount(counts.SKIPPED ?? 0)})` },
  ];
  if ((counts.PENDING ?? 0) > 0)
    options.push({ value: 'PENDING', label: `Waiting (${formatCount(counts.PENDING ?? 0)})` });

  return (
    <Stack gap="md">
      <SegmentedControl
        aria-label="Show invoices"
        value={filter}
        onChange={(value) => setFilter(value)}
        data={options}
        orientation={orientation}
        style={{ alignSelf: 'flex-start' }}
      />
      {shown.length === 0 ? (
        <Text size="sm" c="dimmed" py="md">
          {results.length > 0
            ? 'No invoice of this run is in this group.'
            : working
              ? 'Listing the invoices of this import…'
              : 'This import had no invoices to import.'}
        </Text>
      ) : (
        <>
          <Table.ScrollContainer minWidth={760}>
            {/* Top-aligned: a failure's message and hint make its row tall. */}
            <Table verticalSpacing="sm" aria-label="Invoices of this import" styles={{ td: { verticalAlign: 'top' } }}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Number</Table.Th>
                  {/* Second, so on a phone the result and its links are in reach without scrolling sideways. */}
                  <Table.Th w="45%">Result</Table.Th>
                  <Table.Th miw={140}>Company</Table.Th>
                  <Table.Th>Type</Table.Th>
                  <Table.Th ta="right">Total</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {page.rows.map((result) => (
                  <Table.Tr key={result.psaInvoiceId}>
                    <Table.Td fw={600} style={{ whiteSpace: 'nowrap' }}>
                      {result.invoiceNumber}
                    </Table.Td>
                    <Table.Td>
                      <ResultCell result={result} />
                    </Table.Td>
                    <Table.Td>{result.companyName}</Table.Td>
                    <Table.Td>
                      <Text
                        size="sm"
                        c={isCreditMemo(result) ? 'orange.9' : undefined}
                        fw={isCreditMemo(result) ? 600 : undefined}
                      >
                        {typeLabel(result.type)}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
                      {formatMoney(result.totalCents, result.currency)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <TablePagination label="Result pages" noun="invoices" page={page} />
        </>
      )}
    </Stack>
  );
}
