import { useEffect, useState } from 'react';
import { Anchor, Breadcrumbs, Button, Card, Container, Group, Stack, Text, Title } from '@mantine/core';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import { toApiProblems } from '../app/errors';
import { ErrorState } from '../components/ErrorState';
import { IconRefresh } from '@tabler/icons-react';
import { PageHeader } from '../components/PageHeader';
import { PageLoader } from '../components/PageLoader';
import { formatDateTime } from '../features/configurations/formatDate';
import { RunProgress } from '../features/imports/components/RunProgress';
import { RunProgressCard } from '../features/imports/components/RunProgressCard';
import { RunResultsTable } from '../features/imports/components/RunResultsTable';
import {
  useImportRunDetail,
  useImportRunProgress,
  useRefreshAfterRun,
  useRetryFailedImport,
} from '../features/imports/hooks/useImports';
import { notifyRetryFailed, notifyRunFinished } from '../features/imports/notifications';
import {
  canRetry,
  exportSentence,
  importPath,
  isActive,
  runExplanation,
  runPath,
  startedBy,
  type ImportRun,
} from '../features/imports/runs';
import { useQuickBooksConfiguration } from '../features/quickbooks/hooks/useQuickBooks';

/** `/quickbooks/:id/import/runs/:runId`: one run, and what happened to each of its invoices. */
export function ImportRunPage() {
  const { id = '', runId = '' } = useParams();
  return <RunDetail key={runId} configurationId={id} runId={runId} />;
}

function RunDetail({ configurationId, runId }: { configurationId: string; runId: string }) {
  const detail = useImportRunDetail(runId);
  const { configuration } = useQuickBooksConfiguration(configurationId);
  const refreshAfterRun = useRefreshAfterRun();
  const { retry, retrying } = useRetryFailedImport();
  const navigate = useNavigate();
  const working = detail.run !== null && isActive(detail.run.status);
  // Once seen working, the run stays watched until it is seen finished (and the person told).
  const [watching, setWatching] = useState(false);
  useEffect(() => {
    if (working) setWatching(true);
  }, [working]);
  const progress = useImportRunProgress(watching ? runId : null, (run) => {
    notifyRunFinished(run);
    refreshAfterRun();
  });

  if (detail.loading) return <PageLoader label="Loading the import…" />;
  if (detail.error) {
    return (
      <ErrorState
        title="This import could not load"
        message={toApiProblems(detail.error)[0]?.message ?? ''}
        onRetry={detail.refetch}
      />
    );
  }
  if (!detail.run) {
    return (
      <ErrorState
        headingOrder={1}
        title="Import not found"
        message="This import does not exist in your account. The import history lists every run."
      />
    );
  }
  const run = detail.run;
  if (run.configurationId !== configurationId) return <Navigate to={runPath(run)} replace />;

  const retryFailed = async (target: ImportRun) => {
    try {
      const next = await retry(target.id);
      navigate(runPath(next));
    } catch (error) {
      notifyRetryFailed(error);
    }
  };
  const importName = configuration ? `Import into ${configuration.name}` : 'Import';

  return (
    <Container size="xl" px={0}>
      <Breadcrumbs mb="sm" aria-label="Breadcrumb">
        <Anchor component={Link} to={importPath(configurationId)} size="sm">
          {importName}
        </Anchor>
        <Text size="sm" c="dimmed">
          History
        </Text>
      </Breadcrumbs>
      <PageHeader
        title={`Import of ${formatDateTime(run.createdAt)}`}
        description={<RunOrigin run={run} />}
        actions={
          <Group gap="sm">
            {/* Most failures are fixed there (the hints say which mapping), before Retry failed. */}
            <Button
              component={Link}
              to={`/quickbooks/${encodeURIComponent(configurationId)}#mappings`}
              variant="default"
            >
              Mappings
            </Button>
            {canRetry(run) && (
              <Button
                color="red"
                variant="light"
                leftSection={<IconRefresh size={16} stroke={1.8} aria-hidden />}
                loading={retrying}
                onClick={() => void retryFailed(run)}
              >
                Retry failed ({run.failed})
              </Button>
            )}
          </Group>
        }
      />
      <Stack gap="lg">
        {working ? (
          <RunProgressCard run={progress.run ?? run} error={progress.error} withDetailsLink={false} />
        ) : (
          <RunSummary run={run} />
        )}
        <Card shadow="xs" component="section" aria-labelledby="results-heading">
          <Stack gap="md">
            <Title order={2} fz="lg" id="results-heading">
              Invoices
            </Title>
            <RunResultsTable key={run.status} results={run.results} working={working} />
          </Stack>
        </Card>
      </Stack>
    </Container>
  );
}

function RunOrigin({ run }: { run: ImportRun }) {
  return (
    <>
      Started by {startedBy(run)}
      {run.finishedAt && <>, finished {formatDateTime(run.finishedAt)}</>}.
      {run.retryOfRunId && (
        <>
          {' '}
          Retries the failed invoices of{' '}
          <Anchor component={Link} to={runPath({ configurationId: run.configurationId, id: run.retryOfRunId })} inherit>
            an earlier import
          </Anchor>
          .
        </>
      )}
    </>
  );
}

function RunSummary({ run }: { run: ImportRun }) {
  return (
    <Card shadow="xs" component="section" aria-labelledby="run-summary-heading">
      <Stack gap="md">
        <Title order={2} fz="lg" id="run-summary-heading">
          Result
        </Title>
        <RunProgress run={run} />
        {runExplanation(run) && <Text size="sm">{runExplanation(run)}</Text>}
        <Text size="sm" c={run.exportState === 'FAILED' ? 'red.8' : undefined}>
          <Text span fw={600} inherit c="dark.7">
            ConnectWise PSA:
          </Text>{' '}
          {exportSentence(run)}
        </Text>
      </Stack>
    </Card>
  );
}
