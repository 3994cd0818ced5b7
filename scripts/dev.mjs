#!/usr/bin/env node
// `npm run dev`: the server in watch mode beside Vite's dev server, on the same offline setup as `npm start`
// (embedded SQLite, the simulators started by the server itself).
// - tsc --watch compiles server/src into server/dist (tsc, not a transpiler, because TypeGraphQL and TypeORM read
//   the decorator metadata only tsc emits); node --watch restarts the server whenever a file it loaded changes.
// - Vite serves the dashboard on http://localhost:5173 with hot reload and forwards /graphql, /oauth and /healthz
//   to the server on :4000 (client/vite.config.ts), so email links and the OAuth return point at Vite (APP_URL).
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

const port = process.env.PORT ?? '4000';
const simulatorBase = Number(process.env.SIMULATOR_BASE_PORT ?? 4100);
const env = {
  ...process.env,
  APP_URL: process.env.APP_URL ?? 'http://localhost:5173',
  MOBIUS_API_ORIGIN: process.env.MOBIUS_API_ORIGIN ?? `http://localhost:${port}`,
  // The dashboard's link to the demo mailbox (the SendGrid simulator), which the server fills in a built page.
  MOBIUS_MAILBOX_URL:
    process.env.MOBIUS_MAILBOX_URL ??
    (process.env.MOBIUS_SIMULATORS === 'off' ? '' : `http://localhost:${simulatorBase + 1}/`),
};

// Incremental: a restart of `npm run dev` recompiles only what changed since the last one (the build info lives
// in server/dist, so deleting dist rebuilds everything).
const tsc = ['-p', 'server/tsconfig.build.json', '--incremental', '--tsBuildInfoFile', 'server/dist/.dev.tsbuildinfo'];
console.log('› compiling the server…');
const first = spawnSync(bin('tsc'), tsc, { cwd: root, stdio: 'inherit' });
if (first.status !== 0) process.exit(first.status ?? 1);

// One shell command line per process (concurrently runs each through the shell); plain words stay unquoted.
const quote = (args) =>
  args.map((arg) => (/^[\w./:=@-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`)).join(' ');
const child = spawn(
  bin('concurrently'),
  [
    '--kill-others',
    '--names',
    'tsc,server,client',
    '--prefix-colors',
    'yellow,blue,magenta',
    quote([bin('tsc'), ...tsc, '--watch', '--preserveWatchOutput']),
    quote([process.execPath, '--watch', 'server/dist/index.js']),
    'npm run dev -w client',
  ],
  { cwd: root, stdio: 'inherit', env },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
