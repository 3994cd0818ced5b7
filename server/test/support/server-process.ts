import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { listenOnLoopback } from '../../src/simulators/http';
import { DEFAULT_CLIENT, type RunningIntuitSimulator } from '../../src/simulators/intuit';
import { testSecrets } from './test-server';

/** The built server (`node server/dist/index.js`) as a separate process, for tests of the real bootstrap. */

export const SERVER_DIR = path.resolve(__dirname, '../..');
export const ENTRY = path.join(SERVER_DIR, 'dist/index.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (/\.(ts|mjs)$/.test(entry.name) && !entry.name.endsWith('.spec.ts')) {
      newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  }
  return newest;
}

/** The test drives the built server; build it when the sources are newer than dist. */
export function ensureBuilt(): void {
  if (fs.existsSync(ENTRY) && fs.statSync(ENTRY).mtimeMs >= newestMtime(path.join(SERVER_DIR, 'src'))) return;
  execFileSync('npx', ['tsc', '-p', path.join(SERVER_DIR, 'tsconfig.build.json')], { stdio: 'inherit' });
  fs.utimesSync(ENTRY, new Date(), new Date());
}

export async function freePort(): Promise<number> {
  const probe = await listenOnLoopback(() => undefined);
  await probe.close();
  return probe.port;
}

export interface Child {
  process: ChildProcess;
  url: string;
  output: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export async function startChild(env: Record<string, string>, port: number): Promise<Child> {
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [ENTRY], {
    cwd: SERVER_DIR,
    env: { PATH: process.env.PATH ?? '', ...env, PORT: String(port), HOST: '127.0.0.1', APP_URL: url },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  for (let i = 0; i < 300; i += 1) {
    if (child.exitCode !== null) throw new Error(`the server exited: ${output.join('')}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { process: child, url, output, exited };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`the server did not become healthy: ${output.join('')}`);
}

/** The environment of a built server or worker on a test database, its email and Intuit pointed at simulators. */
export function childEnv(options: {
  databaseUrl: string;
  sendgridUrl: string;
  intuit: RunningIntuitSimulator;
  extra?: Record<string, string>;
}): Record<string, string> {
  const { intuit } = options;
  return {
    NODE_ENV: 'test',
    DATABASE_URL: options.databaseUrl,
    JWT_SECRET: testSecrets.jwt,
    MOBIUS_SECRET_KEY: testSecrets.encryption,
    MOBIUS_HASH_KEYS: testSecrets.hash,
    MOBIUS_SIMULATORS: 'off',
    SENDGRID_API_KEY: 'SG.test-key',
    SENDGRID_API_BASE_URL: options.sendgridUrl,
    MAIL_FROM: 'no-reply@mobius.test',
    LOG_LEVEL: 'info',
    INTUIT_AUTHORIZE_URL: intuit.urls.authorize,
    INTUIT_TOKEN_URL: intuit.urls.token,
    INTUIT_REVOKE_URL: intuit.urls.revoke,
    QBO_API_BASE_URL: intuit.urls.qboBaseUrl,
    INTUIT_CLIENT_ID: DEFAULT_CLIENT.clientId,
    INTUIT_CLIENT_SECRET: DEFAULT_CLIENT.clientSecret,
    ...options.extra,
  };
}
