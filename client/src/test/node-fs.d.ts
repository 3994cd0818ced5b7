// The client compiles without Node's types; a test that reads a repository file needs just this from node:fs.
declare module 'node:fs' {
  export function readFileSync(path: string, encoding: 'utf8'): string;
}
