import type { MantineColor } from '@mantine/core';
import type { ImportExportState, ImportRunFieldsFragment, ImportStatus } from '../../generated/graphql';

export type ImportRun = ImportRunFieldsFragment;

/** Queued or running: the page polls it and no other run of the company can start. */
export function isActive(status: ImportStatus): boolean {
  return status === 'QUEUED' || status === 'RUNNING';
}

export const STATUS_LABELS: Record<ImportStatus, string> = {
  QUEUED: 'Queued',
  RUNNING: 'Importing',
  SUCCEEDED: 'Succeeded',
  PARTIAL: 'Some failed',
  FAILED: 'Failed',
};

export const STATUS_COLORS: Record<ImportStatus, MantineColor> = {
  QUEUED: 'gray',
  RUNNING: 'blue',
  SUCCEEDED: 'teal',
  PARTIAL: 'yellow',
  FAILED: 'red',
};

/** The flash message's title when a watched run finishes. */
export const FINISHED_TITLES: Record<ImportStatus, string> = {
  QUEUED: 'Import queued',
  RUNNING: 'Import running',
  SUCCEEDED: 'Import finished',
  PARTIAL: 'Import finished with failures',
  FAILED: 'Import failed',
};

/** Who or what started a run: "Started by …", "by …" (a retry is started by the person who clicked it). */
export function startedBy(run: Pick<ImportRun, 'trigger' | 'requestedBy'>): string {
  if (run.trigger === 'AUTOSYNC') return 'AutoSync';
  return run.requestedBy ?? 'a person';
}

export const EXPORT_LABELS: Record<ImportExportState, string> = {
  OFF: 'Not marked as exported (setting off)',
  PENDING: 'Marking as exported in ConnectWise PSA…',
  DONE: 'Marked as exported in ConnectWise PSA',
  FAILED: 'Not marked as exported in ConnectWise PSA',
  NOTHING: 'Nothing to mark as exported',
};

/** The same, short enough for a table column. */
export const EXPORT_SHORT_LABELS: Record<ImportExportState, string> = {
  OFF: 'Not marked (setting off)',
  PENDING: 'Marking…',
  DONE: 'Marked as exported',
  FAILED: 'Marking failed',
  NOTHING: 'Nothing to mark',
};

/** What the ConnectWise PSA side of a run came to, as one sentence (the server's own when it wrote one). */
export function exportSentence(run: Pick<ImportRun, 'exportState' | 'exportMessage'>): string {
  return run.exportMessage ?? `${EXPORT_LABELS[run.exportState]}.`;
}

/** "40 imported, 2 failed, 3 already imported". */
export function countsSentence(run: Pick<ImportRun, 'succeeded' | 'failed' | 'skipped'>): string {
  return `${run.succeeded} imported, ${run.failed} failed, ${run.skipped} already imported`;
}

/** The run's own message, else a sentence from its counters. */
export function resultSentence(run: ImportRun): string {
  if (run.message) return run.message;
  return `${STATUS_LABELS[run.status]}: ${countsSentence(run)}.`;
}

/**
 * What the run's counters do not say: why it stopped (a `FAILED` run, docs/imports.md §3 step 7), or that
 * there was nothing to import. Any other finished run's message is its counts, already shown beside it.
 */
export function runExplanation(run: Pick<ImportRun, 'status' | 'total' | 'message'>): string | null {
  if (!run.message || isActive(run.status)) return null;
  return run.status === 'FAILED' || run.total === 0 ? run.message : null;
}

/** A finished run whose failed invoices can be tried again. */
export function canRetry(run: Pick<ImportRun, 'status' | 'failed'>): boolean {
  return !isActive(run.status) && run.failed > 0;
}

/** Where a run's detail lives. */
export function runPath(run: Pick<ImportRun, 'configurationId' | 'id'>): string {
  return `${importPath(run.configurationId)}/runs/${encodeURIComponent(run.id)}`;
}

export function importPath(configurationId: string): string {
  return `/quickbooks/${encodeURIComponent(configurationId)}/import`;
}
