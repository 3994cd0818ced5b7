import { randomBytes } from 'node:crypto';
import express, { type Express, type Request, type Response } from 'express';
import { listenOnLoopback, type RunningServer } from '../http';
import { renderMailbox, renderMessage } from './mailbox.page';

/** A SendGrid v3 `/v3/mail/send` stand-in (apis.md §4) that keeps what it receives in a mailbox. */

export interface ReceivedEmail {
  id: string;
  receivedAt: string;
  from: { email: string; name?: string };
  to: Array<{ email: string; name?: string }>;
  subject: string;
  text?: string;
  html?: string;
  /** The raw v3 request body, as the product sent it. */
  payload: Record<string, unknown>;
}

export interface SendGridSimulatorOptions {
  /** Accepted API keys; default: any key that starts with "SG.". */
  apiKeys?: string[];
}

export interface SendGridControls {
  messages(): ReceivedEmail[];
  clear(): void;
  /** The next N sends answer this HTTP status. */
  failNext(status: 400 | 401 | 403 | 429 | 500 | 503, count?: number): void;
  /** The next N sends are read and never answered (the socket stays open until the client gives up). */
  hangNext(count?: number): void;
}

type Address = { email: string; name?: string };
type V3Error = { message: string; field: string | null; help: string | null };

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function asAddress(value: unknown): Address | undefined {
  if (typeof value === 'object' && value !== null && typeof (value as Address).email === 'string') {
    const a = value as Address;
    return { email: a.email, ...(typeof a.name === 'string' ? { name: a.name } : {}) };
  }
  return undefined;
}

function validate(body: Record<string, unknown>): { errors: V3Error[]; from?: Address; to: Address[] } {
  const errors: V3Error[] = [];
  const from = asAddress(body.from);
  if (!from || !EMAIL_RE.test(from.email)) {
    errors.push({
      message:
        'The from object must be provided for every email send. It is an object that requires the email parameter, but may also contain a name parameter.',
      field: 'from',
      help: 'http://sendgrid.com/docs/API_Reference/Web_API_v3/Mail/errors.html#message.from',
    });
  }
  const to: Address[] = [];
  const personalizations = Array.isArray(body.personalizations) ? body.personalizations : [];
  if (personalizations.length === 0) {
    errors.push({
      message: 'The personalizations field is required and must have at least one personalization.',
      field: 'personalizations',
      help: null,
    });
  }
  personalizations.forEach((p: unknown, i: number) => {
    const list = (p as { to?: unknown }).to;
    if (!Array.isArray(list) || list.length === 0) {
      errors.push({
        message:
          'The to array is required for all personalization objects, and must have at least one email object with a valid email address.',
        field: `personalizations.${i}.to`,
        help: null,
      });
      return;
    }
    list.forEach((entry: unknown, j: number) => {
      const address = asAddress(entry);
      if (!address || !EMAIL_RE.test(address.email) || /[\r\n]/.test(address.email)) {
        errors.push({
          message: 'Does not contain a valid address.',
          field: `personalizations.${i}.to.${j}.email`,
          help: null,
        });
      } else to.push(address);
    });
  });
  if (typeof body.subject !== 'string' || body.subject.trim() === '') {
    errors.push({
      message:
        'The subject is required. You can get around this requirement if you use a template with a subject defined or if every personalization has a subject defined.',
      field: 'subject',
      help: null,
    });
  }
  const content = Array.isArray(body.content) ? body.content : [];
  if (content.length === 0) {
    errors.push({
      message:
        'Unless a valid template_id is provided, the content parameter is required. There must be at least one defined content block.',
      field: 'content',
      help: null,
    });
  }
  return { errors, from, to };
}

function contentOf(body: Record<string, unknown>, type: string): string | undefined {
  const content = Array.isArray(body.content) ? (body.content as Array<{ type?: string; value?: string }>) : [];
  return content.find((c) => c.type === type)?.value;
}

export function createSendGridSimulator(options: SendGridSimulatorOptions = {}): {
  app: Express;
  controls: SendGridControls;
} {
  const inbox: ReceivedEmail[] = [];
  const failures: number[] = [];
  let hangs = 0;
  const app = express();
  app.disable('x-powered-by');

  app.post('/v3/mail/send', express.json({ limit: '30mb' }), (req: Request, res: Response) => {
    const auth = req.get('authorization') ?? '';
    const key = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    const keyOk = options.apiKeys ? options.apiKeys.includes(key) : key.startsWith('SG.');
    if (hangs > 0) {
      hangs -= 1;
      return;
    }
    const forced = failures.shift();
    if (!keyOk || forced === 401) {
      res.status(401).json({
        errors: [
          { message: 'The provided authorization grant is invalid, expired, or revoked', field: null, help: null },
        ],
      });
      return;
    }
    if (forced !== undefined) {
      res.status(forced).json({ errors: [{ message: `Simulated failure ${forced}`, field: null, help: null }] });
      return;
    }
    const body = (req.body ?? {}) as Record<string, unknown>;
    const { errors, from, to } = validate(body);
    if (errors.length > 0 || !from) {
      res.status(400).json({ errors });
      return;
    }
    const id = randomBytes(11).toString('base64url');
    inbox.unshift({
      id,
      receivedAt: new Date().toISOString(),
      from,
      to,
      subject: String(body.subject),
      text: contentOf(body, 'text/plain'),
      html: contentOf(body, 'text/html'),
      payload: body,
    });
    res.status(202).set('X-Message-Id', id).end();
  });

  // The mailbox a person reads in demo mode, and the JSON tests read.
  app.get('/', (_req, res) => {
    res.type('html').set('Cache-Control', 'no-store').send(renderMailbox(inbox));
  });
  app.get('/messages/:id', (req, res) => {
    const message = inbox.find((m) => m.id === req.params.id);
    if (!message) {
      res.status(404).type('html').send(renderMailbox(inbox, 'That message is no longer in the mailbox.'));
      return;
    }
    res.type('html').set('Cache-Control', 'no-store').send(renderMessage(message));
  });
  app.get('/api/messages', (req, res) => {
    const to = typeof req.query.to === 'string' ? req.query.to.toLowerCase() : undefined;
    res.json(to ? inbox.filter((m) => m.to.some((a) => a.email.toLowerCase() === to)) : inbox);
  });
  app.delete('/api/messages', (_req, res) => {
    inbox.length = 0;
    res.status(204).end();
  });

  const controls: SendGridControls = {
    messages: () => [...inbox],
    clear: () => {
      inbox.length = 0;
    },
    failNext: (status, count = 1) => {
      for (let i = 0; i < count; i += 1) failures.push(status);
    },
    hangNext: (count = 1) => {
      hangs += count;
    },
  };
  return { app, controls };
}

export async function startSendGridSimulator(
  options: SendGridSimulatorOptions & { port?: number } = {},
): Promise<RunningServer & { controls: SendGridControls }> {
  const { app, controls } = createSendGridSimulator(options);
  const server = await listenOnLoopback(app, options.port ?? 0);
  return { ...server, controls };
}
