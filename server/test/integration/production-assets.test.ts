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
  afterAll(() => fs.rmSync(dist, { recursive: true, force: true }));

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
