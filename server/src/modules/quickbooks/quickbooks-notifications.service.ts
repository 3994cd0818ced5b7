import type { Logger } from '../../lib/logger';
import type { Account } from '../account';
import type { MailOutbox } from '../mail';
import type { QuickBooksConfigurationRecord } from './quickbooks-configuration.entity';
import type { QuickBooksConfigurationStore } from './quickbooks-configuration.store';
import { connectionLostTemplate, reconnectReminderTemplate } from './quickbooks-emails';
import { REASONS, type ReasonCode } from './quickbooks-status';

export interface NotificationsServiceDeps {
  store: Pick<QuickBooksConfigurationStore, 'byId'>;
  findAccount(accountId: string): Promise<Pick<Account, 'email' | 'name'> | null>;
  mail: Pick<MailOutbox, 'send'>;
  logger: Logger;
  appUrl: string;
}

/** What the account hears about its QuickBooks connections: the lost-connection email, reminders, page links. */
export class QuickBooksNotificationsService {
  constructor(private readonly deps: NotificationsServiceDeps) {}

  /** The dashboard page of a configuration (emails and the OAuth callback link to it). */
  pageUrl(configurationId: string): string {
    return `${this.deps.appUrl}/quickbooks/${encodeURIComponent(configurationId)}`;
  }

  /**
   * Emails the account once when a connection becomes LOST (the token manager awaits it on that transition). The
   * email is in the durable outbox when this resolves; it never throws (the LOST state is recorded already).
   */
  async notifyLost(configurationId: string, code: ReasonCode): Promise<void> {
    try {
      const record = await this.deps.store.byId(configurationId);
      const account = record ? await this.deps.findAccount(record.accountId) : null;
      if (!record || !account) return;
      await this.deps.mail.send({
        accountId: record.accountId,
        to: account.email,
        email: connectionLostTemplate({
          name: account.name,
          configurationName: record.name,
          companyName: record.companyName,
          reason: REASONS[code],
          link: this.pageUrl(record.id),
        }),
      });
    } catch (error) {
      this.deps.logger.error(
        {
          event: 'quickbooks.lost_email_failed',
          configurationId,
          reason: error instanceof Error ? error.name : 'unknown',
        },
        'the lost-connection email could not be queued',
      );
    }
  }

  /** Queues a reconnect reminder (durably); false when the account is gone, throws when it could not be queued. */
  async sendReconnectReminder(
    record: QuickBooksConfigurationRecord,
    reconnectBy: Date,
    daysLeft: number,
  ): Promise<boolean> {
    const account = await this.deps.findAccount(record.accountId);
    if (!account) return false;
    await this.deps.mail.send({
      accountId: record.accountId,
      to: account.email,
      email: reconnectReminderTemplate({
        name: account.name,
        configurationName: record.name,
        companyName: record.companyName,
        reconnectBy,
        daysLeft,
        link: this.pageUrl(record.id),
      }),
    });
    return true;
  }
}
