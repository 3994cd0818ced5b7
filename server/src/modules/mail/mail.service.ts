import type { Mailer } from '../../integrations/sendgrid/sendgrid-mailer';
import type { BackgroundTasks } from '../../lib/background';
import type { Logger } from '../../lib/logger';
import type { RenderedEmail } from './templates';

const RETRY_DELAYS_MS = [500, 2000, 5000];

/** Queues emails off the request path and retries transient SendGrid failures. */
export class MailService {
  constructor(
    private readonly mailer: Mailer,
    private readonly background: BackgroundTasks,
    private readonly logger: Logger,
  ) {}

  /** Sends now, awaiting delivery (callers already running in the background). */
  async deliver(to: string, email: RenderedEmail): Promise<void> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await this.mailer.send({ to, ...email });
        this.logger.info({ event: 'mail.sent', category: email.category }, 'email sent');
        return;
      } catch (error) {
        const status = (error as { status?: number }).status;
        const permanent = status !== undefined && status >= 400 && status < 500 && status !== 429;
        if (permanent || attempt >= RETRY_DELAYS_MS.length) throw error;
        await new Promise((resolve) => setTimeout(resolve, RETRY_DELAYS_MS[attempt]));
      }
    }
  }

  /** Fire-and-forget. */
  enqueue(to: string, email: RenderedEmail): void {
    this.background.run(`mail:${email.category}`, () => this.deliver(to, email));
  }
}
