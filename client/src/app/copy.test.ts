import { readdirSync, readFileSync } from 'node:fs';

// Jest runs this file as CommonJS in Node (the client compiles without Node's types).
declare const __dirname: string;
const SRC = `${__dirname}/..`;

/** The dashboard's own source files (not tests, fixtures or generated code). */
function sourceFiles(): string[] {
  return readdirSync(SRC, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(ts|tsx)$/.test(file))
    .filter((file) => !/\.test\.tsx?$|^generated\/|^test\//.test(file.replaceAll('\\', '/')));
}

/** The file without its comments, so only what can reach the page is checked. */
function withoutComments(text: string): string {
  return text
    .replace(/\{\/\*[\s\S]*?\*\/\}/g, '')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

describe('the words of the dashboard', () => {
  it('use the typographic apostrophe (’) throughout, never a straight one', () => {
    const files = sourceFiles();
    expect(files.length).toBeGreaterThan(50);
    const straight = files.flatMap((file) =>
      withoutComments(readFileSync(`${SRC}/${file}`, 'utf8'))
        .split('\n')
        .filter((line) => /[A-Za-z](?:'|&apos;|\\')[a-z]/.test(line))
        .map((line) => `${file}: ${line.trim()}`),
    );
    expect(straight).toEqual([]);
  });
});
