import { useEffect, useMemo, useRef, useState } from 'react';
import type { ApolloCache } from '@apollo/client';
import { useApolloClient, useMutation, useQuery } from '@apollo/client/react';
import {
  ImportMappingsDocument,
  ImportRunDetailDocument,
  ImportRunProgressDocument,
  ImportRunsDocument,
  ImportSummariesDocument,
  RetryFailedImportDocument,
  SaveImportSettingsDocument,
  StartImportDocument,
  UnpostedInvoicesDocument,
  type ImportResultFieldsFragment,
  type ImportSettingsFieldsFragment,
  type ImportSettingsInput,
  type ImportSummariesQuery,
} from '../../../generated/graphql';
import { isActive, type ImportRun } from '../runs';
import { queryState } from '../../../app/queryState';

export type ImportResult = ImportResultFieldsFragment;
export type ImportSettings = ImportSettingsFieldsFragment;
export type ImportSummary = ImportSummariesQuery['importSummaries'][number];

/** How often a queued or running run is asked for its progress. */
export const POLL_INTERVAL_MS = 1000;
/** A run's per-invoice results are heavier: they are refreshed less often while it works. */
export const RESULTS_POLL_INTERVAL_MS = 3000;
/** The history shows this many runs, and up to the API's maximum on request. */
export const HISTORY_LIMITS = [20, 100] as const;

/** Every unposted PSA invoice (can be thousands): shown from the cache at once, refreshed from the server. */
export function useUnpostedInvoices(configurationId: string, { skip = false } = {}) {
  const { data, loading, error, refetch } = useQuery(UnpostedInvoicesDocument, {
    variables: { configurationId },
    fetchPolicy: 'cache-and-network',
    skip,
  });
  return {
    invoices: data?.unpostedInvoices ?? null,
    refreshing: loading && Boolean(data),
    ...queryState({ data, loading, error, refetch }),
  };
}

/** The configuration's runs, newest first; always asked again on a visit, so a run started elsewhere shows. */
export function useImportRuns(configurationId: string, limit: number = HISTORY_LIMITS[0], { skip = false } = {}) {
  const { data, loading, error, refetch } = useQuery(ImportRunsDocument, {
    variables: { configurationId, limit },
    fetchPolicy: 'cache-and-network',
    skip,
  });
  return {
    runs: data?.importRuns ?? null,
    ...queryState({ data, loading, error, refetch }),
  };
}

/**
 * Polls one run (watched because it is queued or running) about once a second, and stops once it has
 * finished. `onFinish` is called once per run, when it is first seen finished (even on the first answer:
 * a small run can be done before the first poll).
 */
