import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

// In development the API runs on :4000; Vite serves the dashboard and forwards the rest.
const apiOrigin = process.env.MOBIUS_API_ORIGIN ?? 'http://localhost:4000';
const proxied = ['/graphql', '/oauth', '/healthz'];

/** Dev only: fills the mailbox meta tag that the Mobius server rewrites in production builds. */
function mailboxUrlTag(): Plugin {
  return {
    name: 'mobius-mailbox-url',
    apply: 'serve',
    transformIndexHtml(html) {
      const url = process.env.MOBIUS_MAILBOX_URL ?? '';
      const escaped = url.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
      return html.replace(
        '<meta name="mobius-mailbox-url" content="" />',
        `<meta name="mobius-mailbox-url" content="${escaped}" />`,
      );
    },
  };
}

export default defineConfig({
  plugins: [react(), mailboxUrlTag()],
  server: {
    port: 5173,
    proxy: Object.fromEntries(proxied.map((path) => [path, { target: apiOrigin, changeOrigin: false }])),
  },
  optimizeDeps: {
    // The GraphQL worker (src/features/playground/graphql.worker.ts) is served unbundled in dev;
    // GraphQLWorker's dependencies include CommonJS modules, so it is pre-bundled like an app dependency.
    include: ['monaco-graphql/esm/GraphQLWorker.js', 'monaco-editor/esm/vs/editor/editor.worker.js'],
  },
  preview: {
    host: '127.0.0.1',
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // No source maps in the build: they would publish the whole client source (docs/request-hardening.md).
    sourcemap: false,
    // GraphiQL's Monaco editor is large; it sits in its own lazily loaded chunks.
    chunkSizeWarningLimit: 3000,
    rolldownOptions: {
      onwarn(warning, warn) {
        // GraphiQL ships React Compiler output marked "use no memo"; dropping the directive is harmless.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
      output: {
        // Every module the entry imports statically (the shell: React, the router, Apollo, Mantine's core,
        // the guards) goes into the one entry chunk, rather than into many small shared chunks that
        // index.html would modulepreload one by one; pages stay lazy chunks (docs/performance.md).
        codeSplitting: {
          groups: [{ name: 'shell', tags: ['$initial'] }],
        },
      },
    },
  },
  worker: {
    format: 'es',
  },
});
