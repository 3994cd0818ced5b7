import { useEffect, useState } from 'react';
import { Alert, Anchor, Button, Card, Container, Skeleton, Stack, Tabs, Text } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { toApiProblems } from '../app/errors';
import { ErrorState } from '../components/ErrorState';
import { ConfigurationNotFound } from '../features/quickbooks/components/ConfigurationNotFound';
import { IconAlertCircle } from '@tabler/icons-react';
import { PageHeader } from '../components/PageHeader';
import { PageLoader } from '../components/PageLoader';
import { useConfigurationsOverview } from '../features/configurations/hooks/useConfigurationsOverview';
import { ImportProblemAlert } from '../features/imports/components/ImportProblemAlert';
import { RunHistoryTable } from '../features/imports/components/RunHistoryTable';
import { RunProgressCard } from '../features/imports/components/RunProgressCard';
import { UnpostedInvoicesSection } from '../features/imports/components/UnpostedInvoicesSection';
import {
  HISTORY_LIMITS,
  useImportRunProgress,
  useImportRuns,
  useRefreshAfterRun,
  useRetryFailedImport,
  useStartImport,
  useUnpostedInvoices,
} from '../features/imports/hooks/useImports';
import { notifyRetryFailed, notifyRunFinished } from '../features/imports/notifications';
import { formatCount } from '../features/imports/format';
import { fixFor, toImportProblem, type ImportProblem } from '../features/imports/problems';
import { importUnavailableReason } from '../features/imports/readiness';
import { isActive, type ImportRun } from '../features/imports/runs';
import { useQuickBooksConfiguration, type QuickBooksConfiguration } from '../features/quickbooks/hooks/useQuickBooks';

const RUN_IN_PROGRESS = 'An import into this company is running: wait for it to finish';

/** `/quickbooks/:id/import`: the unposted invoices of ConnectWise PSA, imported into one QuickBooks company. */
export function ImportPage() {
  const { id = '' } = useParams();
  // A fresh page per configuration: selection, filters and the watched run belong to the one they were made on.
  return <ImportForConfiguration key={id} id={id} />;
}

function ImportForConfiguration({ id }: { id: string }) {
  const { configuration, loading, error, refetch } = useQuickBooksConfiguration(id);
  const overview = useConfigurationsOverview();

  if (loading || overview.loading) return <PageLoader label="Loading…" />;
  if (error) {
    return (
      <ErrorState title="This page could not load" message={toApiProblems(error)[0]?.message ?? ''} onRetry={refetch} />
    );
  }
  if (!configuration) return <ConfigurationNotFound />;
  const reason = importUnavailableReason(
    overview.data?.connectWise ?? { state: 'NOT_CONNECTED' },
    configuration.connectionStatus,
  );

  return (
    <Container size="xl" px={0}>
      <PageHeader
        title={`Import into ${configuration.name}`}
        description={
          configuration.companyName
            ? `ConnectWise PSA unposted invoices into ${configuration.companyName}, each one once.`
            : 'ConnectWise PSA unposted invoices into QuickBooks Online, each one once.'
        }
        actions={
          <Button
            component={Link}
            to={`/quickbooks/${encodeURIComponent(configuration.id)}#mappings`}
            variant="default"
          >
            Mappings
          </Button>
        }
      />
      {reason ? (
        <NotReady configuration={configuration} reason={reason} />
      ) : (
        <ImportWorkspace configuration={configuration} />
      )}
    </Container>
  );
}

function NotReady({ configuration, reason }: { configuration: QuickBooksConfiguration; reason: string }) {
  const connectWiseFirst = reason.includes('ConnectWise');
  return (
    <Alert
      color="blue"
      variant="light"
      icon={<IconAlertCircle size={18} stroke={1.8} aria-hidden />}
      title="Importing is not available yet"
    >
      <Text size="sm" inherit>
        {reason}.{' '}
        <Anchor
          component={Link}
          to={connectWiseFirst ? '/connectwise' : `/quickbooks/${encodeURIComponent(configuration.id)}`}
          inherit
          fw={600}
        >
          {connectWiseFirst ? 'Set Up ConnectWise PSA' : `Open ${configuration.name}`}
        </Anchor>
      </Text>
    </Alert>
  );
}

function InvoicesSkeleton() {
  return (
    <Stack gap="sm" aria-busy="true" aria-label="Loading the unposted invoices" py="sm">
      <Text size="sm" c="dimmed">
        Reading the unposted invoices from ConnectWise PSA…
      </Text>
      <Skeleton height={36} width="60%" />
      {Array.from({ length: 8 }, (_, i) => (
        <Skeleton key={i} height={28} />
      ))}
    </Stack>
  );
}

