import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { Writable } from 'node:stream';
import { Queue } from 'bullmq';
import type { DataSource } from 'typeorm';
import { OutboxEmailRecord } from '../../src/modules/mail/outbox-email.entity';
import { createApp, type AppDeps, type MobiusApp } from '../../src/app';
import { loadConfig, type Config } from '../../src/config';
import { createLogger } from '../../src/lib/logger';
import { BULLMQ_QUEUE_NAME } from '../../src/queue/bullmq-job-queue';
import type { Clock } from '../../src/lib/clock';
import { listenOnLoopback, type RunningServer } from '../../src/simulators/http';
import { DEFAULT_CLIENT, startIntuitSimulator, type RunningIntuitSimulator } from '../../src/simulators/intuit';
import { startSendGridSimulator, type SendGridControls } from '../../src/simulators/sendgrid';
import { createTestDatabase, type TestDatabase } from './databases';

/** Boots createApp() on a free loopback port against a fresh database and the SendGrid simulator. */

export interface TestServer {
  url: string;
  config: Readonly<Config>;
  app: MobiusApp;
  db: TestDatabase;
  /** The SendGrid simulator of this server, shared by every server started on the same database. */
  mail: SendGridControls;
  /** The demo mailbox page of this server's SendGrid simulator. */
  mailboxUrl: string;
  /** The Intuit simulator this server talks to, when started with `intuit`. */
  intuit?: RunningIntuitSimulator;
  logs: string[];
  /** Waits until every sign-up/reset request job and every email is done (sent or failed for good). */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  dialect: 'sqlite' | 'mysql';
  env?: Record<string, string>;
  clock?: Clock;
  /** Serve the dashboard from this folder instead of client/dist. */
  clientDistDir?: string;
  /** Reuse an existing database (a "second server process"). */
  db?: TestDatabase;
  /** Point the Intuit settings at a simulator: `true` starts one (closed with the server), or pass a running one. */
  intuit?: true | RunningIntuitSimulator;
  /** Schedule the QuickBooks connection checker (default off: tests call runOnce()). */
  backgroundChecks?: boolean;
  /** Overrides of the import's durations and pacing. */
  imports?: AppDeps['imports'];
  /** Overrides of the job queue settings (default: the embedded queue polling every 50 ms). */
  queue?: AppDeps['queue'];
}

/** What a production start needs beyond what startTestServer already sets (endpoints stay on loopback). */
export const PRODUCTION_ENV: Record<string, string> = {
  NODE_ENV: 'production',
  APP_URL: 'https://mobius.example.com',
  INTUIT_CLIENT_ID: 'production-client-id',
  INTUIT_CLIENT_SECRET: 'production-client-secret',
  CONNECTWISE_CLIENT_ID: '00000000-0000-4000-8000-00000000c11e',
};

export const testSecrets = {
  jwt: randomBytes(32).toString('base64'),
  encryption: randomBytes(32).toString('base64'),
  hash: randomBytes(32).toString('base64'),
};

const sendGridOfDatabase = new WeakMap<TestDatabase, Awaited<ReturnType<typeof startSendGridSimulator>>>();

