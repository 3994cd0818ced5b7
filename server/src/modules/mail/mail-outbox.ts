import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager, Repository } from 'typeorm';
import { inTransaction } from '../../db/transaction';
import type { Clock } from '../../lib/clock';
import { decryptSecret, encryptSecret, type KeyRing } from '../../lib/crypto';
import type { Logger } from '../../lib/logger';
import type { JobQueue } from '../../queue';
import { OutboxEmailRecord } from './outbox-email.entity';
import type { RetryPolicy } from './retry-policy';
import type { RenderedEmail } from './templates';

/** The outbox of every email Mobius sends (docs/email-delivery.md). */

export const JOB_MAIL_SEND = 'mail.send';
export const JOB_MAIL_SWEEP = 'mail.sweep';
export const MAIL_SWEEP_KEY = 'mail-sweep';
/** One job per email: adding it again while it waits or runs adds nothing. */
export const mailJobId = (emailId: string) => `mail-send-${emailId}`;

export interface NewEmail {
  /** A caller that must find the email again after a crash passes its own id (a request's id); random otherwise. */
  id?: string;
  /** The account it is sent to (the email budget counts per account), or null. */
  accountId: string | null;
  to: string;
  email: RenderedEmail;
  /** Not worth sending after this (e.g. when its link expires); the retry window ends it in any case. */
  deliverBy?: Date;
}

/** What is sealed in a row: the recipient and the rendered email. */
export interface SealedEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface SweepTuning {
  /** How often the sweep runs. */
  everyMs: number;
  /** A queued email this far past its due time has lost its job: the sweep queues it again. */
  graceMs: number;
  /** Sent and failed rows are kept this long (the day's email budget counts them), then deleted. */
  keepMs: number;
}

export const DEFAULT_SWEEP: SweepTuning = { everyMs: 60_000, graceMs: 5 * 60_000, keepMs: 7 * 24 * 3600_000 };

export interface MailOutboxDeps {
  dataSource: DataSource;
  clock: Clock;
  keyRing: KeyRing;
  jobs: Pick<JobQueue, 'add' | 'upsertSchedule'>;
  logger: Logger;
  retry: RetryPolicy;
  sweep?: Partial<SweepTuning>;
}

/** The AES-GCM context of a row's sealed content: a ciphertext copied into another row does not open there. */
export const sealContext = (emailId: string) => `email_outbox:${emailId}`;

export class MailOutbox {
  private readonly emails: Repository<OutboxEmailRecord>;
  private readonly sweepTuning: SweepTuning;

  constructor(private readonly deps: MailOutboxDeps) {
    this.emails = deps.dataSource.getRepository(OutboxEmailRecord);
    this.sweepTuning = { ...DEFAULT_SWEEP, ...deps.sweep };
  }

  /**
   * Stores an email in the caller's transaction (so it exists exactly when what caused it was committed); call
   * dispatch() with the id once that transaction has committed.
   */
  async queue(manager: EntityManager, input: NewEmail): Promise<string> {
    const id = input.id ?? randomUUID();
    const now = this.deps.clock.now();
    const windowEnd = new Date(now.getTime() + this.deps.retry.windowMs);
    const deliverBy = input.deliverBy && input.deliverBy < windowEnd ? input.deliverBy : windowEnd;
    const content: SealedEmail = {
      to: input.to,
      subject: input.email.subject,
      text: input.email.text,
      html: input.email.html,
    };
    await manager.insert(OutboxEmailRecord, {
      id,
      accountId: input.accountId,
      category: input.email.category.slice(0, 40),
      status: 'queued',
      sealed: encryptSecret(this.deps.keyRing, JSON.stringify(content), sealContext(id)),
      attempts: 0,
      nextAttemptAt: now,
      deliverBy,
      lastError: null,
      messageId: null,
      sentAt: null,
      createdAt: now,
      updatedAt: now,
    });
    this.deps.logger.info(
      { event: 'mail.queued', emailId: id, category: input.email.category, accountId: input.accountId },
      'email queued',
    );
    return id;
  }

