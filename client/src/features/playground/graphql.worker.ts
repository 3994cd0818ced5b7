// Monaco's GraphQL language worker, as monaco-graphql/esm/graphql.worker.js builds it. Having the entry
// in our source lets Vite's dev server pre-bundle GraphQLWorker (its dependencies are partly CommonJS).
import { initialize } from 'monaco-editor/esm/vs/editor/editor.worker.js';
import { GraphQLWorker } from 'monaco-graphql/esm/GraphQLWorker.js';

globalThis.onmessage = () => {
  initialize((ctx, createData) => new GraphQLWorker(ctx as never, createData as never));
};
