#!/usr/bin/env node
// `npm start`: builds what is missing or out of date, then runs the server (which serves the dashboard).
// `npm run worker` (`start.mjs worker`): the same for the worker-only process, which needs no dashboard.
// `npm run rotate-secrets` (`start.mjs rotate-secrets`): the same for the re-encryption command (docs/secrets.md).
import { spawnSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function newestMtime(dir) {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  if (!fs.statSync(dir).isDirectory()) return fs.statSync(dir).mtimeMs;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

function stale(output, inputs) {
  if (!fs.existsSync(output)) return true;
  const built = fs.statSync(output).mtimeMs;
  return inputs.some((input) => newestMtime(path.join(root, input)) > built);
}

function run(label, args) {
  console.log(`› ${label}…`);
  const result = spawnSync('npm', args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const ENTRIES = {
  server: 'server/dist/index.js',
  worker: 'server/dist/worker.js',
  'rotate-secrets': 'server/dist/scripts/rotate-secrets.js',
};
const mode = process.argv[2] ?? 'server';
if (!ENTRIES[mode]) {
  console.error(`unknown command ${mode}: use worker or rotate-secrets`);
  process.exit(1);
}
const entry = path.join(root, ENTRIES[mode]);

if (stale(entry, ['server/src'])) run('building the server', ['run', 'build', '-w', 'server']);
if (mode === 'server' && stale(path.join(root, 'client/dist/index.html'), ['client/src', 'client/index.html']))
  run('building the dashboard', ['run', 'build', '-w', 'client']);

const child = spawn(process.execPath, [entry], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