function ImportWorkspace({ configuration }: { configuration: QuickBooksConfiguration }) {
  const configurationId = configuration.id;
  const companyName = configuration.companyName ?? configuration.name;
  const [historyLimit, setHistoryLimit] = useState<number>(HISTORY_LIMITS[0]);
  const invoices = useUnpostedInvoices(configurationId);
  const history = useImportRuns(configurationId, historyLimit);
  const { start, starting } = useStartImport();
  const { retry, retrying } = useRetryFailedImport();
  const refreshAfterRun = useRefreshAfterRun();
  const [watchedRunId, setWatchedRunId] = useState<string | null>(null);
  const [problem, setProblem] = useState<ImportProblem | null>(null);

  // Back on the page while a run works (started here, elsewhere, or by AutoSync): watch it again.
  const latest = history.runs?.[0];
  const latestActiveId = latest && isActive(latest.status) ? latest.id : null;
  useEffect(() => {
    if (latestActiveId) setWatchedRunId((current) => current ?? latestActiveId);
  }, [latestActiveId]);

  const progress = useImportRunProgress(watchedRunId, (run) => {
    notifyRunFinished(run);
    refreshAfterRun();
  });
  const working = progress.run ? isActive(progress.run.status) : watchedRunId !== null;
  const blockedReason = working || latestActiveId ? RUN_IN_PROGRESS : null;

  const startRun = async (invoiceIds: string[] | null): Promise<boolean> => {
    setProblem(null);
    try {
      const run = await start(configurationId, invoiceIds);
      setWatchedRunId(run.id);
      return true;
    } catch (error) {
      const refused = toImportProblem(error, configurationId);
      if (refused.activeRunId) setWatchedRunId(refused.activeRunId);
      setProblem(refused);
      return false;
    }
  };

  const retryFailed = async (run: ImportRun) => {
    try {
      const next = await retry(run.id);
      setProblem(null);
      setWatchedRunId(next.id);
    } catch (error) {
      notifyRetryFailed(error);
    }
  };

  const invoicesProblem = invoices.error ? toApiProblems(invoices.error)[0] : undefined;
  const invoicesFix = invoicesProblem ? fixFor(invoicesProblem, configurationId) : null;

  return (
    <Stack gap="lg">
      {problem && <ImportProblemAlert problem={problem} onClose={() => setProblem(null)} />}
      {watchedRunId && (
        <RunProgressCard
          run={progress.run}
          error={progress.error}
          onRetry={(run) => void retryFailed(run)}
          retrying={retrying}
          onDismiss={() => setWatchedRunId(null)}
        />
      )}
      <Card shadow="xs" padding={0}>
        <Tabs defaultValue="invoices" keepMounted={false}>
          <Tabs.List px="md" pt="xs">
            <Tabs.Tab value="invoices">
              Unposted invoices{invoices.invoices ? ` (${formatCount(invoices.invoices.length)})` : ''}
            </Tabs.Tab>
            <Tabs.Tab value="history">History</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="invoices" p="md">
            {invoices.loading && <InvoicesSkeleton />}
            {invoices.error && (
              <ErrorState
                title="The unposted invoices could not load"
                message={invoicesProblem?.message ?? ''}
                onRetry={invoices.refetch}
                action={
                  invoicesFix && (
                    <Button component={Link} to={invoicesFix.to} variant="light">
                      {invoicesFix.label}
                    </Button>
                  )
                }
              />
            )}
            {invoices.invoices && (
              <UnpostedInvoicesSection
                invoices={invoices.invoices}
                companyName={companyName}
                blockedReason={blockedReason}
                starting={starting}
                refreshing={invoices.refreshing}
                onImportSelected={(ids) => startRun(ids)}
                onImportAll={() => startRun(null)}
              />
            )}
          </Tabs.Panel>
          <Tabs.Panel value="history" p="md">
            <HistoryPanel
              runs={history.runs}
              loading={history.loading}
              error={history.error}
              onRetry={history.refetch}
              canShowMore={history.runs?.length === historyLimit && historyLimit < HISTORY_LIMITS[1]}
              onShowMore={() => setHistoryLimit(HISTORY_LIMITS[1])}
            />
          </Tabs.Panel>
        </Tabs>
      </Card>
    </Stack>
  );
}

interface HistoryPanelProps {
  runs: ImportRun[] | null;
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  canShowMore: boolean;
  onShowMore: () => void;
}

function HistoryPanel({ runs, loading, error, onRetry, canShowMore, onShowMore }: HistoryPanelProps) {
  if (loading) {
    return (
      <Stack gap="sm" aria-busy="true" aria-label="Loading the import history">
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} height={32} />
        ))}
      </Stack>
    );
  }
  if (error) {
    return (
      <ErrorState
        title="The import history could not load"
        message={toApiProblems(error)[0]?.message ?? ''}
        onRetry={onRetry}
      />
    );
  }
  if (!runs || runs.length === 0) {
    return (
      <Text c="dimmed" size="sm" py="md">
        No imports yet. Choose invoices on the Unposted invoices tab and click Import selected, or Import all.
      </Text>
    );
  }
  return (
    <Stack gap="sm">
      <RunHistoryTable runs={runs} />
      {canShowMore && (
        <Button variant="subtle" onClick={onShowMore} style={{ alignSelf: 'center' }}>
          Show older imports
        </Button>
      )}
    </Stack>
  );
}
