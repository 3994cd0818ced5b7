import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ENTRY, ensureBuilt, freePort, SERVER_DIR, startChild, type Child } from '../support/server-process';
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
    // A login's bcrypt runs in the hashing pool's worker thread, loaded from dist/ (docs/login-protection.md).
    const login = await fetch(`${child.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation { login(email: "nobody@acme-msp.test", password: "Some password 123") { token } }',
      }),
    });
    const answer = (await login.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
    expect(answer.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    child.process.kill('SIGTERM');
    const exit = await Promise.race([
      child.exited,
      new Promise((resolve) => setTimeout(() => resolve('timeout'), 12_000)),
    ]);
    expect(exit).toEqual({ code: 0, signal: null });
    await expect(fetch(`${child.url}/healthz`)).rejects.toThrow();
  });

  describe('request deadlines (docs/request-hardening.md)', () => {
    let child: Child;
    beforeAll(async () => {
      child = await startChild(
        {
          NODE_ENV: 'development',
          MOBIUS_SIMULATORS: 'off',
          DATABASE_URL: `sqlite:${path.join(dataDir, 'deadlines.sqlite')}`,
          JWT_SECRET: testSecrets.jwt,
          MOBIUS_SECRET_KEY: testSecrets.encryption,
          SENDGRID_API_KEY: 'SG.unused',
          SENDGRID_API_BASE_URL: 'http://127.0.0.1:9',
          HTTP_HEADERS_TIMEOUT_MS: '500',
          HTTP_REQUEST_TIMEOUT_MS: '1000',
        },
        await freePort(),
      );
    });
    afterAll(async () => {
      child?.process.kill('SIGTERM');
      await child?.exited;
    });

    /** Sends `text` on a raw connection and never anything more; resolves with what the server said before closing. */
    const holdOpen = (text: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = net.connect(Number(new URL(child.url).port), '127.0.0.1', () => socket.write(text));
        let received = '';
        socket.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
        socket.on('close', () => resolve(received));
        socket.on('error', reject);
      });

    it('closes a connection whose headers never finish (slow loris)', async () => {
      const answer = await holdOpen('POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: 1\r\n');
      expect(answer).toMatch(/^HTTP\/1\.1 408 Request Timeout/);
      // Node's own default would wait 60 s or more; the configured 0.5 s closes it well inside this test's 30 s.
    }, 30_000);

    it('closes a connection whose body never finishes', async () => {
      const answer = await holdOpen(
        'POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"query":',
      );
      expect(answer).toMatch(/^HTTP\/1\.1 408 Request Timeout/);
      // The server is still there for everyone else.
      expect((await fetch(`${child.url}/healthz`)).status).toBe(200);
    }, 30_000);
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
