import { Alert, Anchor, Button, Card, CloseButton, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { toApiProblems } from '../../../app/errors';
import { invoicesCount } from '../format';
import { canRetry, isActive, runExplanation, runPath, type ImportRun } from '../runs';
import { RunProgress } from './RunProgress';

interface RunProgressCardProps {
  run: ImportRun | null;
  /** The last poll failed (the counters shown are the last known ones). */
  error?: unknown;
  onRetry?: (run: ImportRun) => void;
  retrying?: boolean;
  onDismiss?: () => void;
  /** Off on the run's own page. */
  withDetailsLink?: boolean;
}

function detailsLabel(run: ImportRun, working: boolean): string {
  if (working) return 'Follow each invoice';
  return run.failed > 0 ? `See why ${invoicesCount(run.failed)} failed` : 'See each invoice';
}

/** A watched run: its progress while it works, then its result with what can be done next. */
export function RunProgressCard({
  run,
  error,
  onRetry,
  retrying,
  onDismiss,
  withDetailsLink = true,
}: RunProgressCardProps) {
  const working = run ? isActive(run.status) : true;
  const retryable = run !== null && onRetry !== undefined && canRetry(run);

  return (
    <Card shadow="xs" component="section" aria-labelledby="run-progress-heading" aria-busy={working}>
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Title order={2} fz="lg" id="run-progress-heading">
            {working ? 'Import in progress' : 'Import finished'}
          </Title>
          {!working && onDismiss && <CloseButton aria-label="Dismiss the import result" onClick={onDismiss} />}
        </Group>
        {run ? (
          <RunProgress run={run} />
        ) : (
          <Text size="sm" c="dimmed">
            Loading the import’s progress…
          </Text>
        )}
        {error !== undefined && error !== null && (
          <Alert color="yellow" variant="light">
            {toApiProblems(error)[0]?.message} Mobius keeps asking.
          </Alert>
        )}
        {run && runExplanation(run) && <Text size="sm">{runExplanation(run)}</Text>}
        {working && (
          <Text size="sm" c="dimmed">
            You can leave this page: the import goes on, and its progress is here when you come back.
          </Text>
        )}
        {run && (withDetailsLink || retryable) && (
          <Group gap="md">
            {withDetailsLink && (
              <Anchor component={Link} to={runPath(run)} size="sm" fw={600}>
                {detailsLabel(run, working)}
              </Anchor>
            )}
            {retryable && (
              <Button size="xs" variant="light" color="red" loading={retrying} onClick={() => onRetry(run)}>
                Retry failed ({run.failed})
              </Button>
            )}
          </Group>
        )}
      </Stack>
    </Card>
  );
}