export function useImportRunProgress(runId: string | null, onFinish?: (run: ImportRun) => void) {
  const [finished, setFinished] = useState<string | null>(null);
  const { data, previousData, error, refetch } = useQuery(ImportRunProgressDocument, {
    variables: { id: runId ?? '' },
    fetchPolicy: 'network-only',
    pollInterval: runId === null || finished === runId ? 0 : POLL_INTERVAL_MS,
    skip: runId === null,
  });
  // A failed poll keeps the last known counters on screen; polling goes on.
  const last = data?.importRun ?? previousData?.importRun ?? null;
  const run = runId !== null && last?.id === runId ? last : null;
  const status = run?.status ?? null;
  const missing = runId !== null && data !== undefined && data.importRun === null;
  useEffect(() => {
    if (missing) setFinished(runId);
  }, [missing, runId]);

  const reported = useRef<string | null>(null);
  const onFinishRef = useRef(onFinish);
  useEffect(() => {
    onFinishRef.current = onFinish;
  });
  useEffect(() => {
    if (!run || status === null) return;
    const working = isActive(status);
    setFinished(working ? null : run.id);
    if (!working && reported.current !== run.id) {
      reported.current = run.id;
      onFinishRef.current?.(run);
    }
    // Only a change of run or status matters here; counters change every second.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [run?.id, status]);

  return {
    run,
    /** The run does not exist (any more) or belongs to another account. */
    missing,
    error: error ?? null,
    refetch: () => void refetch().catch(() => undefined),
  };
}

/** A run with its per-invoice results; refreshed every few seconds while it works. */
export function useImportRunDetail(runId: string) {
  const [working, setWorking] = useState(false);
  const { data, previousData, loading, error, refetch } = useQuery(ImportRunDetailDocument, {
    variables: { id: runId },
    fetchPolicy: 'cache-and-network',
    pollInterval: working ? RESULTS_POLL_INTERVAL_MS : 0,
  });
  const run = data?.importRun ?? previousData?.importRun ?? null;
  const status = run?.status ?? null;
  useEffect(() => setWorking(status !== null && isActive(status)), [status]);
  return {
    run,
    missing: data !== undefined && data.importRun === null,
    ...queryState({ data, loading, error, refetch }),
  };
}

/** Asks again for everything a finished run changes: the invoices, the history, the dashboard counts. */
export function useRefreshAfterRun() {
  const client = useApolloClient();
  return () =>
    void client
      .refetchQueries({
        include: [UnpostedInvoicesDocument, ImportRunsDocument, ImportSummariesDocument, ImportRunDetailDocument],
      })
      .catch(() => undefined);
}

/** A new run joins the top of the cached histories of its configuration at once. */
function prependRun(cache: ApolloCache, run: ImportRun) {
  for (const limit of HISTORY_LIMITS) {
    cache.updateQuery(
      { query: ImportRunsDocument, variables: { configurationId: run.configurationId, limit } },
      (existing) =>
        existing
          ? { importRuns: [run, ...existing.importRuns.filter((r) => r.id !== run.id)].slice(0, limit) }
          : existing,
    );
  }
}

/** Starts a run of these invoices, or of every unposted one (`null`); rejects with the API's error. */
export function useStartImport() {
  const [mutate, { loading }] = useMutation(StartImportDocument, {
    update(cache, { data }) {
      if (data) prependRun(cache, data.startImport);
    },
  });
  const start = async (configurationId: string, invoiceIds: string[] | null): Promise<ImportRun> => {
    const { data } = await mutate({ variables: { configurationId, invoiceIds } });
    if (!data) throw new Error('The import did not start.');
    return data.startImport;
  };
  return { start, starting: loading };
}

/** "Retry failed": resolves with the new run of the failed invoices. */
export function useRetryFailedImport() {
  const [mutate, { loading }] = useMutation(RetryFailedImportDocument, {
    update(cache, { data }) {
      if (data) prependRun(cache, data.retryFailedImport);
    },
  });
  const retry = async (runId: string): Promise<ImportRun> => {
    const { data } = await mutate({ variables: { runId } });
    if (!data) throw new Error('The retry did not start.');
    return data.retryFailedImport;
  };
  return { retry, retrying: loading };
}

/** Per configuration: the last run and how many invoices wait (counting them asks ConnectWise PSA). */
export function useImportSummaries({ skip = false } = {}) {
  const { data, loading, error, refetch } = useQuery(ImportSummariesDocument, {
    fetchPolicy: 'cache-and-network',
    skip,
  });
  const summaries = useMemo(
    () => new Map((data?.importSummaries ?? []).map((summary) => [summary.configurationId, summary])),
    [data],
  );
  return {
    summaries: data ? summaries : null,
    ...queryState({ data, loading, error, refetch }),
  };
}

/** The saved mappings and what the QuickBooks company offers (read live: it can fail when Intuit is down). */
export function useImportMappings(configurationId: string) {
  const { data, loading, error, refetch } = useQuery(ImportMappingsDocument, { variables: { configurationId } });
  return {
    settings: data?.importSettings ?? null,
    options: data?.importMappingOptions ?? null,
    ...queryState({ data, loading, error, refetch }),
  };
}

/** Saves the mappings and AutoSync; rejects with the API's error (its `extensions.field` names the field). */
export function useSaveImportSettings() {
  const [mutate] = useMutation(SaveImportSettingsDocument);
  const save = async (input: ImportSettingsInput): Promise<ImportSettings> => {
    const { data } = await mutate({ variables: { input } });
    if (!data) throw new Error('The mappings were not saved.');
    return data.saveImportSettings;
  };
  return { save };
}
