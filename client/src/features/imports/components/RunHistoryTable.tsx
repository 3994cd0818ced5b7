import { Anchor, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { formatDateTime } from '../../configurations/formatDate';
import { formatCount } from '../format';
import { EXPORT_SHORT_LABELS, runExplanation, runPath, startedBy, type ImportRun } from '../runs';
import { RunStatusBadge } from './RunStatusBadge';

const NOWRAP = { whiteSpace: 'nowrap' } as const;

/** When (the link to the run), who or what started it, and the run it retries. */
function Started({ run, runs }: { run: ImportRun; runs: readonly ImportRun[] }) {
  const original = run.retryOfRunId ? runs.find((r) => r.id === run.retryOfRunId) : undefined;
  return (
    <Stack gap={2}>
      <Anchor component={Link} to={runPath(run)} fw={600} size="sm" style={NOWRAP}>
        {formatDateTime(run.createdAt)}
      </Anchor>
      <Text size="xs" c="dimmed">
        by {startedBy(run)}
      </Text>
      {run.retryOfRunId && (
        <Text size="xs" c="dimmed">
          Retry of{' '}
          <Anchor component={Link} to={runPath({ configurationId: run.configurationId, id: run.retryOfRunId })} inherit>
            {original ? `the import of ${formatDateTime(original.createdAt)}` : 'an earlier import'}
          </Anchor>
        </Text>
      )}
    </Stack>
  );
}

/** Runs newest first: when and by whom, status, counts, and the ConnectWise PSA export mark. */
export function RunHistoryTable({ runs }: { runs: readonly ImportRun[] }) {
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing="sm" aria-label="Import history">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Started</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th ta="right">Imported</Table.Th>
            <Table.Th ta="right">Failed</Table.Th>
            <Table.Th ta="right" style={NOWRAP}>
              Already imported
            </Table.Th>
            <Table.Th>ConnectWise PSA</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {runs.map((run) => {
            const explanation = runExplanation(run);
            return (
              <Table.Tr key={run.id}>
                <Table.Td>
                  <Started run={run} runs={runs} />
                </Table.Td>
                <Table.Td>
                  <Stack gap={4} align="flex-start">
                    <RunStatusBadge status={run.status} />
                    {explanation && (
                      <Text size="xs" c="dimmed" maw={260}>
                        {explanation}
                      </Text>
                    )}
                  </Stack>
                </Table.Td>
                <Table.Td ta="right">{formatCount(run.succeeded)}</Table.Td>
                <Table.Td ta="right" c={run.failed > 0 ? 'red.8' : undefined} fw={run.failed > 0 ? 700 : undefined}>
                  {formatCount(run.failed)}
                </Table.Td>
                <Table.Td ta="right">{formatCount(run.skipped)}</Table.Td>
                <Table.Td>
                  <Stack gap={0}>
                    <Text
                      size="sm"
                      c={run.exportState === 'FAILED' ? 'red.8' : run.exportState === 'DONE' ? 'teal.8' : 'dimmed'}
                      style={NOWRAP}
                    >
                      {EXPORT_SHORT_LABELS[run.exportState]}
                    </Text>
                    {run.exportState === 'FAILED' && run.exportMessage && (
                      <Text size="xs" c="dimmed" maw={280}>
                        {run.exportMessage}
                      </Text>
                    )}
                  </Stack>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
