import { setTimeout as delay } from 'node:timers/promises';
import type { DataSource, Repository } from 'typeorm';
import { SendGridError, type Mailer, type SentEmail } from '../../integrations/sendgrid/sendgrid-mailer';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../lib/logger';
import type { JobContext, JobResult } from '../../queue';
import type { MailOutbox } from './mail-outbox';
import { OutboxEmailRecord } from './outbox-email.entity';
import { afterFailure, type RetryPolicy } from './retry-policy';

export interface MailDeliveryDeps {
  dataSource: DataSource;
  clock: Clock;
  mailer: Mailer;
  outbox: Pick<MailOutbox, 'unseal'>;
  logger: Logger;
  retry: RetryPolicy;
}

/** Why an email failed for good, in its `mail.failed` log line. */
type GiveUp = 'refused' | 'expired' | 'undecryptable';

/** Recording "sent" is retried briefly in-process: a lost write would mean the same email sent again. */
const MARK_SENT_TRIES = 5;

/**
 * The `mail.send` job (docs/email-delivery.md §2–3): sends one outbox email through SendGrid once; a transient
 * failure comes back later with exponential back-off (the handler asks the queue for the delay, the attempt count
 * lives in the row), a permanent one fails at once and is logged at error level with the email's id.
 */
export class MailDelivery {
  private readonly emails: Repository<OutboxEmailRecord>;

  constructor(private readonly deps: MailDeliveryDeps) {
    this.emails = deps.dataSource.getRepository(OutboxEmailRecord);
  }

  readonly handle = async (data: { emailId?: unknown }, context: JobContext): Promise<JobResult> => {
    const emailId = typeof data?.emailId === 'string' ? data.emailId : '';
    const row = emailId ? await this.emails.findOneBy({ id: emailId }) : null;
    if (!row) {
      this.deps.logger.warn({ event: 'mail.unknown', emailId, jobId: context.jobId }, 'no such email in the outbox');
      return;
    }
    // Sent or failed already: a job delivered twice (at least once, docs/decisions/0001) sends nothing twice.
    if (row.status !== 'queued') return;
    const now = this.deps.clock.now();
    if (now >= row.deliverBy) return this.giveUp(row, context, 'expired', row.attempts, row.lastError);
    const content = this.deps.outbox.unseal(row);
    if (!content) return this.giveUp(row, context, 'undecryptable', row.attempts, 'no configured key opens it');
    context.signal.throwIfAborted();

    let sent: SentEmail;
    try {
      sent = await this.deps.mailer.send({
        ...content,
        category: row.category,
        customArgs: { mobius_email_id: row.id },
      });
    } catch (error) {
      const failure =
        error instanceof SendGridError ? error : new SendGridError('the mailer failed unexpectedly', undefined, true);
      const attempts = row.attempts + 1;
      const next = afterFailure(this.deps.retry, failure, attempts, this.deps.clock.now(), row.deliverBy);
      if ('giveUp' in next) return this.giveUp(row, context, next.giveUp, attempts, failure.message, failure.status);
      const at = this.deps.clock.now();
      await this.emails.update(
        { id: row.id, status: 'queued' },
        {
          attempts,
          lastError: failure.message.slice(0, 500),
          nextAttemptAt: new Date(at.getTime() + next.retryInMs),
          updatedAt: at,
        },
      );
      this.deps.logger.warn(
        {
          event: 'mail.retry',
          emailId: row.id,
          jobId: context.jobId,
          category: row.category,
          attempts,
          status: failure.status,
          reason: failure.message,
          retryInMs: next.retryInMs,
        },
        'email not sent yet; it will be tried again',
      );
      return { retryInMs: next.retryInMs };
    }

    await this.markSent(row, sent);
    this.deps.logger.info(
      {
        event: 'mail.sent',
        emailId: row.id,
        jobId: context.jobId,
        category: row.category,
        attempts: row.attempts + 1,
        messageId: sent.messageId,
      },
      'email sent',
    );
  };

  private async markSent(row: OutboxEmailRecord, sent: SentEmail): Promise<void> {
    for (let tries = 1; ; tries += 1) {
      try {
        const at = this.deps.clock.now();
        await this.emails.update(
          { id: row.id, status: 'queued' },
          {
            status: 'sent',
            sealed: null,
            attempts: row.attempts + 1,
            lastError: null,
            messageId: sent.messageId,
            sentAt: at,
            updatedAt: at,
          },
        );
        return;
      } catch (error) {
        // Thrown at last, the job runs again and SendGrid gets the email twice: at least once, never lost.
        if (tries >= MARK_SENT_TRIES) throw error;
        await delay(100 * 2 ** tries);
      }
    }
  }

  private async giveUp(
    row: OutboxEmailRecord,
    context: JobContext,
    reason: GiveUp,
    attempts: number,
    lastError: string | null,
    status?: number,
  ): Promise<void> {
    const at = this.deps.clock.now();
    await this.emails.update(
      { id: row.id, status: 'queued' },
      { status: 'failed', sealed: null, attempts, lastError: lastError?.slice(0, 500) ?? null, updatedAt: at },
    );
    // Ids, category and cause only: never the recipient or the email's links (docs/email-delivery.md §6).
    this.deps.logger.error(
      {
        event: 'mail.failed',
        emailId: row.id,
        jobId: context.jobId,
        category: row.category,
        accountId: row.accountId,
        attempts,
        reason,
        status,
        lastError,
      },
      'email failed for good',
    );
  }
}
