import type { Clock } from '../../lib/clock';
import { DomainError } from '../../lib/errors';
import type { Logger } from '../../lib/logger';
import type { QuickBooksConfigurationRecord } from './quickbooks-configuration.entity';
import type { QuickBooksConfigurationStore, ReminderColumn } from './quickbooks-configuration.store';
import type { QuickBooksConnectionService } from './quickbooks-connection.service';
import type { QuickBooksNotificationsService } from './quickbooks-notifications.service';
import type { QuickBooksTokenManager } from './quickbooks-token-manager';

/**
 * Keeps every connection's stored status current so `connectionStatus` never has to call Intuit:
 * retires connections past their reconnect deadline (LOST), emails the 14- and 3-day reminders once
 * each, validates connections whose last check is stale (refreshing tokens through the token
 * manager's single-flight path) and refreshes refresh tokens whose rolling window nears its end.
 * Safe with several server processes: every state change is a compare-and-set.
 */

export interface CheckerDeps {
  store: Pick<
    QuickBooksConfigurationStore,
    | 'connectedPastDeadline'
    | 'reminderDue'
    | 'checkedBefore'
    | 'refreshTokenExpiringBefore'
    | 'claimReminder'
    | 'skipReminder14'
    | 'releaseReminder'
  >;
  clock: Clock;
  connection: Pick<QuickBooksConnectionService, 'validate'>;
  tokens: Pick<QuickBooksTokenManager, 'retireIfPastDeadline' | 'accessToken'>;
  notifications: Pick<QuickBooksNotificationsService, 'sendReconnectReminder'>;
  logger: Logger;
  /**
   * A connection is validated again when its last check is older than this (config.intuit.checker, 10 minutes by
   * default: a company disconnected at Intuit shows LOST within about 11 minutes; one CompanyInfo per company,
   * far inside QBO's 500 requests a minute per company).
   */
  validateEveryMs: number;
  /** Refresh the refresh token when its rolling window ends within this (config.intuit.checker, 30 days). */
  keepAliveWithinMs: number;
  batchSize?: number;
}

export interface CheckerRun {
  retired: number;
  reminders: number;
  validated: number;
  refreshed: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const REMINDERS: ReadonlyArray<{ days: number; column: ReminderColumn }> = [
  { days: 3, column: 'reminder3SentAt' },
  { days: 14, column: 'reminder14SentAt' },
];

/** The checker runs as a job of the queue's scheduler, once a minute (docs/imports.md §4). */
export const QUICKBOOKS_CHECK_JOB = 'quickbooks.check';
export const QUICKBOOKS_CHECK_KEY = 'quickbooks-check';

export class QuickBooksConnectionChecker {
  private running: Promise<CheckerRun> | undefined;

  constructor(private readonly deps: CheckerDeps) {}

  /** Waits for a pass in progress (shutdown). */
  async stop(): Promise<void> {
    await this.running?.catch(() => undefined);
  }

  /** One pass; overlapping calls share the pass in progress. */
  runOnce(): Promise<CheckerRun> {
    if (!this.running) this.running = this.pass().finally(() => (this.running = undefined));
    return this.running;
  }

  private async pass(): Promise<CheckerRun> {
    const run: CheckerRun = { retired: 0, reminders: 0, validated: 0, refreshed: 0 };
    const now = this.deps.clock.now();
    const limit = this.deps.batchSize ?? 100;

    const overdue = await this.deps.store.connectedPastDeadline(now, limit);
    for (const record of overdue) {
      if (await this.guarded(record, () => this.deps.tokens.retireIfPastDeadline(record))) run.retired += 1;
    }

    for (const reminder of REMINDERS) {
      const before = new Date(now.getTime() + reminder.days * DAY_MS);
      const due = await this.deps.store.reminderDue(reminder.column, before, limit);
      for (const record of due) {
        if (await this.guarded(record, () => this.remind(record, reminder, now))) run.reminders += 1;
      }
    }

    const staleBefore = new Date(now.getTime() - this.deps.validateEveryMs);
    const stale = await this.deps.store.checkedBefore(staleBefore, limit);
    for (const record of stale) {
      await this.guarded(record, () => this.deps.connection.validate(record.id));
      run.validated += 1;
    }

    const keepAlive = this.deps.keepAliveWithinMs;
    const expiringGrants = await this.deps.store.refreshTokenExpiringBefore(
      new Date(now.getTime() + keepAlive),
      now,
      limit,
    );
    for (const record of expiringGrants) {
      const grant = await this.guarded(record, () =>
        this.deps.tokens.accessToken(record.id, { refreshTokenWithinMs: keepAlive }),
      );
      if (grant && grant.tokenVersion !== record.tokenVersion) run.refreshed += 1;
    }
    if (run.retired + run.reminders + run.validated + run.refreshed > 0) {
      this.deps.logger.info({ event: 'quickbooks.checker_run', ...run }, 'QuickBooks connections checked');
    }
    return run;
  }

  /** One configuration's trouble (lost, Intuit down, a database hiccup) never stops the pass for the others. */
  private async guarded<T>(record: QuickBooksConfigurationRecord, work: () => Promise<T>): Promise<T | undefined> {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof DomainError)) {
        this.deps.logger.error(
          { event: 'quickbooks.checker_item_failed', configurationId: record.id, err: error },
          'QuickBooks checker could not handle a configuration',
        );
      }
      return undefined;
    }
  }

  /** Claims the reminder with a compare-and-set (one email even with several processes), then sends it. */
  private async remind(
    record: QuickBooksConfigurationRecord,
    reminder: (typeof REMINDERS)[number],
    now: Date,
  ): Promise<boolean> {
    const reconnectBy = record.reconnectBy;
    if (!reconnectBy || reconnectBy.getTime() <= now.getTime()) return false;
    if (!(await this.deps.store.claimReminder(record, reminder.column, now))) return false;
    // Inside 3 days the 14-day reminder is moot: never send it after this one.
    if (reminder.days === 3) await this.deps.store.skipReminder14(record.id, now);
    const daysLeft = Math.max(1, Math.ceil((reconnectBy.getTime() - now.getTime()) / DAY_MS));
    try {
      if (!(await this.deps.notifications.sendReconnectReminder(record, reconnectBy, daysLeft))) return false;
    } catch (error) {
      // Un-claim so the next pass tries again.
      await this.deps.store.releaseReminder(record.id, reminder.column);
      this.deps.logger.error(
        { event: 'quickbooks.reminder_failed', configurationId: record.id, err: error },
        'reconnect reminder not sent',
      );
      return false;
    }
    this.deps.logger.info(
      { event: 'quickbooks.reminder_sent', accountId: record.accountId, configurationId: record.id, daysLeft },
      'reconnect reminder sent',
    );
    return true;
  }
}
