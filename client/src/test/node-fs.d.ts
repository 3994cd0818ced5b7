// The client compiles without Node's types; tests that read repository files need just these from node:fs.
declare module 'node:fs' {
  export function readFileSync(path: string, encoding: 'utf8'): string;
  export function readdirSync(path: string, options: { recursive: true; encoding: 'utf8' }): string[];
}
