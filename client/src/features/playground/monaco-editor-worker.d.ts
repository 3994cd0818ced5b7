// monaco-editor ships no types for its worker entry; this is the one function the GraphQL worker calls.
declare module 'monaco-editor/esm/vs/editor/editor.worker.js' {
  export function initialize(factory: (ctx: unknown, createData: unknown) => unknown): void;
}
