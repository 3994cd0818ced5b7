// GraphiQL 5 edits with Monaco, whose language services run in web workers. The `?worker` imports make
// Vite bundle each worker into dist/ (no CDN, works offline). This is graphiql's own
// `graphiql/setup-workers/vite`, kept in our source so that Vite's dev server can serve it too.
import JsonWorker from 'monaco-editor/esm/vs/language/json/json.worker.js?worker';
import GraphQLWorker from './graphql.worker.ts?worker';
import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker.js?worker';

interface MonacoEnvironment {
  getWorker(workerId: string, label: string): Worker;
}

(globalThis as { MonacoEnvironment?: MonacoEnvironment }).MonacoEnvironment = {
  getWorker(_workerId, label) {
    if (label === 'json') return new JsonWorker();
    if (label === 'graphql') return new GraphQLWorker();
    return new EditorWorker();
  },
};
