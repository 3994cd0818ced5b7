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
    /** No answer came within the deadline: the email may or may not have been accepted. */
    readonly timedOut = false,
  ) {
    super(message);
    this.name = 'SendGridError';
  }
}

/** axios (under @sendgrid/client) reports its timeout with one of these codes. */
const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT']);

export function createSendGridMailer(options: SendGridMailerOptions): Mailer {
  const client = new Client();
  client.setApiKey(options.apiKey);
  // setApiKey resets the base URL, so it is set afterwards (apis.md §4.3).
  client.setDefaultRequest('baseUrl', `${options.baseUrl.replace(/\/+$/, '')}/`);
  const mail = new MailService();
  mail.setClient(client);
  const timeoutMs = options.timeoutMs ?? 15_000;
  // axios's timeout is an idle-socket timeout; the race below is the hard deadline of the whole send.
  mail.setTimeout(timeoutMs);
  const timedOut = () => new SendGridError(`SendGrid did not answer within ${timeoutMs} ms`, undefined, true);

  return {
    async send(email) {
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(timedOut()), timeoutMs);
      });
      try {
        const sent = mail.send({
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
        sent.catch(() => undefined); // settled by the race below; a late failure after the deadline is moot
        await Promise.race([sent, deadline]);
      } catch (error) {
        if (error instanceof SendGridError) throw error;
        const status = (error as { code?: unknown }).code;
        if (typeof status === 'string' && TIMEOUT_CODES.has(status)) throw timedOut();
        throw new SendGridError(
          `SendGrid refused the email (${typeof status === 'number' ? status : 'network error'})`,
          typeof status === 'number' ? status : undefined,
        );
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
