import { IsNull, LessThan, LessThanOrEqual, MoreThan, type DataSource, type Repository } from 'typeorm';
import type { Clock } from '../../lib/clock';
import { DomainError } from '../../lib/errors';
import type { Logger } from '../../lib/logger';
import { Account } from '../account/account.entity';
import type { MailService } from '../mail/mail.service';
import { QuickBooksConfigurationRecord } from './quickbooks-configuration.entity';
import { reconnectReminderTemplate } from './quickbooks-emails';
import type { QuickBooksTokenManager } from './quickbooks-token-manager';
import type { QuickBooksService } from './quickbooks.service';

/**
 * Keeps every connection's stored status current so `connectionStatus` never has to call Intuit:
 * retires connections past their reconnect deadline (LOST), emails the 14- and 3-day reminders once
 * each, validates connections whose last check is stale (refreshing tokens through the token
 * manager's single-flight path) and refreshes refresh tokens whose rolling window nears its end.
 * Safe with several server processes: every state change is a compare-and-set.
 */

export interface CheckerDeps {
  dataSource: DataSource;
  clock: Clock;
  service: QuickBooksService;
  tokens: QuickBooksTokenManager;
  mail: MailService;
  logger: Logger;
  /** A connection is validated again when its last check is older than this. */
  validateEveryMs?: number;
  /** Refresh the refresh token when its rolling window ends within this. */
  keepAliveWithinMs?: number;
  batchSize?: number;
}

export interface CheckerRun {
  retired: number;
  reminders: number;
  validated: number;
  refreshed: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const REMINDERS = [
  {
    days: 3,
    column: 'reminder3SentAt',
    unclaimed: 'id = :id AND reminder3SentAt IS NULL AND tokenVersion = :version',
  },
  {
    days: 14,
    column: 'reminder14SentAt',
    unclaimed: 'id = :id AND reminder14SentAt IS NULL AND tokenVersion = :version',
  },
] as const;

/** The checker runs as a job of the queue's scheduler, once a minute (docs/imports.md §4). */
export const QUICKBOOKS_CHECK_JOB = 'quickbooks.check';
export const QUICKBOOKS_CHECK_KEY = 'quickbooks-check';

export class QuickBooksConnectionChecker {
  private readonly records: Repository<QuickBooksConfigurationRecord>;
  private running: Promise<CheckerRun> | undefined;

  constructor(private readonly deps: CheckerDeps) {
    this.records = deps.dataSource.getRepository(QuickBooksConfigurationRecord);
  }

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

    const overdue = await this.records.find({
      where: { state: 'CONNECTED', reconnectBy: LessThanOrEqual(now) },
      take: limit,
    });
    for (const record of overdue) {
      if (await this.guarded(record, () => this.deps.tokens.retireIfPastDeadline(record))) run.retired += 1;
    }

    for (const reminder of REMINDERS) {
      const due = await this.records.find({
        where: {
          state: 'CONNECTED',
          reconnectBy: LessThanOrEqual(new Date(now.getTime() + reminder.days * DAY_MS)),
          [reminder.column]: IsNull(),
        },
        take: limit,
      });
      for (const record of due) {
        if (await this.guarded(record, () => this.remind(record, reminder, now))) run.reminders += 1;
      }
    }

    const staleBefore = new Date(now.getTime() - (this.deps.validateEveryMs ?? 6 * 60 * 60 * 1000));
    const stale = await this.records.find({
      where: [
        { state: 'CONNECTED', checkedAt: IsNull() },
        { state: 'CONNECTED', checkedAt: LessThan(staleBefore) },
      ],
      order: { checkedAt: 'ASC' },
      take: limit,
    });
    for (const record of stale) {
      await this.guarded(record, () => this.deps.service.validate(record.id));
      run.validated += 1;
    }

    const keepAlive = this.deps.keepAliveWithinMs ?? 30 * DAY_MS;
    const expiringGrants = await this.records.find({
      where: {
        state: 'CONNECTED',
        refreshTokenExpiresAt: LessThanOrEqual(new Date(now.getTime() + keepAlive)),
        reconnectBy: MoreThan(now),
      },
      take: limit,
    });
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
    const claim = await this.records
      .createQueryBuilder()
      .update(QuickBooksConfigurationRecord)
      .set({ [reminder.column]: now })
      .where(reminder.unclaimed, {
        id: record.id,
        version: record.tokenVersion,
      })
      .execute();
    if (claim.affected !== 1) return false;
    if (reminder.days === 3) {
      // Inside 3 days the 14-day reminder is moot: never send it after this one.
      await this.records.update({ id: record.id, reminder14SentAt: IsNull() }, { reminder14SentAt: now });
    }
    const account = await this.deps.dataSource.getRepository(Account).findOneBy({ id: record.accountId });
    if (!account) return false;
    const daysLeft = Math.max(1, Math.ceil((reconnectBy.getTime() - now.getTime()) / DAY_MS));
    try {
      await this.deps.mail.deliver(
        account.email,
        reconnectReminderTemplate({
          name: account.name,
          configurationName: record.name,
          companyName: record.companyName,
          reconnectBy,
          daysLeft,
          link: this.deps.service.pageUrl(record.id),
        }),
      );
    } catch (error) {
      // Un-claim so the next pass tries again.
      await this.records.update({ id: record.id }, { [reminder.column]: null });
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
