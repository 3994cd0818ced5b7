import { useState } from 'react';
import { Box, Group, Pagination, Text } from '@mantine/core';
import { formatCount } from '../format';

/** One page of `items`; going back to page 1 whenever the list itself changes (e.g. new filters). */
export function usePage<T>(items: readonly T[], pageSize: number) {
  const [state, setState] = useState({ items, page: 1 });
  // A new list (filters changed) starts again from the first page.
  const page = state.items === items ? state.page : 1;
  const pages = Math.max(1, Math.ceil(items.length / pageSize));
  const current = Math.min(page, pages);
  const first = (current - 1) * pageSize;
  return {
    page: current,
    pages,
    rows: items.slice(first, first + pageSize),
    first: items.length === 0 ? 0 : first + 1,
    last: Math.min(first + pageSize, items.length),
    total: items.length,
    setPage: (next: number) => setState({ items, page: next }),
  };
}

const CONTROL_LABELS = {
  first: 'First page',
  previous: 'Previous page',
  next: 'Next page',
  last: 'Last page',
} as const;

/** Where a table is in its list: what usePage returns, less the rows. */
type PageState = Omit<ReturnType<typeof usePage>, 'rows'>;

interface TablePaginationProps {
  /** The name of the page buttons' navigation landmark. */
  label: string;
  /** What the rows are, plural: "invoices". */
  noun: string;
  page: PageState;
}

/** "Showing 51–100 of 2,143 invoices" and the page buttons. */
export function TablePagination({
  label,
  noun,
  page: { page, pages, first, last, total, setPage },
}: TablePaginationProps) {
  if (total === 0) return null;
  return (
    <Group justify="space-between" gap="sm" wrap="wrap">
      <Text size="sm" c="dimmed">
        Showing {formatCount(first)}–{formatCount(last)} of {formatCount(total)} {noun}
      </Text>
      {pages > 1 && (
        <Box component="nav" aria-label={label}>
          <Pagination
            value={page}
            total={pages}
            onChange={setPage}
            withEdges
            size="sm"
            getControlProps={(control) => ({ 'aria-label': CONTROL_LABELS[control] })}
            getItemProps={(item) => ({ 'aria-label': `Page ${item}` })}
          />
        </Box>
      )}
    </Group>
  );
}
