import fs from 'node:fs';
import path from 'node:path';

/**
 * The repository carries its own contract: comments and docs cite pages under `docs/` (docs/product.md,
 * docs/security.md, docs/vendors/*.md, docs/decisions/), never documents a maintainer of this repository does
 * not have (a specification, a security checklist or API notes kept outside it). This scans every source and
 * documentation file and fails on such a citation, on a cited `docs/….md` that does not exist, and on a cited
 * section (`docs/x.md §3`, `docs/security.md item 68`) that the page does not have.
 */

const ROOT = path.resolve(__dirname, '../../..');
const SELF = path.relative(ROOT, __filename).replaceAll('\\', '/');

const SKIPPED_DIRECTORIES = new Set([
  'node_modules',
  'dist',
  'build',
  'coverage',
  '.git',
  'data',
  'tmp',
  'screenshots',
]);
const SKIPPED_PATHS = new Set(['client/src/generated', 'package-lock.json', SELF]);
const SCANNED = /\.(ts|tsx|js|mjs|cjs|md|yml|yaml|json|graphql|sh)$|(^|\/)(Dockerfile|run|\.env\.example)$/;

/** Citations of documents outside the repository. */
const OUTSIDE = [
  /\bSPEC §/,
  /\bSECURITY §/,
  /\bSPEC\.md\b/,
  /\bSECURITY\.md\b/,
  /\bapis\.md\b/,
  /\.\.\/shared\b/,
  /\/work\/shared\b/,
];

function repositoryFiles(dir = ''): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = dir ? `${dir}/${entry.name}` : entry.name;
    if (SKIPPED_PATHS.has(relative)) return [];
    if (entry.isDirectory()) return SKIPPED_DIRECTORIES.has(entry.name) ? [] : repositoryFiles(relative);
    return entry.isFile() && SCANNED.test(relative) ? [relative] : [];
  });
}

interface Line {
  file: string;
  number: number;
  text: string;
}

function linesOf(files: string[]): Line[] {
  return files.flatMap((file) =>
    fs
      .readFileSync(path.join(ROOT, file), 'utf8')
      .split('\n')
      .map((text, index) => ({ file, number: index + 1, text })),
  );
}

const where = (line: Line) => `${line.file}:${line.number}: ${line.text.trim()}`;

/** `docs/<page>.md`, optionally followed by sections: `§3`, `§1, §2`, `§1–§3`, `item 68`, `items 63–74`. */
const CITATION =
  /(?<![\w/.-])docs\/([\w./-]+?\.md)((?:(?:\s*[,;]\s*|\s+and\s+|\s+)(?:§\s?\d+(?:\s*[–-]\s*§?\d+)?|items?\s+\d+(?:\s*[–-]\s*\d+)?))*)/g;

const pages = new Map<string, { headings: Set<number>; items: Set<number> }>();

/** A page's numbered headings (`## 3. …`) and numbered table rows (`| 68 | …`, docs/security.md's items). */
function sectionsOf(page: string): { headings: Set<number>; items: Set<number> } {
  let sections = pages.get(page);
  if (!sections) {
    const text = fs.readFileSync(path.join(ROOT, 'docs', page), 'utf8');
    sections = {
      headings: new Set([...text.matchAll(/^#{1,4}\s+(\d+)[.\s]/gm)].map((m) => Number(m[1]))),
      items: new Set([...text.matchAll(/^\|\s*(\d+)\s*\|/gm)].map((m) => Number(m[1]))),
    };
    pages.set(page, sections);
  }
  return sections;
}

function citedProblems(line: Line): string[] {
  const problems: string[] = [];
  for (const match of line.text.matchAll(CITATION)) {
    const page = match[1];
    if (!fs.existsSync(path.join(ROOT, 'docs', page))) {
      problems.push(`${where(line)} (docs/${page} does not exist)`);
      continue;
    }
    const tail = match[2] ?? '';
    if (!tail) continue;
    const { headings, items } = sectionsOf(page);
    for (const part of tail.matchAll(/(§|items?\s+)\s?(\d+)(?:\s*[–-]\s*§?(\d+))?/g)) {
      const known = part[1] === '§' ? headings : items;
      for (const n of [part[2], part[3]].filter(Boolean).map(Number)) {
        if (!known.has(n)) problems.push(`${where(line)} (docs/${page} has no ${part[1] === '§' ? '§' : 'item '}${n})`);
      }
    }
  }
  return problems;
}

describe('citations in the repository', () => {
  const files = repositoryFiles();
  const lines = linesOf(files);

  it('scans the source and the docs', () => {
    expect(files.length).toBeGreaterThan(300);
    expect(files).toEqual(expect.arrayContaining(['README.md', 'docs/product.md', 'server/src/config.ts']));
    expect(files.some((file) => file.startsWith('client/src/') && file.endsWith('.tsx'))).toBe(true);
    expect(files.some((file) => file.includes('node_modules') || file.startsWith('client/src/generated'))).toBe(false);
  });

  it('cite no document kept outside the repository', () => {
    const outside = lines.filter((line) => OUTSIDE.some((pattern) => pattern.test(line.text))).map(where);
    expect(outside).toEqual([]);
  });

  it('cite only docs pages that exist, and sections those pages have', () => {
    expect(lines.flatMap(citedProblems)).toEqual([]);
  });
});
