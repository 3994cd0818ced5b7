import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createScratchMysqlDatabase } from '../db/scratch-mysql';
import { listenOnLoopback } from '../simulators/http';
import { completeAuthorization, DEFAULT_CLIENT, type RunningIntuitSimulator } from '../simulators/intuit';
import type { SendGridControls } from '../simulators/sendgrid';

/** The built server and workers as real processes, driven over GraphQL like a person or partner would. */

const SERVER_DIR = path.resolve(__dirname, '../..');

export interface BenchProcess {
  process: ChildProcess;
  url: string;
  exited: Promise<void>;
  /** Everything it wrote to stdout and stderr so far. */
  output: string[];
}

export async function freePort(): Promise<number> {
  const probe = await listenOnLoopback(() => undefined);
  await probe.close();
  return probe.port;
}

export function tempDatabaseUrl(): { url: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mobius-bench-'));
  return {
    url: `sqlite:${path.join(dir, 'mobius.sqlite')}`,
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** A fresh MySQL database beside the one of `baseUrl` (the server migrates it at start), dropped by remove(). */
export async function tempMysqlDatabase(baseUrl: string): Promise<{ url: string; remove(): Promise<void> }> {
  const database = await createScratchMysqlDatabase(baseUrl, 'mobius_bench');
  return { url: database.url, remove: database.drop };
}

export function serverEnv(options: {
  databaseUrl: string;
  intuit: RunningIntuitSimulator;
  sendgridUrl: string;
  extra?: Record<string, string>;
}): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: options.databaseUrl,
    JWT_SECRET: randomBytes(32).toString('base64'),
    MOBIUS_SECRET_KEY: randomBytes(32).toString('base64'),
    MOBIUS_HASH_KEYS: randomBytes(32).toString('base64'),
    MOBIUS_SIMULATORS: 'off',
    SENDGRID_API_KEY: 'SG.bench-key',
    SENDGRID_API_BASE_URL: options.sendgridUrl,
    MAIL_FROM: 'no-reply@mobius.test',
    LOG_LEVEL: 'warn',
    INTUIT_AUTHORIZE_URL: options.intuit.urls.authorize,
    INTUIT_TOKEN_URL: options.intuit.urls.token,
    INTUIT_REVOKE_URL: options.intuit.urls.revoke,
    QBO_API_BASE_URL: options.intuit.urls.qboBaseUrl,
    INTUIT_CLIENT_ID: DEFAULT_CLIENT.clientId,
    INTUIT_CLIENT_SECRET: DEFAULT_CLIENT.clientSecret,
    CONNECTWISE_ALLOW_HTTP: '1',
    CONNECTWISE_CLIENT_ID: '00000000-0000-4000-8000-00000000c11e',
    QUEUE_POLL_MS: '200',
    ...options.extra,
  };
}

/**
 * The same server as production runs it (NODE_ENV=production: graphql-js and Express skip their development
 * checks), for measuring. Production refuses plain-http ConnectWise sites, so the data is seeded beforehand by a
 * server started with serverEnv() on the same database.
 */
export function productionEnv(env: Record<string, string>): Record<string, string> {
  const { CONNECTWISE_ALLOW_HTTP: _allowHttp, ...rest } = env;
  return { ...rest, NODE_ENV: 'production', APP_URL: 'https://mobius.bench.test' };
}

function spawnEntry(entry: string, env: Record<string, string>): { process: ChildProcess; output: string[] } {
  // BENCH_PROFILE_DIR writes a V8 CPU profile of each process there when it exits (docs/performance.md §4).
  const profile = process.env.BENCH_PROFILE_DIR
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`]
    : [];
  const child = spawn(process.execPath, [...profile, path.join(SERVER_DIR, entry)], {
    cwd: SERVER_DIR,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  // BENCH_LOG_DIR keeps every process's log, to see what went wrong in a run.
  const logDir = process.env.BENCH_LOG_DIR;
  const file = logDir
    ? fs.createWriteStream(path.join(logDir, `${path.basename(entry, '.js')}-${child.pid}.log`))
    : null;
  child.stdout?.on('data', (chunk: Buffer) => {
    output.push(chunk.toString('utf8'));
    file?.write(chunk);
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output.push(chunk.toString('utf8'));
    file?.write(chunk);
  });
  return { process: child, output };
}

export async function startServer(env: Record<string, string>): Promise<BenchProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const { process: child, output } = spawnEntry('dist/index.js', {
    ...env,
    PORT: String(port),
    HOST: '127.0.0.1',
    APP_URL: env.APP_URL ?? url,
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (let i = 0; i < 600; i += 1) {
    if (child.exitCode !== null) throw new Error(`the server exited: ${output.join('')}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { process: child, url, exited, output };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`the server did not become healthy: ${output.join('')}`);
}

export async function startWorker(env: Record<string, string>): Promise<BenchProcess> {
  // "worker ready" is an info line: the worker logs at info whatever the server does.
  const { process: child, output } = spawnEntry('dist/worker.js', { ...env, LOG_LEVEL: 'info' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (let i = 0; i < 600; i += 1) {
    if (output.join('').includes('worker ready')) return { process: child, url: '', exited, output };
    if (child.exitCode !== null) throw new Error(`the worker exited: ${output.join('')}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`the worker did not start: ${output.join('')}`);
}

export async function stop(processes: BenchProcess[]): Promise<void> {
  for (const child of processes) if (child.process.exitCode === null) child.process.kill('SIGTERM');
  await Promise.all(processes.map((child) => child.exited));
}

export async function graphql<T>(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
): Promise<T> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: Array<{ message: string }> };
  if (body.errors?.length || !body.data) throw new Error(`GraphQL: ${JSON.stringify(body.errors ?? body)}`);
  return body.data;
}

const PASSWORD = 'Correct horse battery staple 42';

/** Signs up through the emailed link, as a person would; returns the session token. */
export async function signUp(url: string, mail: SendGridControls, email: string): Promise<string> {
  await graphql(url, 'mutation($email: String!) { signup(email: $email) }', { email });
  let token: string | undefined;
  for (let i = 0; i < 200 && !token; i += 1) {
    const message = mail
      .messages()
      .find((m) => m.to.some((to) => to.email === email) && m.text?.includes('/verify-email'));
    token = message?.text ? /\/verify-email\?token=([A-Za-z0-9_-]+)/.exec(message.text)?.[1] : undefined;
    if (!token) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  if (!token) throw new Error('no verification email');
  const data = await graphql<{ verifyEmail: { token: string } }>(
    url,
    'mutation($token: String!, $p: String!) { verifyEmail(token: $token, password: $p, passwordConfirmation: $p) { token } }',
    { token, p: PASSWORD },
  );
  return data.verifyEmail.token;
}

/** Connects a configuration to a QBO company through the Intuit simulator's pages and Mobius's callback. */
export async function connectQuickBooks(url: string, token: string, configurationId: string, realmId: string) {
  const { beginQuickBooksAuth } = await graphql<{ beginQuickBooksAuth: { authorizationUrl: string } }>(
    url,
    'mutation($id: ID!) { beginQuickBooksAuth(configurationId: $id) { authorizationUrl } }',
    { id: configurationId },
    token,
  );
  const outcome = await completeAuthorization(beginQuickBooksAuth.authorizationUrl, { realmId });
  const callback = new URL(outcome.location);
  const response = await fetch(`${url}${callback.pathname}${callback.search}`, {
    redirect: 'manual',
    headers: { cookie: `mobius_session=${token}` },
  });
  if (!(response.headers.get('location') ?? '').includes('connected=1')) throw new Error('QuickBooks did not connect');
}
