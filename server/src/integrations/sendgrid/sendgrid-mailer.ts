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
  /** SendGrid custom_args: string values shown in its activity feed and events; never personal data or secrets. */
  customArgs?: Record<string, string>;
}

export interface SentEmail {
  /** SendGrid's X-Message-Id of the accepted email, when it gave one. */
  messageId: string | null;
}

export interface Mailer {
  /** Resolves once SendGrid accepted the email; rejects with a SendGridError otherwise. */
  send(email: OutgoingEmail): Promise<SentEmail>;
}

export interface SendGridMailerOptions {
  apiKey: string;
  baseUrl: string;
  from: { email: string; name: string };
  timeoutMs?: number;
}

/**
 * Why SendGrid did not take an email, in words safe to log: the status, a network error code, the fields SendGrid
 * named. Never the raw client error, whose request configuration holds the recipient and the links
 * (docs/vendors/sendgrid.md §2).
 */
export class SendGridError extends Error {
  constructor(
    message: string,
    /** SendGrid's HTTP status; undefined when no answer came (network error, timeout). */
    readonly status: number | undefined,
    /** Worth trying again later: 429, 5xx, network errors and timeouts. Any other 4xx will not change. */
    readonly transient: boolean,
    /** For a 429: how long SendGrid asked us to wait. */
    readonly retryAfterMs?: number,
    /** No answer came within the deadline: the email may or may not have been accepted. */
    readonly timedOut = false,
  ) {
    super(message);
    this.name = 'SendGridError';
  }
}

/** axios (under @sendgrid/client) reports its timeout with one of these codes. */
const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT']);

interface ClientFailure {
  code?: unknown;
  response?: { headers?: Record<string, unknown>; body?: unknown };
}

/** Classifies what @sendgrid/mail threw (docs/vendors/sendgrid.md §2). */
export function sendGridErrorOf(error: unknown, now = Date.now()): SendGridError {
  const failure = (error ?? {}) as ClientFailure;
  if (typeof failure.code !== 'number') {
    const code = typeof failure.code === 'string' && /^[A-Z_]{2,40}$/.test(failure.code) ? failure.code : 'no answer';
    return new SendGridError(`SendGrid could not be reached (${code})`, undefined, true);
  }
  const status = failure.code;
  if (status === 429) {
    return new SendGridError(
      'SendGrid answered 429 (too many requests)',
      status,
      true,
      rateLimitWaitMs(failure.response?.headers, now),
    );
  }
  if (status >= 500 || status === 408) return new SendGridError(`SendGrid answered ${status}`, status, true);
  const fields = fieldsOf(failure.response?.body);
  return new SendGridError(
    `SendGrid refused the email (${status}${fields ? `: ${fields}` : ''})`,
    status,
    status < 400 || status >= 500,
  );
}

/** SendGrid's 429 carries X-RateLimit-Reset (epoch seconds); a Retry-After, should one come, wins. */
function rateLimitWaitMs(headers: Record<string, unknown> | undefined, now: number): number | undefined {
  const header = (name: string) => {
    const value = headers?.[name];
    return typeof value === 'string' || typeof value === 'number' ? Number(value) : Number.NaN;
  };
  const retryAfter = header('retry-after');
  if (Number.isFinite(retryAfter) && retryAfter >= 0) return retryAfter * 1000;
  const reset = header('x-ratelimit-reset');
  if (Number.isFinite(reset) && reset > 0) return Math.max(0, reset * 1000 - now);
  return undefined;
}

/** The `field`s of SendGrid's errors array (names such as "personalizations.0.to.0.email", never values). */
function fieldsOf(body: unknown): string {
  const errors = (body as { errors?: unknown })?.errors;
  if (!Array.isArray(errors)) return '';
  return errors
    .map((entry) => (entry as { field?: unknown })?.field)
    .filter((field): field is string => typeof field === 'string' && /^[\w.[\]-]{1,100}$/.test(field))
    .slice(0, 5)
    .join(', ');
}

export function createSendGridMailer(options: SendGridMailerOptions): Mailer {
  const client = new Client();
  client.setApiKey(options.apiKey);
  // setApiKey resets the base URL, so it is set afterwards (docs/vendors/sendgrid.md §1).
  client.setDefaultRequest('baseUrl', `${options.baseUrl.replace(/\/+$/, '')}/`);
  const mail = new MailService();
  mail.setClient(client);
  const timeoutMs = options.timeoutMs ?? 15_000;
  // axios's timeout is an idle-socket timeout; the race below is the hard deadline of the whole send.
  mail.setTimeout(timeoutMs);
  const timedOut = () =>
    new SendGridError(`SendGrid did not answer within ${timeoutMs} ms`, undefined, true, undefined, true);

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
          ...(email.customArgs ? { customArgs: email.customArgs } : {}),
          // Link tracking would rewrite single-use links through a third-party redirect.
          trackingSettings: {
            clickTracking: { enable: false, enableText: false },
            openTracking: { enable: false },
          },
        });
        sent.catch(() => undefined); // settled by the race below; a late failure after the deadline is moot
        const [response] = await Promise.race([sent, deadline]);
        const messageId = (response?.headers as Record<string, unknown> | undefined)?.['x-message-id'];
        return { messageId: typeof messageId === 'string' ? messageId.slice(0, 100) : null };
      } catch (error) {
        if (error instanceof SendGridError) throw error;
        const code = (error as { code?: unknown }).code;
        if (typeof code === 'string' && TIMEOUT_CODES.has(code)) throw timedOut();
        throw sendGridErrorOf(error);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
