import { Client } from '@sendgrid/client';
import { MailService } from '@sendgrid/mail';

/** Sends through the real @sendgrid/mail library; the base URL points at SendGrid or at its simulator. */

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Tags for SendGrid's activity feed (never secrets). */
  category: string;
}

export interface Mailer {
  send(email: OutgoingEmail): Promise<void>;
}

export interface SendGridMailerOptions {
  apiKey: string;
  baseUrl: string;
  from: { email: string; name: string };
  timeoutMs?: number;
}

export class SendGridError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'SendGridError';
  }
}

export function createSendGridMailer(options: SendGridMailerOptions): Mailer {
  const client = new Client();
  client.setApiKey(options.apiKey);
  // setApiKey resets the base URL, so it is set afterwards (apis.md §4.3).
  client.setDefaultRequest('baseUrl', `${options.baseUrl.replace(/\/+$/, '')}/`);
  const mail = new MailService();
  mail.setClient(client);
  mail.setTimeout(options.timeoutMs ?? 15_000);

  return {
    async send(email) {
      try {
        await mail.send({
          from: options.from,
          to: email.to,
          subject: email.subject,
          text: email.text,
          html: email.html,
          categories: [email.category],
          // Link tracking would rewrite single-use links through a third-party redirect.
          trackingSettings: {
            clickTracking: { enable: false, enableText: false },
            openTracking: { enable: false },
          },
        });
      } catch (error) {
        const status = (error as { code?: unknown }).code;
        throw new SendGridError(
          `SendGrid refused the email (${typeof status === 'number' ? status : 'network error'})`,
          typeof status === 'number' ? status : undefined,
        );
      }
    },
  };
}
