import { Group, Select, Switch } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
// The date picker's styles travel with the only page that uses it, not in the first load (docs/performance.md).
import '@mantine/dates/styles.css';
import dayjs from 'dayjs';
import type { InvoiceFilters } from '../invoiceFilters';

interface InvoiceFiltersBarProps {
  filters: InvoiceFilters;
  companies: { value: string; label: string }[];
  /** The calendar opens on this month (the newest invoice's), not today's. */
  calendarMonth?: string;
  onChange: (filters: InvoiceFilters) => void;
}

const DAY = 'YYYY-MM-DD';

function presets() {
  const today = dayjs();
  const lastMonth = today.subtract(1, 'month');
  return [
    { label: 'This month', value: [today.startOf('month').format(DAY), today.endOf('month').format(DAY)] },
    { label: 'Last month', value: [lastMonth.startOf('month').format(DAY), lastMonth.endOf('month').format(DAY)] },
    { label: 'Last 30 days', value: [today.subtract(29, 'day').format(DAY), today.format(DAY)] },
    { label: 'This year', value: [today.startOf('year').format(DAY), today.endOf('year').format(DAY)] },
  ] satisfies { label: string; value: [string, string] }[];
}

/** Date range, company and "Not yet imported": they narrow the list and what "select all" selects. */
export function InvoiceFiltersBar({ filters, companies, calendarMonth, onChange }: InvoiceFiltersBarProps) {
  return (
    <Group align="flex-end" gap="md" wrap="wrap">
      <DatePickerInput
        type="range"
        label="Invoice date"
        placeholder="Any date"
        clearable
        allowSingleDateInRange
        valueFormat="MMM D, YYYY"
        presets={presets()}
        defaultDate={calendarMonth}
        value={[filters.from, filters.to]}
        onChange={([from, to]) => onChange({ ...filters, from, to })}
        clearButtonProps={{ 'aria-label': 'Clear the date range' }}
        miw={260}
        size="sm"
      />
      <Select
        label="Company"
        placeholder="All companies"
        data={companies}
        value={filters.companyId}
        onChange={(companyId) => onChange({ ...filters, companyId })}
        searchable
        clearable
        // Mantine hides this button from the keyboard and screen readers; the person needs it to see every company again.
        clearButtonProps={{ 'aria-label': 'Clear the company', 'aria-hidden': false, tabIndex: 0 }}
        nothingFoundMessage="No company of that name"
        limit={200}
        miw={260}
        size="sm"
      />
      <Switch
        label="Not yet imported"
        checked={filters.notImported}
        onChange={(event) => onChange({ ...filters, notImported: event.currentTarget.checked })}
        mb={8}
      />
    </Group>
  );
}