  /** Queues the `mail.send` job of a stored email (idempotent: one job per email). */
  async dispatch(emailId: string): Promise<void> {
    await this.deps.jobs.add(JOB_MAIL_SEND, { emailId }, { jobId: mailJobId(emailId) });
  }

  /**
   * Stores and dispatches an email on its own. Once this resolves the email is durable; a failure to queue its job
   * is only logged, the sweep queues it later.
   */
  async send(input: NewEmail): Promise<string> {
    const id = await inTransaction(this.deps.dataSource, (manager) => this.queue(manager, input));
    await this.tryDispatch(id);
    return id;
  }

  /**
   * For work that may run twice (a job resumed after a crash): true when the email `emailId` already exists, in
   * which case its job is (re)queued if it still needs sending and the caller has nothing left to do.
   */
  async resume(emailId: string): Promise<boolean> {
    const row = await this.emails.findOne({ where: { id: emailId }, select: { id: true, status: true } });
    if (!row) return false;
    if (row.status === 'queued') await this.dispatch(emailId);
    return true;
  }

  /** Emails of these categories queued for the account since `since`, in the caller's transaction (the budget). */
  countSince(manager: EntityManager, accountId: string, categories: readonly string[], since: Date): Promise<number> {
    return manager
      .getRepository(OutboxEmailRecord)
      .createQueryBuilder('email')
      .where('email.accountId = :accountId AND email.category IN (:...categories) AND email.createdAt >= :since', {
        accountId,
        categories: [...categories],
        since,
      })
      .getCount();
  }

  /** The sealed content of a row, or null when no configured key opens it. */
  unseal(row: Pick<OutboxEmailRecord, 'id' | 'sealed'>): SealedEmail | null {
    if (!row.sealed) return null;
    try {
      return JSON.parse(decryptSecret(this.deps.keyRing, row.sealed, sealContext(row.id))) as SealedEmail;
    } catch {
      return null;
    }
  }

  /** Puts the sweep's schedule in place (idempotent: each process may call it at start). */
  async start(): Promise<void> {
    await this.deps.jobs.upsertSchedule(MAIL_SWEEP_KEY, this.sweepTuning.everyMs, JOB_MAIL_SWEEP, {});
  }

  /**
   * The `mail.sweep` job: queues again the emails whose job went missing (the process died between commit and
   * dispatch, or the job itself failed while the database was away), and deletes old sent and failed rows.
   */
  async sweep(): Promise<{ requeued: number; pruned: number }> {
    const now = this.deps.clock.now().getTime();
    const overdue = await this.emails
      .createQueryBuilder('email')
      .select(['email.id'])
      .where('email.status = :queued AND email.nextAttemptAt < :before', {
        queued: 'queued',
        before: new Date(now - this.sweepTuning.graceMs),
      })
      .orderBy('email.nextAttemptAt', 'ASC')
      .limit(200)
      .getMany();
    for (const { id } of overdue) await this.dispatch(id);
    const pruned = await this.emails
      .createQueryBuilder()
      .delete()
      .from(OutboxEmailRecord)
      .where('status IN (:...done) AND updatedAt < :before', {
        done: ['sent', 'failed'],
        before: new Date(now - this.sweepTuning.keepMs),
      })
      .execute();
    const result = { requeued: overdue.length, pruned: pruned.affected ?? 0 };
    if (result.requeued + result.pruned > 0) {
      this.deps.logger.info({ event: 'mail.sweep', ...result }, 'email outbox swept');
    }
    return result;
  }

  /** dispatch() for a caller that must not fail once the email is stored: a failure is logged, the sweep retries. */
  async tryDispatch(emailId: string): Promise<void> {
    try {
      await this.dispatch(emailId);
    } catch (error) {
      this.deps.logger.warn(
        { event: 'mail.dispatch_failed', emailId, reason: error instanceof Error ? error.name : 'unknown' },
        'email stored but its job could not be queued; the outbox sweep will queue it',
      );
    }
  }
}
