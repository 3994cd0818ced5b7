import type { DataSource } from 'typeorm';
import type { QboDocumentEntity } from './import-item.entity';
import { databaseAnswers } from '../../db/health';
import { qboDocumentUrl } from '../../integrations/intuit/qbo-links';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../lib/logger';
import type { JobContext, JobHandlers } from '../../queue';
import { ImportResolver } from './import.resolver';
import { ImportRunner } from './import-runner';
import { ImportSchedules } from './import-schedules';
import { ImportService } from './import.service';
import { ImportSettingsService } from './import-settings.service';
import { ImportStore } from './import.store';
import {
  JOB_AUTOSYNC,
  JOB_RUN,
  JOB_SWEEP,
  type ConnectWiseAccess,
  type ImportJobs,
  type QuickBooksAccess,
} from './import.ports';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './qbo-calls';
import { RealmLocks } from './realm-lock';
import { QBO_PACE, RealmPacers, type PacerLimits } from './realm-pacer';

/** Durations and limits of the import; tests shorten them. */
export interface ImportTuning {
  leaseMs: number;
  heartbeatMs: number;
  sweepEveryMs: number;
  retryPolicy: RetryPolicy;
  pace: PacerLimits;
  busyRetryMs: number;
}

export const DEFAULT_IMPORT_TUNING: ImportTuning = {
  leaseMs: 30_000,
  heartbeatMs: 5_000,
  sweepEveryMs: 60_000,
  retryPolicy: DEFAULT_RETRY_POLICY,
  pace: QBO_PACE,
  busyRetryMs: 2_000,
};

export interface ImportsModule {
  service: ImportService;
  settings: ImportSettingsService;
  schedules: ImportSchedules;
  resolver: ImportResolver;
  /** The jobs a worker runs for the import: runs, AutoSync ticks and the sweep. */
  handlers: JobHandlers;
  /** Puts the sweep and the AutoSync schedules in place. */
  start(): Promise<void>;
}

/** Wires the invoice import (docs/imports.md): createApp and the worker process call this once. */
export function createImportsModule(deps: {
  dataSource: DataSource;
  clock: Clock;
  logger: Logger;
  quickBooks: QuickBooksAccess;
  connectWise: ConnectWiseAccess;
  jobs: ImportJobs;
  /** Where "Open in QuickBooks" links point (QBO_APP_BASE_URL). */
  qboAppBaseUrl: string;
  tuning?: Partial<ImportTuning>;
}): ImportsModule {
  const tuning = { ...DEFAULT_IMPORT_TUNING, ...deps.tuning };
  const store = new ImportStore(deps.dataSource, deps.clock);
  const pacers = new RealmPacers(tuning.pace);
  const settings = new ImportSettingsService({
    dataSource: deps.dataSource,
    clock: deps.clock,
    quickBooks: deps.quickBooks,
    pacers,
    // Called only after wiring, once `schedules` exists.
    onAutoSyncChanged: (configurationId, minutes) => schedules.setAutoSync(configurationId, minutes),
  });
  const service = new ImportService({
    store,
    settings,
    quickBooks: deps.quickBooks,
    connectWise: deps.connectWise,
    jobs: deps.jobs,
    clock: deps.clock,
    logger: deps.logger,
    documentUrl: (realmId: string, entity: QboDocumentEntity, id: string) =>
      qboDocumentUrl({ appBaseUrl: deps.qboAppBaseUrl, entity, id, realmId }),
  });
  const schedules: ImportSchedules = new ImportSchedules({
    jobs: deps.jobs,
    store,
    settings,
    imports: service,
    quickBooks: deps.quickBooks,
    connectWise: deps.connectWise,
    logger: deps.logger,
    clock: deps.clock,
    sweepEveryMs: tuning.sweepEveryMs,
    staleAfterMs: tuning.leaseMs * 2,
  });
  const runner = new ImportRunner({
    store,
    settings,
    quickBooks: deps.quickBooks,
    connectWise: deps.connectWise,
    locks: new RealmLocks(deps.dataSource, deps.clock, tuning.leaseMs),
    pacers,
    logger: deps.logger,
    heartbeatMs: tuning.heartbeatMs,
    retryPolicy: tuning.retryPolicy,
    busyRetryMs: tuning.busyRetryMs,
    databaseAnswers: () => databaseAnswers(deps.dataSource),
  });
  return {
    service,
    settings,
    schedules,
    resolver: new ImportResolver(service, settings),
    handlers: {
      [JOB_RUN]: (data: { runId: string }, context: JobContext) => runner.handle(data, context),
      [JOB_AUTOSYNC]: (data: { configurationId: string }) => schedules.autoSync(data),
      [JOB_SWEEP]: async () => {
        await schedules.sweep();
      },
    },
    start: () => schedules.restore(),
  };
}
