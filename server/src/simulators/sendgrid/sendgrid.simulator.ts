import { randomBytes } from 'node:crypto';
import express, { type Express, type Request, type Response } from 'express';
import { listenOnLoopback, type RunningServer } from '../http';
import { createControlRouter } from './sendgrid.control';
import { renderMailbox, renderMessage } from './mailbox.page';
import {
  answerFault,
  DEFAULT_FAULTS,
  faultsSchema,
  type AnsweredRequest,
  type FaultsInput,
  type FaultStatus,
  type SendGridFaults,
} from './sendgrid.faults';

/**
 * A SendGrid v3 `/v3/mail/send` stand-in (docs/vendors/sendgrid.md) that keeps what it receives in a mailbox,
 * and can be told to fail as SendGrid does (README.md beside this file).
 */

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
  failNext(status: FaultStatus, count?: number): void;
  /** Changes some switches (validated as over HTTP); returns them all. */
  setFaults(faults: FaultsInput): SendGridFaults;
  faults(): SendGridFaults;
  /** Every send answered since the last reset, oldest first. */
  requests(): AnsweredRequest[];
  /** Clears the switches and the request log (the mailbox stays). */
  reset(): void;
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
  if (body.custom_args !== undefined) {
    const args = body.custom_args;
    if (typeof args !== 'object' || args === null || Array.isArray(args)) {
      errors.push({
        message: `Invalid type. Expected: object, given: ${Array.isArray(args) ? 'array' : args === null ? 'null' : typeof args}.`,
        field: 'custom_args',
        help: 'http://sendgrid.com/docs/API_Reference/Web_API_v3/Mail/errors.html#message.custom_args',
      });
    } else if (Object.values(args).some((value) => typeof value !== 'string')) {
      // SendGrid takes only string values here (a number is a bare 400).
      errors.push({ message: 'Bad Request', field: null, help: null });
    } else if (Buffer.byteLength(JSON.stringify(args)) > 10_000) {
      errors.push({ message: 'custom_args is limited to 10,000 bytes.', field: 'custom_args', help: null });
    }
  }
  return { errors, from, to };
}

function customArgsOf(body: Record<string, unknown>): Record<string, string> | undefined {
  const args = body.custom_args;
  if (typeof args !== 'object' || args === null || Array.isArray(args)) return undefined;
  return Object.fromEntries(
    Object.entries(args).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
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
  let faults: SendGridFaults = { ...DEFAULT_FAULTS };
  const answered: AnsweredRequest[] = [];
  let hangs = 0;
  const app = express();
  app.disable('x-powered-by');

  const log = (entry: Omit<AnsweredRequest, 'at'>) => {
    answered.push({ at: new Date().toISOString(), ...entry });
    if (answered.length > 1000) answered.shift();
  };

  app.post('/v3/mail/send', express.json({ limit: '30mb' }), (req: Request, res: Response) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const customArgs = customArgsOf(body);
    if (faults.dropNext > 0) {
      faults.dropNext -= 1;
      log({ outcome: 'dropped', customArgs });
      req.socket.destroy();
      return;
    }
    const auth = req.get('authorization') ?? '';
    const key = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    const keyOk = options.apiKeys ? options.apiKeys.includes(key) : key.startsWith('SG.');
    if (hangs > 0) {
      hangs -= 1;
      return;
    }
    let forced: FaultStatus | undefined = faults.down ?? undefined;
    if (forced === undefined && faults.failNext > 0) {
      faults.failNext -= 1;
      forced = faults.failStatus;
    }
    if (!keyOk || forced === 401) {
      log({ outcome: 401, customArgs });
      res.status(401).json({
        errors: [
          { message: 'The provided authorization grant is invalid, expired, or revoked', field: null, help: null },
        ],
      });
      return;
    }
    if (forced !== undefined) {
      log({ outcome: forced, customArgs });
      answerFault(res, forced, faults);
      return;
    }
    const { errors, from, to } = validate(body);
    if (errors.length > 0 || !from) {
      log({ outcome: 400, customArgs });
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
    if (faults.acceptThenDropNext > 0) {
      // Accepted and queued at SendGrid, but the client never hears the 202.
      faults.acceptThenDropNext -= 1;
      log({ outcome: 'dropped', messageId: id, customArgs });
      req.socket.destroy();
      return;
    }
    log({ outcome: 202, messageId: id, customArgs });
    res.status(202).set('X-Message-Id', id).end();
  });

  app.use(
    '/__control',
    createControlRouter(() => controls),
  );

  // The mailbox a person reads in demo mode, and the JSON tests read.
  app.get('/', (_req, res) => {
    const notice =
      faults.down !== null
        ? `SendGrid is switched "down": every send answers ${faults.down} (POST /__control/faults {"down": null} ends it).`
        : undefined;
    res.type('html').set('Cache-Control', 'no-store').send(renderMailbox(inbox, notice));
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
      faults = { ...faults, failNext: count, failStatus: status };
    },
    setFaults: (input) => {
      faults = { ...faults, ...faultsSchema.parse(input) };
      return { ...faults };
    },
    faults: () => ({ ...faults }),
    requests: () => answered.map((entry) => ({ ...entry })),
    reset: () => {
      faults = { ...DEFAULT_FAULTS };
      answered.length = 0;
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
