import { defineFeature } from '../feature';
import { MailDelivery } from './mail-delivery';
import { JOB_MAIL_SEND, JOB_MAIL_SWEEP, MailOutbox } from './mail-outbox';
import { OutboxEmailRecord } from './outbox-email.entity';

export interface MailServices {
  /** Every email goes through it: stored (sealed) in the outbox, then sent by the `mail.send` job. */
  mail: MailOutbox;
}

/** Emails: a durable outbox on the job queue, delivered through SendGrid with retries (docs/email-delivery.md). */
export const mailFeature = defineFeature<MailServices>({
  name: 'mail',
  entities: [OutboxEmailRecord],
  resolvers: [],
  create: (host) => {
    const { config, dataSource, clock, logger } = host;
    const mail = new MailOutbox({
      dataSource,
      clock,
      keyRing: { keys: config.encryptionKeys },
      jobs: host.jobs,
      logger,
      retry: config.mail.retry,
      sweep: host.tuning.mail,
    });
    const delivery = new MailDelivery({
      dataSource,
      clock,
      mailer: host.mailer,
      outbox: mail,
      logger,
      retry: config.mail.retry,
    });
    return {
      services: { mail },
      jobs: {
        [JOB_MAIL_SEND]: delivery.handle,
        [JOB_MAIL_SWEEP]: async () => {
          await mail.sweep();
        },
      },
      start: () => mail.start(),
    };
  },
});