export async function startTestServer(options: TestServerOptions): Promise<TestServer> {
  const db = options.db ?? (await createTestDatabase(options.dialect));
  // Servers on one database are processes of one installation: they send through one SendGrid (any of them may
  // run an email's job), the simulator of the first server started on it.
  const sharedSendGrid = options.db ? sendGridOfDatabase.get(options.db) : undefined;
  const sendgrid = sharedSendGrid ?? (await startSendGridSimulator());
  if (!sharedSendGrid) sendGridOfDatabase.set(db, sendgrid);
  const intuit = options.intuit === true ? await startIntuitSimulator() : options.intuit;
  const intuitEnv: Record<string, string> = intuit
    ? {
        INTUIT_AUTHORIZE_URL: intuit.urls.authorize,
        INTUIT_TOKEN_URL: intuit.urls.token,
        INTUIT_REVOKE_URL: intuit.urls.revoke,
        QBO_API_BASE_URL: intuit.urls.qboBaseUrl,
        INTUIT_CLIENT_ID: DEFAULT_CLIENT.clientId,
        INTUIT_CLIENT_SECRET: DEFAULT_CLIENT.clientSecret,
      }
    : {};
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(chunk.toString('utf8'));
      done();
    },
  });
  let handler: http.RequestListener = (_req, res) => {
    res.statusCode = 503;
    res.end();
  };
  const dispatch: http.RequestListener = (req, res) => handler(req, res);
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    JWT_SECRET: testSecrets.jwt,
    MOBIUS_SECRET_KEY: testSecrets.encryption,
    MOBIUS_HASH_KEYS: testSecrets.hash,
    MOBIUS_SIMULATORS: 'off',
    SENDGRID_API_KEY: 'SG.test-key',
    SENDGRID_API_BASE_URL: sendgrid.url,
    MAIL_FROM: 'no-reply@mobius.test',
    TRUST_PROXY: 'loopback',
    LOG_LEVEL: 'info',
    ...intuitEnv,
    ...options.env,
  };
  // The request deadlines are set when the server is created, before its URL (APP_URL) is known.
  const server: RunningServer = await listenOnLoopback(dispatch, 0, '127.0.0.1', loadConfig(env).http);
  const config = loadConfig({ ...env, APP_URL: options.env?.APP_URL ?? server.url });
  const logger = createLogger({ level: config.logLevel, destination });
  const dataSource = options.db ? await db.openAnother() : db.dataSource;
  const app = await createApp({
    config,
    dataSource,
    logger,
    clock: options.clock,
    backgroundChecks: options.backgroundChecks ?? false,
    clientDistDir: options.clientDistDir,
    imports: options.imports,
    queue: { pollMs: 50, ...options.queue },
  });
  handler = app.express;
  const redisUrl = options.queue?.redisUrl;
  const inspector = redisUrl
    ? new Queue(BULLMQ_QUEUE_NAME, { connection: { url: redisUrl }, prefix: options.queue?.prefix ?? 'mobius' })
    : undefined;
  return {
    url: server.url,
    config,
    app,
    db,
    mail: sendgrid.controls,
    mailboxUrl: `${sendgrid.url}/`,
    intuit,
    logs,
    settle: () => settleEmails(dataSource, inspector),
    close: async () => {
      await inspector?.close();
      await server.close();
      await app.close();
      if (!sharedSendGrid) {
        sendGridOfDatabase.delete(db);
        await sendgrid.close();
      }
      if (options.intuit === true) await intuit?.close();
      if (!options.db) await db.destroy();
    },
  };
}

const EMAIL_JOBS = new Set(['auth.signup-email', 'auth.reset-email', 'mail.send']);

/** Polls until no email request or email job waits or runs (embedded rows or BullMQ) and no email is queued. */
async function settleEmails(dataSource: DataSource, inspector: Queue | undefined, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const pending = async () => {
    const count = async (sql: string) => Number((await dataSource.query<Array<{ n: number | string }>>(sql))[0]?.n);
    const emails = await count("SELECT COUNT(*) AS n FROM email_outbox WHERE status = 'queued'");
    const jobs = inspector
      ? (await inspector.getJobs(['waiting', 'active', 'delayed', 'prioritized'])).filter((job) =>
          EMAIL_JOBS.has(job.name),
        ).length
      : await count(
          "SELECT COUNT(*) AS n FROM queue_jobs WHERE status IN ('waiting', 'active') AND name IN ('auth.signup-email', 'auth.reset-email', 'mail.send')",
        );
    return emails + jobs;
  };
  while ((await pending()) > 0) {
    if (Date.now() > deadline) throw new Error('emails did not settle: a request or an email is still pending');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Forgets every request budget: the throttles (rate_limits) and the per-account email budget, which is counted from
 * the email outbox (sent and failed rows; docs/email-delivery.md §4).
 */
/** Stands for a minute passing for the per-account email budget: emails of the last minute move two minutes back. */
export async function passEmailMinute(server: Pick<TestServer, 'db'>): Promise<void> {
  await server.db.dataSource
    .createQueryBuilder()
    .update(OutboxEmailRecord)
    .set({ createdAt: new Date(Date.now() - 120_000) })
    .where('createdAt > :recent', { recent: new Date(Date.now() - 60_000) })
    .execute();
}

export async function resetBudgets(server: Pick<TestServer, 'db'>): Promise<void> {
  await server.db.dataSource.query('DELETE FROM rate_limits');
  await server.db.dataSource.query("DELETE FROM email_outbox WHERE status <> 'queued'");
}

let ipCounter = 0;
/** A distinct client address per call (the server trusts X-Forwarded-For from loopback, as behind a proxy). */
export function freshIp(): string {
  ipCounter += 1;
  // Documentation ranges (RFC 5737): only ever a header value, never an address anything is sent to.
  const nets = ['192.0.2', '198.51.100', '203.0.113'];
  return `${nets[Math.floor(ipCounter / 250) % 3]}.${(ipCounter % 250) + 1}`;
}

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: {
    data?: T | null;
    errors?: Array<{ message: string; extensions?: { code?: string; field?: string; [k: string]: unknown } }>;
  };
  raw: string;
}

export interface RequestOptions {
  token?: string;
  cookie?: string;
  ip?: string;
  headers?: Record<string, string>;
}

export async function gql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  options: RequestOptions = {},
): Promise<GraphQLResponse<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.cookie) headers.cookie = options.cookie;
  if (options.ip) headers['x-forwarded-for'] = options.ip;
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables }),
  });
  const raw = await response.text();
  let body: GraphQLResponse<T>['body'] = {};
  try {
    body = JSON.parse(raw) as GraphQLResponse<T>['body'];
  } catch {
    body = {};
  }
  return { status: response.status, headers: response.headers, body, raw };
}

