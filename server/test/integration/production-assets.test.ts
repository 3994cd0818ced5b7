import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PRODUCTION_ENV, startTestServer } from '../support/test-server';

/** What the dashboard's folder gives away (docs/request-hardening.md). */
describe('dashboard assets', () => {
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'mobius-assets-'));
  fs.mkdirSync(path.join(dist, 'assets'));
  fs.writeFileSync(path.join(dist, 'index.html'), '<html><body><div id="root"></div></body></html>');
  fs.writeFileSync(path.join(dist, 'assets', 'index-abc123.js'), 'console.log("dashboard");\n');
  fs.writeFileSync(
    path.join(dist, 'assets', 'index-abc123.js.map'),
    JSON.stringify({ version: 3, sources: ['../src/secret-sauce.tsx'], mappings: '' }),
  );
  const bigScript = `${'export const line = "the dashboard";\n'.repeat(400)}`;
  fs.writeFileSync(path.join(dist, 'assets', 'page-def456.js'), bigScript);
  afterAll(() => fs.rmSync(dist, { recursive: true, force: true }));

  it('sends the dashboard’s files gzip-compressed, hashed assets cacheable for a year, API answers as they are', async () => {
    const server = await startTestServer({ dialect: 'sqlite', clientDistDir: dist });
    try {
      const script = await fetch(`${server.url}/assets/page-def456.js`, { headers: { 'accept-encoding': 'gzip' } });
      expect(script.status).toBe(200);
      expect(script.headers.get('content-encoding')).toBe('gzip');
      expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(await script.text()).toBe(bigScript);
      const page = await fetch(`${server.url}/`, { headers: { 'accept-encoding': 'gzip' } });
      expect(page.headers.get('cache-control')).toBe('no-store');
      const api = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-encoding': 'gzip' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(api.headers.get('content-encoding')).toBeNull();
      expect(await api.json()).toEqual({ data: { __typename: 'Query' } });
    } finally {
      await server.close();
    }
  });

  it('serves no source map in production, even one left in the folder', async () => {
    const server = await startTestServer({ dialect: 'sqlite', clientDistDir: dist, env: PRODUCTION_ENV });
    try {
      const script = await fetch(`${server.url}/assets/index-abc123.js`);
      expect(script.status).toBe(200);
      const map = await fetch(`${server.url}/assets/index-abc123.js.map`);
      expect(map.status).toBe(404);
      expect(await map.text()).not.toContain('secret-sauce');
    } finally {
      await server.close();
    }
  });

  it('answers a missing asset with 404 rather than the dashboard page', async () => {
    const server = await startTestServer({ dialect: 'sqlite', clientDistDir: dist });
    try {
      const res = await fetch(`${server.url}/assets/nothing-here.js`);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('<div id="root">');
      expect((await fetch(`${server.url}/import/abc`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('builds the client without source maps', () => {
    const viteConfig = fs.readFileSync(path.resolve(__dirname, '../../../client/vite.config.ts'), 'utf8');
    expect(viteConfig).toMatch(/\bsourcemap: false\b/);
  });
});
