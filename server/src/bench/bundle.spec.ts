import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { firstLoadJavaScript } from './bundle';

describe('firstLoadJavaScript', () => {
  let dist: string;
  const entry = `import './vendor.js';\n${'console.log("entry");\n'.repeat(200)}`;
  const vendor = `export const words = ${JSON.stringify(Array.from({ length: 500 }, (_, i) => `word${i}`))};\n`;
  const lazy = 'export default "only after a click";\n'.repeat(50);
  const css = 'body { margin: 0; }\n.button { color: red; }\n'.repeat(40);
  const gz = (text: string) => gzipSync(Buffer.from(text)).length;

  beforeAll(() => {
    dist = mkdtempSync(path.join(tmpdir(), 'mobius-bundle-'));
    mkdirSync(path.join(dist, 'assets'));
    writeFileSync(path.join(dist, 'assets', 'index-abc.js'), entry);
    writeFileSync(path.join(dist, 'assets', 'vendor-def.js'), vendor);
    writeFileSync(path.join(dist, 'assets', 'lazy-ghi.js'), lazy);
    writeFileSync(path.join(dist, 'assets', 'index-jkl.css'), css);
    writeFileSync(
      path.join(dist, 'index.html'),
      `<!doctype html>
<html>
  <head>
    <!-- <script type="module" src="/assets/lazy-ghi.js"></script> is commented out -->
    <link rel="icon" type="image/svg+xml" href="/favicon.svg" />
    <script type="module" crossorigin src="/assets/index-abc.js"></script>
    <link rel="modulepreload" crossorigin href="/assets/vendor-def.js">
    <link rel='modulepreload' href='/assets/index-abc.js'>
    <link rel="stylesheet" crossorigin href="/assets/index-jkl.css?v=1">
    <script src="https://cdn.example.com/elsewhere.js"></script>
    <script>window.inline = true;</script>
  </head>
  <body><div id="root"></div></body>
</html>
`,
    );
  });

  afterAll(() => rmSync(dist, { recursive: true, force: true }));

  it('sums the entry script and its modulepreloads, gzip-compressed, once each', async () => {
    const measured = await firstLoadJavaScript(dist);

    expect(measured.files).toEqual([
      { file: 'assets/index-abc.js', gzipBytes: gz(entry) },
      { file: 'assets/vendor-def.js', gzipBytes: gz(vendor) },
    ]);
    expect(measured.totalGzipBytes).toBe(gz(entry) + gz(vendor));
    expect(measured.totalGzipBytes).toBeLessThan(Buffer.byteLength(entry) + Buffer.byteLength(vendor));
  });

  it('sums the linked stylesheets apart from the JavaScript', async () => {
    const measured = await firstLoadJavaScript(dist);
    expect(measured.cssGzipBytes).toBe(gz(css));
  });

  it('fails when index.html names a file that is not in the build', async () => {
    const broken = mkdtempSync(path.join(tmpdir(), 'mobius-bundle-'));
    try {
      writeFileSync(path.join(broken, 'index.html'), '<script type="module" src="/assets/missing.js"></script>');
      await expect(firstLoadJavaScript(broken)).rejects.toThrow(/ENOENT/);
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });
});
