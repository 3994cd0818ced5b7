import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { round, type Metric } from './metrics';

/** The JavaScript a browser fetches on the dashboard's first page load, gzip-compressed (docs/performance.md). */
export interface FirstLoadJavaScript {
  /** The entry script and every modulepreload, in the order index.html names them. */
  files: Array<{ file: string; gzipBytes: number }>;
  totalGzipBytes: number;
  /** Every stylesheet index.html links, gzip-compressed and summed. */
  cssGzipBytes: number;
}

/** The attributes of one start tag, names lower-cased; a bare attribute has the value ''. */
function attributes(tag: string): Map<string, string> {
  const found = new Map<string, string>();
  const body = tag.replace(/^<[a-z]+/i, '').replace(/\/?>$/, '');
  for (const match of body.matchAll(/([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
    const name = match[1].toLowerCase();
    if (!found.has(name)) found.set(name, match[2] ?? match[3] ?? match[4] ?? '');
  }
  return found;
}

/** A same-origin address in index.html ("/assets/x.js", "./assets/x.js"), as a path inside distDir; null for another origin. */
function localPath(distDir: string, address: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(address)) return null;
  const clean = address.split(/[?#]/)[0].replace(/^\/+/, '');
  return path.join(distDir, clean);
}

async function gzipBytes(file: string): Promise<number> {
  return gzipSync(await readFile(file)).length;
}

/**
 * Measures what a first visit to the built dashboard downloads: every JS file `distDir/index.html` references
 * (`<script src>` and `<link rel="modulepreload">`) and every stylesheet it links, each gzip-compressed at
 * node:zlib's default level as a server would send it.
 */
export async function firstLoadJavaScript(distDir: string): Promise<FirstLoadJavaScript> {
  const html = await readFile(path.join(distDir, 'index.html'), 'utf8');
  const withoutComments = html.replace(/<!--[\s\S]*?-->/g, '');
  const scripts: string[] = [];
  const styles: string[] = [];
  for (const [tag] of withoutComments.matchAll(/<(?:script|link)\b[^>]*>/gi)) {
    const attrs = attributes(tag);
    if (/^<script/i.test(tag)) {
      const src = attrs.get('src');
      if (src) scripts.push(src);
      continue;
    }
    const rel = (attrs.get('rel') ?? '').toLowerCase().split(/\s+/);
    const href = attrs.get('href');
    if (!href) continue;
    if (rel.includes('modulepreload')) scripts.push(href);
    else if (rel.includes('stylesheet')) styles.push(href);
  }

  const files: FirstLoadJavaScript['files'] = [];
  const seen = new Set<string>();
  for (const address of scripts) {
    const file = localPath(distDir, address);
    if (file === null || seen.has(file)) continue;
    seen.add(file);
    files.push({ file: path.relative(distDir, file).split(path.sep).join('/'), gzipBytes: await gzipBytes(file) });
  }

  let cssGzipBytes = 0;
  for (const address of styles) {
    const file = localPath(distDir, address);
    if (file === null || seen.has(file)) continue;
    seen.add(file);
    cssGzipBytes += await gzipBytes(file);
  }

  return { files, totalGzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0), cssGzipBytes };
}

const BUDGET_BYTES = 200 * 1024;

/** Figure 4 of `npm run bench`: the built dashboard's first-load JavaScript (client/dist, built by the script). */
export async function bundleBenchmark(distDir = path.resolve(__dirname, '../../../client/dist')): Promise<Metric[]> {
  const measured = await firstLoadJavaScript(distDir);
  for (const { file, gzipBytes: bytes } of measured.files) console.log(`  ${file}: ${round(bytes / 1024, 1)} KB gzip`);
  const kb = round(measured.totalGzipBytes / 1024, 1);
  return [
    {
      name: 'dashboard JavaScript on first load, gzip',
      value: kb,
      unit: 'KB',
      target: BUDGET_BYTES / 1024,
      atMost: true,
      met: measured.totalGzipBytes <= BUDGET_BYTES,
    },
    { name: 'dashboard CSS on first load, gzip', value: round(measured.cssGzipBytes / 1024, 1), unit: 'KB' },
  ];
}
