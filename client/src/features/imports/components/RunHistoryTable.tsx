import { Anchor, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { formatDateTime } from '../../configurations/formatDate';
import { formatCount } from '../format';
import { EXPORT_LABELS, runPath, startedBy, type ImportRun } from '../runs';
import { RunStatusBadge } from './RunStatusBadge';

function Trigger({ run, runs }: { run: ImportRun; runs: readonly ImportRun[] }) {
  const original = run.retryOfRunId ? runs.find((r) => r.id === run.retryOfRunId) : undefined;
  return (
    <Stack gap={0}>
      <Text size="sm">{startedBy(run)}</Text>
      {run.retryOfRunId && (
        <Text size="xs" c="dimmed">
          Retry of{' '}
          {original ? (
            <Anchor component={Link} to={runPath(original)} inherit>
              the import of {formatDateTime(original.createdAt)}
            </Anchor>
          ) : (
            <Anchor
              component={Link}
              to={runPath({ configurationId: run.configurationId, id: run.retryOfRunId })}
              inherit
            >
              an earlier import
            </Anchor>
          )}
        </Text>
      )}
    </Stack>
  );
}

/** Runs newest first: when, status, counts, who or what started it, and the ConnectWise export mark. */
export function RunHistoryTable({ runs }: { runs: readonly ImportRun[] }) {
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table verticalSpacing="sm" aria-label="Import history">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Started</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th ta="right">Imported</Table.Th>
            <Table.Th ta="right">Failed</Table.Th>
            <Table.Th ta="right">Already imported</Table.Th>
            <Table.Th>Started by</Table.Th>
            <Table.Th>ConnectWise PSA</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {runs.map((run) => (
            <Table.Tr key={run.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Anchor component={Link} to={runPath(run)} fw={600} size="sm">
                  {formatDateTime(run.createdAt)}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Stack gap={4} align="flex-start">
                  <RunStatusBadge status={run.status} />
                  {run.message && (
                    <Text size="xs" c="dimmed" maw={320}>
                      {run.message}
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
                <Trigger run={run} runs={runs} />
              </Table.Td>
              <Table.Td>
                <Stack gap={0}>
                  <Text
                    size="sm"
                    c={run.exportState === 'FAILED' ? 'red.8' : run.exportState === 'DONE' ? 'teal.8' : 'dimmed'}
                  >
                    {EXPORT_LABELS[run.exportState]}
                  </Text>
                  {run.exportMessage && (
                    <Text size="xs" c="dimmed" maw={280}>
                      {run.exportMessage}
                    </Text>
                  )}
                </Stack>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
