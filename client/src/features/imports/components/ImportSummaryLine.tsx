import { Anchor, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { formatDateTime } from '../../configurations/formatDate';
import { invoicesCount } from '../format';
import type { ImportSummary } from '../hooks/useImports';
import { countsSentence, isActive, runPath } from '../runs';
import { RunStatusBadge } from './RunStatusBadge';

function waitingSentence(summary: ImportSummary): string {
  if (summary.waiting === null) return summary.waitingMessage ?? 'Mobius could not count the invoices waiting.';
  if (summary.waiting === 0) return 'No unposted invoice is waiting: everything is in QuickBooks Online.';
  return `${invoicesCount(summary.waiting)} waiting to be imported.`;
}

/** One configuration's import state on the dashboard: invoices waiting, and the last run. */
export function ImportSummaryLine({ summary }: { summary: ImportSummary }) {
  const run = summary.lastRun;
  return (
    <Stack gap={4} mt={4}>
      <Text size="sm" fw={600} c={summary.waiting === null ? 'yellow.9' : 'dark.6'}>
        {waitingSentence(summary)}
      </Text>
      {run ? (
        <Group gap="xs" wrap="wrap">
          <Text size="sm" c="dimmed">
            Last import
          </Text>
          <RunStatusBadge status={run.status} />
          <Anchor component={Link} to={runPath(run)} size="sm">
            {formatDateTime(run.createdAt)}
          </Anchor>
          <Text size="sm" c="dimmed">
            {isActive(run.status) ? `${run.done} of ${run.total} done` : countsSentence(run)}
          </Text>
        </Group>
      ) : (
        <Text size="sm" c="dimmed">
          No imports yet.
        </Text>
      )}
    </Stack>
  );
}
