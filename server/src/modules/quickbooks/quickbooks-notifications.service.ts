import type { BackgroundTasks } from '../../lib/background';
import type { Account } from '../account';
import type { MailService } from '../mail';
import type { QuickBooksConfigurationRecord } from './quickbooks-configuration.entity';
import type { QuickBooksConfigurationStore } from './quickbooks-configuration.store';
import { connectionLostTemplate, reconnectReminderTemplate } from './quickbooks-emails';
import { REASONS, type ReasonCode } from './quickbooks-status';

export interface NotificationsServiceDeps {
  store: Pick<QuickBooksConfigurationStore, 'byId'>;
  findAccount(accountId: string): Promise<Pick<Account, 'email' | 'name'> | null>;
  mail: Pick<MailService, 'deliver'>;
  background: Pick<BackgroundTasks, 'run'>;
  appUrl: string;
}

/** What the account hears about its QuickBooks connections: the lost-connection email, reminders, page links. */
export class QuickBooksNotificationsService {
  constructor(private readonly deps: NotificationsServiceDeps) {}

  /** The dashboard page of a configuration (emails and the OAuth callback link to it). */
  pageUrl(configurationId: string): string {
    return `${this.deps.appUrl}/quickbooks/${encodeURIComponent(configurationId)}`;
  }

  /** Emails the account once when a connection becomes LOST (the token manager calls it on that transition). */
  notifyLost(configurationId: string, code: ReasonCode): void {
    this.deps.background.run('quickbooks-lost-email', async () => {
      const record = await this.deps.store.byId(configurationId);
      const account = record ? await this.deps.findAccount(record.accountId) : null;
      if (!record || !account) return;
      await this.deps.mail.deliver(
        account.email,
        connectionLostTemplate({
          name: account.name,
          configurationName: record.name,
          companyName: record.companyName,
          reason: REASONS[code],
          link: this.pageUrl(record.id),
        }),
      );
    });
  }

  /** Sends a reconnect reminder now; false when the account is gone, throws when the email could not be sent. */
  async sendReconnectReminder(
    record: QuickBooksConfigurationRecord,
    reconnectBy: Date,
    daysLeft: number,
  ): Promise<boolean> {
    const account = await this.deps.findAccount(record.accountId);
    if (!account) return false;
    await this.deps.mail.deliver(
      account.email,
      reconnectReminderTemplate({
        name: account.name,
        configurationName: record.name,
        companyName: record.companyName,
        reconnectBy,
        daysLeft,
        link: this.pageUrl(record.id),
      }),
    );
    return true;
  }
}
