import { Group, Progress, SimpleGrid, Stack, Text } from '@mantine/core';
import { formatCount } from '../format';
import { isActive, type ImportRun } from '../runs';
import { RunStatusBadge } from './RunStatusBadge';

/** One counter: a term and its value in the run's description list. */
function Stat({ label, value, color }: { label: string; value: number | null; color?: string }) {
  return (
    <div>
      <Text component="dt" size="xs" c="dimmed" tt="uppercase" fw={600} style={{ letterSpacing: '0.04em' }}>
        {label}
      </Text>
      <Text component="dd" m={0} fw={700} fz="lg" c={color} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {value === null ? '–' : formatCount(value)}
      </Text>
    </div>
  );
}

/** Share of the bar, in whole percent, of `part` out of `total`. */
function percent(part: number, total: number): number {
  return total > 0 ? Math.min(100, Math.round((part * 100) / total)) : 0;
}

/** The bar (done / total, by outcome), the counters and the status of one run. */
export function RunProgress({ run }: { run: ImportRun }) {
  const working = isActive(run.status);
  const planned = run.total > 0;
  const text = planned
    ? `${formatCount(run.done)} of ${formatCount(run.total)} invoices`
    : run.status === 'QUEUED'
      ? 'Waiting to start'
      : working
        ? 'Listing the invoices to import'
        : 'No invoices';

  return (
    <Stack gap="sm">
      <Group justify="space-between" gap="sm">
        <Group gap="sm">
          <RunStatusBadge status={run.status} />
          <Text size="sm" fw={600}>
            {text}
          </Text>
        </Group>
        {planned && (
          <Text size="sm" c="dimmed">
            {percent(run.done, run.total)}%
          </Text>
        )}
      </Group>
      <Progress.Root
        size="lg"
        role="progressbar"
        aria-label="Import progress"
        aria-valuemin={0}
        aria-valuemax={planned ? run.total : 1}
        aria-valuenow={planned ? run.done : 0}
        aria-valuetext={text}
      >
        {planned ? (
          <>
            <Progress.Section value={percent(run.succeeded, run.total)} color="teal" withAria={false} />
            <Progress.Section value={percent(run.failed, run.total)} color="red" withAria={false} />
            <Progress.Section value={percent(run.skipped, run.total)} color="gray.5" withAria={false} />
          </>
        ) : (
          working && <Progress.Section value={100} color="blue.3" striped animated withAria={false} />
        )}
      </Progress.Root>
      <SimpleGrid component="dl" cols={{ base: 2, sm: 4 }} spacing="sm" m={0}>
        <Stat label="Imported" value={run.succeeded} color="teal.8" />
        <Stat label="Failed" value={run.failed} color={run.failed > 0 ? 'red.8' : undefined} />
        <Stat label="Already imported" value={run.skipped} />
        {/* Unknown until the run has listed its invoices. */}
        <Stat label="Remaining" value={planned || !working ? Math.max(0, run.total - run.done) : null} />
      </SimpleGrid>
    </Stack>
  );
}
