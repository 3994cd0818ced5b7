import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ENTRY, ensureBuilt, freePort, SERVER_DIR, startChild } from '../support/server-process';
import { testSecrets } from '../support/test-server';

/** The real bootstrap (`node server/dist/index.js`): how it starts, refuses to start, and stops. */
describe('the server process', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mobius-process-'));
  beforeAll(() => ensureBuilt());
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('refuses to start in production without its secrets, naming each missing one', () => {
    const result = spawnSync(process.execPath, [ENTRY], {
      cwd: SERVER_DIR,
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', APP_URL: 'https://mobius.example.com' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^Mobius cannot start: /);
    for (const name of [
      'JWT_SECRET is required in production',
      'MOBIUS_SECRET_KEY is required in production',
      'MOBIUS_HASH_KEYS is required in production',
      'SENDGRID_API_KEY',
      'DATABASE_URL',
    ]) {
      expect(result.stderr).toContain(name);
    }
    expect(result.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('serves, then stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const child = await startChild(
      {
        NODE_ENV: 'development',
        MOBIUS_SIMULATORS: 'off',
        DATABASE_URL: `sqlite:${path.join(dataDir, 'mobius.sqlite')}`,
        JWT_SECRET: testSecrets.jwt,
        MOBIUS_SECRET_KEY: testSecrets.encryption,
        MOBIUS_HASH_KEYS: testSecrets.hash,
        SENDGRID_API_KEY: 'SG.unused',
        SENDGRID_API_BASE_URL: 'http://127.0.0.1:9',
      },
      port,
    );
    expect(child.output.join('')).toContain(`Mobius is running at http://127.0.0.1:${port}`);
    child.process.kill('SIGTERM');
    const exit = await Promise.race([
      child.exited,
      new Promise((resolve) => setTimeout(() => resolve('timeout'), 12_000)),
    ]);
    expect(exit).toEqual({ code: 0, signal: null });
    await expect(fetch(`${child.url}/healthz`)).rejects.toThrow();
  });

  it.each([
    ['closed its end of the pipe', 'closed'],
    ['stopped reading while the server kept logging', 'stalled'],
  ])('stops cleanly on SIGTERM when whoever read its output %s', async (_label, how) => {
    const port = await freePort();
    const child = await startChild(
      {
        NODE_ENV: 'development',
        MOBIUS_SIMULATORS: 'off',
        DATABASE_URL: `sqlite:${path.join(dataDir, `mobius-${how}.sqlite`)}`,
        JWT_SECRET: testSecrets.jwt,
        MOBIUS_SECRET_KEY: testSecrets.encryption,
        MOBIUS_HASH_KEYS: testSecrets.hash,
        SENDGRID_API_KEY: 'SG.unused',
        SENDGRID_API_BASE_URL: 'http://127.0.0.1:9',
        LOG_LEVEL: 'debug',
      },
      port,
    );
    const stdout = child.process.stdout!;
    if (how === 'closed') {
      stdout.destroy();
    } else {
      stdout.removeAllListeners('data');
      stdout.pause();
      // Requests the server logs (about 8 KB a line): more than the pipe holds.
      const longPath = `/no-such-page-${'x'.repeat(8000)}`;
      for (let i = 0; i < 60; i += 1) await fetch(`${child.url}${longPath}-${i}`);
    }
    child.process.kill('SIGTERM');
    const exit = await Promise.race([
      child.exited,
      new Promise((resolve) => setTimeout(() => resolve('still running after 12 s'), 12_000)),
    ]);
    if (exit !== null && typeof exit === 'string') child.process.kill('SIGKILL');
    expect(exit).toEqual({ code: 0, signal: null });
  });
});
