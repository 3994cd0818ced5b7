import { DomainError, ErrorCode, badInput, declareErrorCodes } from '../../lib/errors';

/** The imports' codes in `extensions.code`. */
export const ImportErrorCode = declareErrorCodes(
  /** A run of this QuickBooks company is already queued or running (extensions.runId names it). */
  'IMPORT_IN_PROGRESS',
);

export const configurationNotFound = () =>
  new DomainError(ErrorCode.NOT_FOUND, 'There is no such QuickBooks Online configuration in your account.', {
    field: 'configurationId',
  });

export const runNotFound = () =>
  new DomainError(ErrorCode.NOT_FOUND, 'There is no such import run in your account.', { field: 'runId' });

export const importInProgress = (runId: string) =>
  new DomainError(
    ImportErrorCode.IMPORT_IN_PROGRESS,
    'An import into this QuickBooks Online company is already queued or running. Wait for it to finish (its progress is on the Import page).',
    { field: 'configurationId', extensions: { runId } },
  );

export const nothingToRetry = () => badInput('runId', 'This run has no failed invoices to retry.');

export const runStillActive = () =>
  badInput('runId', 'This run is still working; retry its failed invoices once it has finished.');

export const noInvoicesChosen = () =>
  badInput('invoiceIds', 'Choose at least one invoice to import, or import all of them.');

/** A run-level stop: the run ends FAILED with this message (docs/imports.md §3.7). */
export class RunStopped extends Error {
  constructor(
    message: string,
    /** What unfinished items record as their reason. */
    readonly itemMessage: string,
  ) {
    super(message);
    this.name = 'RunStopped';
  }
}

/** The worker lost the run (lease taken over, or shutting down): leave it for the next worker. */
export class RunAbandoned extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'RunAbandoned';
  }
}
