import type { ReactNode } from 'react';
import { Table, type StyleProp } from '@mantine/core';

export interface DetailRow {
  label: string;
  value: ReactNode;
}

interface DetailsTableProps {
  /** The table's accessible name. */
  label: string;
  rows: DetailRow[];
  /** The width of the label column. */
  labelWidth: StyleProp<number>;
}

/** A connection's facts as label–value rows, the labels in a column of their own. */
export function DetailsTable({ label, rows, labelWidth }: DetailsTableProps) {
  return (
    <Table variant="vertical" layout="fixed" withTableBorder={false} aria-label={label}>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr key={row.label}>
            <Table.Th w={labelWidth}>{row.label}</Table.Th>
            <Table.Td style={{ overflowWrap: 'anywhere' }}>{row.value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
