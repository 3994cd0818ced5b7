import { randomBytes } from 'node:crypto';
import { isDatabaseUnavailable } from '../../lib/errors';
import type { Logger } from '../../lib/logger';
import { RunAbandoned } from './import-errors';
import { ACTIVE_STATUSES } from './import-run.entity';
import type { ImportSettingsService } from './import-settings.service';
import type { ImportStore } from './import.store';
import type { ConnectWiseAccess, QuickBooksAccess } from './import.ports';
import { QboCalls, DEFAULT_RETRY_POLICY, sleep, type RetryPolicy } from './qbo-calls';
import type { RealmLocks } from './realm-lock';
import type { RealmPacers } from './realm-pacer';
import { RunExecution } from './run-execution';

export interface RunJobContext {
  signal: AbortSignal;
}

/** A busy company, or a worker that lost the run: the job comes back later without counting a failure. */
export type RunJobResult = void | { retryInMs: number };

export interface ImportRunnerDeps {
  store: ImportStore;
  settings: ImportSettingsService;
  quickBooks: QuickBooksAccess;
  connectWise: ConnectWiseAccess;
  locks: RealmLocks;
  pacers: RealmPacers;
  logger: Logger;
  heartbeatMs: number;
  retryPolicy?: RetryPolicy;
  chunkSize?: number;
  /** How soon a run whose company is busy is tried again. */
  busyRetryMs?: number;
  /** Whether Mobius's database answers again (db/health.ts); a run paused by an outage waits for it. */
  databaseAnswers: () => Promise<boolean>;
  /** Pauses between two probes of a database that is down (the last one repeats). */
  databaseProbeDelaysMs?: number[];
}

const DATABASE_PROBE_DELAYS_MS = [500, 1_000, 2_000, 5_000];

/** The `import.run` job: takes the company's lock, keeps it alive, and works the run (docs/imports.md §3.2). */
export class ImportRunner {
  constructor(private readonly deps: ImportRunnerDeps) {}

  async handle(data: { runId: string }, context: RunJobContext): Promise<RunJobResult> {
    const { store, locks, logger } = this.deps;
    const run = typeof data?.runId === 'string' ? await store.getRun(data.runId) : null;
    if (!run || !ACTIVE_STATUSES.includes(run.status)) return;
    const owner = await locks.acquire(run.realmId, run.id);
    if (!owner) {
      logger.info({ event: 'import.company_busy', runId: run.id }, 'another run works this QuickBooks company; later');
      return { retryInMs: this.deps.busyRetryMs ?? 2_000 };
    }

    const controller = new AbortController();
    const stopping = () => controller.abort();
    context.signal.addEventListener('abort', stopping, { once: true });
    const heartbeat = setInterval(() => {
      void locks
        .renew(run.realmId, owner)
        .then(async (held) => {
          if (!held) {
            logger.warn({ event: 'import.lock_lost', runId: run.id }, 'another worker took the company over');
            controller.abort();
          } else await store.heartbeat(run.id);
        })
        .catch((error: unknown) =>
          logger.warn({ event: 'import.heartbeat_failed', runId: run.id, err: error }, 'heartbeat'),
        );
    }, this.deps.heartbeatMs);
    heartbeat.unref();
    try {
      await store.markRunning(run.id);
      logger.info({ event: 'import.started', runId: run.id, configurationId: run.configurationId }, 'import started');
      const settings = await this.deps.settings.effective(run.configurationId, run.accountId);
      const qbo = new QboCalls({
        quickBooks: this.deps.quickBooks,
        pacer: this.deps.pacers.for(run.realmId),
        policy: this.deps.retryPolicy ?? DEFAULT_RETRY_POLICY,
        logger,
        accountId: run.accountId,
        configurationId: run.configurationId,
        runId: run.id,
        signal: controller.signal,
      });
      const execution = new RunExecution(
        {
          store,
          connectWise: this.deps.connectWise,
          qbo,
          logger,
          settings,
          signal: controller.signal,
          chunkSize: this.deps.chunkSize,
        },
        (await store.getRun(run.id)) ?? run,
      );
      await execution.execute();
      return;
    } catch (error) {
      if (isDatabaseUnavailable(error) && !controller.signal.aborted) {
        // Nothing can be recorded while the database is down, and nothing is lost: every invoice's progress is
        // in the database (what QuickBooks answered meanwhile is adopted on resume). Wait, then resume.
        logger.warn(
          { event: 'import.paused_database', runId: run.id, err: error },
          'import paused: the database is unavailable; it resumes when the database answers',
        );
        await this.waitForDatabase(controller.signal);
        logger.info({ event: 'import.resuming', runId: run.id }, 'the database answers again; the import resumes');
        return { retryInMs: 0 };
      }
      if (error instanceof RunAbandoned || controller.signal.aborted) {
        logger.info({ event: 'import.paused', runId: run.id }, 'import paused; it resumes with the next worker');
        return { retryInMs: 1_000 };
      }
      const reference = randomBytes(4).toString('hex');
      logger.error({ event: 'import.crashed', runId: run.id, reference, err: error }, 'import failed unexpectedly');
      await store.failUnfinished(run, 'Not imported: the import stopped because of an error on our side.');
      await store.finishRun(
        run.id,
        'FAILED',
        `The import stopped because of an error on our side (reference ${reference}). Nothing was duplicated; retry the failed invoices.`,
      );
      return;
    } finally {
      clearInterval(heartbeat);
      context.signal.removeEventListener('abort', stopping);
      await locks.release(run.realmId, owner).catch(() => undefined);
    }
  }

  /** Probes the database until it answers, or the job is interrupted (shutdown, or its lease ran out meanwhile). */
  private async waitForDatabase(signal: AbortSignal): Promise<void> {
    const delays = this.deps.databaseProbeDelaysMs ?? DATABASE_PROBE_DELAYS_MS;
    for (let attempt = 0; !signal.aborted; attempt += 1) {
      await sleep(delays[Math.min(attempt, delays.length - 1)] ?? 1_000, signal).catch(() => undefined);
      if (signal.aborted || (await this.deps.databaseAnswers().catch(() => false))) return;
    }
  }
}