/** The session cookie a browser holding session token `token` sends (the name for an http:// APP_URL). */
export function sessionCookie(token: string): string {
  return `mobius_session=${token}`;
}

/** The `name=value` of the session cookie a response set, or null (none, or one that clears it). */
export function sessionCookieSet(res: Pick<GraphQLResponse, 'headers'>): string | null {
  const header = res.headers.get('set-cookie') ?? '';
  const match = /(?:^|,\s*)(mobius_session=[^;]+);/.exec(header);
  return match?.[1] ?? null;
}

export function errorOf(response: GraphQLResponse): { code?: string; field?: string; message?: string } {
  const error = response.body.errors?.[0];
  return { code: error?.extensions?.code, field: error?.extensions?.field, message: error?.message };
}

/** The token in the last link emailed to `to` for the given path. */
export function tokenFromEmail(mail: SendGridControls, to: string, path: '/verify-email' | '/reset-password'): string {
  const address = to.trim().toLowerCase();
  const message = mail.messages().find((m) => m.to.some((a) => a.email === address) && m.text?.includes(path));
  if (!message?.text) throw new Error(`no ${path} email for ${to}`);
  const match = new RegExp(`${path}\\?token=([A-Za-z0-9_-]+)`).exec(message.text);
  if (!match?.[1]) throw new Error('no token in email');
  return match[1];
}

export const STRONG_PASSWORD = 'Correct horse battery staple 42';

export const MUTATIONS = {
  signup:
    'mutation($email: String!, $name: String, $companyName: String) { signup(email: $email, name: $name, companyName: $companyName) }',
  verifyEmail:
    'mutation($token: String!, $password: String!, $passwordConfirmation: String!) { verifyEmail(token: $token, password: $password, passwordConfirmation: $passwordConfirmation) { token account { id email emailVerified } } }',
  login:
    'mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token account { id email } } }',
  logout: 'mutation { logout }',
  requestPasswordReset: 'mutation($email: String!) { requestPasswordReset(email: $email) }',
  resetPassword:
    'mutation($token: String!, $password: String!, $passwordConfirmation: String!) { resetPassword(token: $token, password: $password, passwordConfirmation: $passwordConfirmation) { token account { id email } } }',
  me: '{ me { id email emailVerified name companyName } }',
};

/** Signs up and verifies an account; returns its session token. */
export async function createVerifiedAccount(
  server: TestServer,
  email: string,
  password = STRONG_PASSWORD,
): Promise<{ token: string; accountId: string }> {
  const ip = freshIp();
  await gql(server.url, MUTATIONS.signup, { email }, { ip });
  await server.settle();
  const token = tokenFromEmail(server.mail, email, '/verify-email');
  const res = await gql<{ verifyEmail: { token: string; account: { id: string } } }>(
    server.url,
    MUTATIONS.verifyEmail,
    { token, password, passwordConfirmation: password },
    { ip },
  );
  if (!res.body.data?.verifyEmail) throw new Error(`verify failed: ${res.raw}`);
  return { token: res.body.data.verifyEmail.token, accountId: res.body.data.verifyEmail.account.id };
}
