import type { Logger } from '../../lib/logger';
import { DomainError } from '../../lib/errors';
import type { ImportSettingsService } from './import-settings.service';
import type { ImportService } from './import.service';
import type { ImportStore } from './import.store';
import {
  JOB_AUTOSYNC,
  JOB_RUN,
  JOB_SWEEP,
  autoSyncKey,
  runJobId,
  type ConnectWiseAccess,
  type ImportJobs,
  type QuickBooksAccess,
} from './import.ports';

export const SWEEP_KEY = 'import-sweep';

/** AutoSync ticks and the sweep that re-queues runs whose job went missing (docs/imports.md §4). */
export class ImportSchedules {
  constructor(
    private readonly deps: {
      jobs: ImportJobs;
      store: ImportStore;
      settings: ImportSettingsService;
      imports: ImportService;
      quickBooks: QuickBooksAccess;
      connectWise: ConnectWiseAccess;
      logger: Logger;
      clock: { now(): Date };
      sweepEveryMs: number;
      /** A run whose heartbeat is older than this has lost its worker. */
      staleAfterMs: number;
    },
  ) {}

  /** Puts every schedule in place (idempotent: each process may call it at start). */
  async restore(): Promise<void> {
    await this.deps.jobs.upsertSchedule(SWEEP_KEY, this.deps.sweepEveryMs, JOB_SWEEP, {});
    for (const settings of await this.deps.settings.autoSyncing()) {
      await this.setAutoSync(settings.configurationId, settings.autoSyncMinutes);
    }
  }

  async setAutoSync(configurationId: string, minutes: number): Promise<void> {
    if (minutes > 0) {
      await this.deps.jobs.upsertSchedule(autoSyncKey(configurationId), minutes * 60_000, JOB_AUTOSYNC, {
        configurationId,
      });
    } else {
      await this.deps.jobs.removeSchedule(autoSyncKey(configurationId));
    }
  }

  /** One AutoSync tick: imports what is new, unless a run of the configuration is queued or running. */
  async autoSync(data: { configurationId: string }): Promise<void> {
    const configurationId = typeof data?.configurationId === 'string' ? data.configurationId : '';
    const settings = configurationId ? await this.deps.settings.stored(configurationId) : null;
    if (!settings || settings.autoSyncMinutes === 0) {
      if (configurationId) await this.deps.jobs.removeSchedule(autoSyncKey(configurationId));
      return;
    }
    const log = { event: 'import.autosync', configurationId, accountId: settings.accountId };
    const now = this.deps.clock.now();
    await this.deps.settings.recordAutoSync(configurationId, now);
    if (await this.deps.store.activeRunOf(configurationId)) {
      this.deps.logger.info({ ...log, outcome: 'busy' }, 'AutoSync skipped: a run is in progress');
      return;
    }
    try {
      const waiting = await this.deps.imports.waitingFor(settings.accountId, configurationId);
      if (waiting === 0) {
        this.deps.logger.info({ ...log, outcome: 'nothing-new' }, 'AutoSync: nothing new');
        return;
      }
      const run = await this.deps.imports.queueRun(settings.accountId, configurationId, {
        source: 'AUTOSYNC',
        requestedBy: null,
        invoiceIds: null,
        retryOfRunId: null,
      });
      this.deps.logger.info({ ...log, outcome: 'queued', runId: run.id, waiting }, 'AutoSync queued a run');
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      // Not connected, ConnectWise down, a run just started: the next tick tries again.
      this.deps.logger.info({ ...log, outcome: 'skipped', reason: error.code }, 'AutoSync skipped');
    }
  }

  /** Re-queues runs that should be moving but whose job is gone; the job id keeps it to one job per run. */
  async sweep(): Promise<number> {
    const stale = await this.deps.store.staleActiveRuns(
      new Date(this.deps.clock.now().getTime() - this.deps.staleAfterMs),
    );
    for (const run of stale) await this.deps.jobs.add(JOB_RUN, { runId: run.id }, { jobId: runJobId(run.id) });
    if (stale.length > 0) {
      this.deps.logger.info({ event: 'import.sweep', requeued: stale.length }, 'stale import runs re-queued');
    }
    return stale.length;
  }
}
