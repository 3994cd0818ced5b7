import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { DateColumn, ID_LENGTH } from '../../db/columns';

export type OutboxEmailStatus = 'queued' | 'sent' | 'failed';

/**
 * One email of the outbox (docs/email-delivery.md): written in the transaction that decided to send it, delivered by
 * the `mail.send` job. The recipient and the rendered email (its links carry single-use tokens) are only stored
 * sealed (AES-256-GCM, MOBIUS_SECRET_KEY), and dropped once the email is sent or has failed for good; the row stays a
 * while as the account's email budget and the delivery record.
 */
@Entity('email_outbox')
@Index('IDX_email_outbox_account', ['accountId', 'createdAt'])
@Index('IDX_email_outbox_due', ['status', 'nextAttemptAt'])
export class OutboxEmailRecord {
  /** Also SendGrid's custom_args `mobius_email_id` and the job's id: the same email is the same id everywhere. */
  @PrimaryColumn({ type: 'varchar', length: ID_LENGTH })
  id: string;

  /** The account the email is about (its budget), when there is one. */
  @Column({ type: 'varchar', length: ID_LENGTH, nullable: true })
  accountId: string | null;

  /** The template, e.g. verify-email (also SendGrid's category). */
  @Column({ type: 'varchar', length: 40 })
  category: string;

  @Column({ type: 'varchar', length: 16 })
  status: OutboxEmailStatus;

  /** `{to, subject, text, html}` sealed with the app's key ring; null once sent or failed. */
  @Column({ type: 'text', nullable: true })
  sealed: string | null;

  /** Delivery attempts SendGrid answered with a failure, or did not answer. */
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /** When the next attempt is due (the sweep re-queues an email whose job went missing long after this). */
  @DateColumn()
  nextAttemptAt: Date;

  /** After this the email is not worth sending (e.g. its link has expired): it fails for good instead. */
  @DateColumn()
  deliverBy: Date;

  /** Why the last attempt failed: status, network error code, SendGrid's field names; never an address or link. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  /** SendGrid's X-Message-Id once accepted. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  messageId: string | null;

  @DateColumn({ nullable: true })
  sentAt: Date | null;

  @DateColumn()
  createdAt: Date;

  @DateColumn()
  updatedAt: Date;
}
