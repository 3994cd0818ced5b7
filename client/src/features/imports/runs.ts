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

/** Who or what started a run. */
export function startedBy(run: Pick<ImportRun, 'trigger' | 'requestedBy'>): string {
  switch (run.trigger) {
    case 'AUTOSYNC':
      return 'AutoSync';
    case 'RETRY':
      return run.requestedBy ? `Retry by ${run.requestedBy}` : 'Retry';
    case 'USER':
      return run.requestedBy ?? 'A person';
  }
}

export const EXPORT_LABELS: Record<ImportExportState, string> = {
  OFF: 'Not marked as exported (setting off)',
  PENDING: 'Marking as exported in ConnectWise PSA…',
  DONE: 'Marked as exported in ConnectWise PSA',
  FAILED: 'Not marked as exported in ConnectWise PSA',
  NOTHING: 'Nothing to mark as exported',
};

/** "40 imported, 2 failed, 3 already imported". */
export function countsSentence(run: Pick<ImportRun, 'succeeded' | 'failed' | 'skipped'>): string {
  return `${run.succeeded} imported, ${run.failed} failed, ${run.skipped} already imported`;
}

/** The run's own message, else a sentence from its counters. */
export function resultSentence(run: ImportRun): string {
  if (run.message) return run.message;
  return `${STATUS_LABELS[run.status]}: ${countsSentence(run)}.`;
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
